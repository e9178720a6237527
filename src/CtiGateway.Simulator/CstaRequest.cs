using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>A CSTA-XML request (or response) received by the switch side: its root element and its child fields.</summary>
/// <param name="Element">The root's local name, e.g. "MakeCall".</param>
/// <param name="Namespace">The root's namespace URI.</param>
/// <param name="Fields">The root's child elements by local name (the first of each name wins).</param>
public sealed record CstaRequest(string Element, string Namespace, IReadOnlyDictionary<string, CstaRequestField> Fields)
{
    /// <summary>The text of child <paramref name="name"/>, or null.</summary>
    public string? Text(string name) => Fields.TryGetValue(name, out var field) ? field.Text : null;

    /// <summary>The ConnectionID in child <paramref name="name"/>, or null when absent or incomplete.</summary>
    public CstaConnectionId? Connection(string name) =>
        Fields.TryGetValue(name, out var field) && field.CallId is not null && field.DeviceId is not null
            ? new CstaConnectionId(field.CallId, field.DeviceId)
            : null;
}
