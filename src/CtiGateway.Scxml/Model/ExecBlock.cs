namespace CtiGateway.Scxml.Model;

/// <summary>A block of executable content (onentry, onexit, a transition body, finalize): an error skips the rest.</summary>
internal sealed class ExecBlock(IReadOnlyList<ExecNode> nodes)
{
    public IReadOnlyList<ExecNode> Nodes { get; } = nodes;
}
