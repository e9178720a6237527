namespace CtiGateway.Scxml.Model;

/// <summary><c>&lt;send&gt;</c> with all its attributes.</summary>
internal sealed class SendNode : ExecNode
{
    public string? Event { get; init; }

    public ScriptExpr? EventExpr { get; init; }

    public string? Target { get; init; }

    public ScriptExpr? TargetExpr { get; init; }

    public string? Type { get; init; }

    public ScriptExpr? TypeExpr { get; init; }

    public string? Id { get; init; }

    public ScriptExpr? IdLocation { get; init; }

    /// <summary>ORS <c>sendid</c>: an expression whose value names the send.</summary>
    public ScriptExpr? IdExpr { get; init; }

    /// <summary>ORS <c>sendid</c> when it is also a location: it receives a generated id when its value is empty.</summary>
    public ScriptExpr? IdExprLocation { get; init; }

    public string? Delay { get; init; }

    public ScriptExpr? DelayExpr { get; init; }

    public IReadOnlyList<(string Name, ScriptExpr Expr)> Namelist { get; init; } = [];

    public IReadOnlyList<ParamNode> Params { get; init; } = [];

    public ContentNode? Content { get; init; }
}
