namespace CtiGateway.Scxml.Model;

/// <summary>A line and column in the source document (1-based; 0 when unknown).</summary>
internal readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
