namespace CtiGateway.Scxml.Model;

/// <summary>One element of executable content.</summary>
internal abstract class ExecNode
{
    public required SourcePosition Position { get; init; }
}
