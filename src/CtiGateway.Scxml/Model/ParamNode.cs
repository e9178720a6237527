namespace CtiGateway.Scxml.Model;

/// <summary><c>&lt;param name expr|location&gt;</c>.</summary>
internal sealed class ParamNode
{
    public required string Name { get; init; }

    public ScriptExpr? Expr { get; init; }

    public required SourcePosition Position { get; init; }
}
