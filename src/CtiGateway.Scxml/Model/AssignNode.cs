namespace CtiGateway.Scxml.Model;

/// <summary><c>&lt;assign location expr&gt;</c> or with inline content.</summary>
internal sealed class AssignNode : ExecNode
{
    public required ScriptExpr Location { get; init; }

    public ScriptExpr? Expr { get; init; }

    public ContentNode? Content { get; init; }
}
