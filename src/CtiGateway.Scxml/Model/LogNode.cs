namespace CtiGateway.Scxml.Model;

/// <summary><c>&lt;log label expr&gt;</c>.</summary>
internal sealed class LogNode : ExecNode
{
    public string? Label { get; init; }

    public ScriptExpr? Expr { get; init; }

    public string? Level { get; init; }
}
