using Jint.Native;

namespace CtiGateway.Scxml.Runtime;

/// <summary>
/// The stored values of a parked data model: the chart's own global variables in creation order, and the values of
/// <c>_event</c> and <c>_ioprocessors</c>. A value is a primitive <see cref="JsValue"/> (engine-independent), a
/// <see cref="ParkedObject"/> or a <see cref="ParkedArray"/>; an object reachable twice is stored once, so shared
/// references stay shared after the restore.
/// </summary>
internal sealed class ParkedDataModel(string[] names, object[] values, object? eventValue, object ioProcessors)
{
    public string[] Names { get; } = names;

    public object[] Values { get; } = values;

    /// <summary>The value of <c>_event</c> (null: the property held undefined).</summary>
    public object? Event { get; } = eventValue;

    public object IoProcessors { get; } = ioProcessors;
}
