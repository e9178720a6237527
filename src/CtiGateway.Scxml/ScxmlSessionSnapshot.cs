namespace CtiGateway.Scxml;

/// <summary>A consistent view of a session taken between two of its macrosteps.</summary>
/// <param name="ActiveStates">The ids of the active states, document order (compound and atomic).</param>
/// <param name="DataModelJson">The document's declared data as one JSON object (functions and undefined values left out).</param>
public sealed record ScxmlSessionSnapshot(IReadOnlyList<string> ActiveStates, string DataModelJson);
