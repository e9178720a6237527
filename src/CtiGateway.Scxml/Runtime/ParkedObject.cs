namespace CtiGateway.Scxml.Runtime;

/// <summary>A stored plain object: own enumerable, writable, configurable data properties in their order.</summary>
internal sealed class ParkedObject(string[] keys, object[] values)
{
    public string[] Keys { get; } = keys;

    public object[] Values { get; } = values;
}
