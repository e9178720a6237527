namespace CtiGateway.Scxml;

/// <summary>What one session gets besides its runtime's settings.</summary>
public sealed class ScxmlSessionOptions
{
    /// <summary>
    /// Host objects of this session only (such as its own <c>_genesys</c>), added after the runtime's. Their nested
    /// values can be changed later with <see cref="ScxmlHostUpdate"/>s.
    /// </summary>
    public IReadOnlyList<ScxmlHostObject> HostObjects { get; init; } = [];

    /// <summary>The session id (<c>_sessionid</c>); null for a runtime-generated one. Must be unique among live sessions.</summary>
    public string? SessionId { get; init; }
}
