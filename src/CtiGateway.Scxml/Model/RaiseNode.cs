namespace CtiGateway.Scxml.Model;

/// <summary><c>&lt;raise event&gt;</c>.</summary>
internal sealed class RaiseNode : ExecNode
{
    public required string Event { get; init; }

    public IReadOnlyList<ParamNode> Params { get; init; } = [];
}
