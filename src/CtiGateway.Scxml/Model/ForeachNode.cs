namespace CtiGateway.Scxml.Model;

/// <summary><c>&lt;foreach array item index&gt;</c>.</summary>
internal sealed class ForeachNode : ExecNode
{
    public required ScriptExpr Array { get; init; }

    public required ScriptExpr Item { get; init; }

    public ScriptExpr? Index { get; init; }

    public required IReadOnlyList<ExecNode> Body { get; init; }
}
