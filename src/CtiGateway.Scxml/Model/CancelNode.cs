namespace CtiGateway.Scxml.Model;

/// <summary><c>&lt;cancel sendid|sendidexpr&gt;</c>.</summary>
internal sealed class CancelNode : ExecNode
{
    public string? SendId { get; init; }

    public ScriptExpr? SendIdExpr { get; init; }
}
