namespace CtiGateway.Scxml.Model;

/// <summary><c>&lt;invoke&gt;</c>.</summary>
internal sealed class InvokeNode
{
    public required StateNode State { get; init; }

    public required SourcePosition Position { get; init; }

    public string? Type { get; init; }

    public ScriptExpr? TypeExpr { get; init; }

    public string? Src { get; init; }

    public ScriptExpr? SrcExpr { get; init; }

    public string? Id { get; init; }

    public ScriptExpr? IdLocation { get; init; }

    public IReadOnlyList<(string Name, ScriptExpr Expr)> Namelist { get; init; } = [];

    public IReadOnlyList<ParamNode> Params { get; init; } = [];

    public ContentNode? Content { get; init; }

    public bool AutoForward { get; init; }

    public ExecBlock? Finalize { get; init; }
}
