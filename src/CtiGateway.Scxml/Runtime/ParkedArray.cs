namespace CtiGateway.Scxml.Runtime;

/// <summary>A stored dense array without extra properties.</summary>
internal sealed class ParkedArray(object[] items)
{
    public object[] Items { get; } = items;
}
