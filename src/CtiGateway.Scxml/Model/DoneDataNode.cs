namespace CtiGateway.Scxml.Model;

/// <summary><c>&lt;donedata&gt;</c>: content or params.</summary>
internal sealed class DoneDataNode
{
    public ContentNode? Content { get; init; }

    public IReadOnlyList<ParamNode> Params { get; init; } = [];
}
