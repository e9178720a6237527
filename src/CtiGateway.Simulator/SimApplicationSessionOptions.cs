using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>
/// The AES side of ECMA-354 application sessions (Avaya DMCC style, switch.md 1.3). With these options the
/// simulator sends no SystemStatus at start-up; a link must start a session (StartApplicationSession) before any
/// other request, the session ends (and the link is closed, as the AES drops the session) when its timer runs out
/// without a ResetApplicationSessionTimer, and StopApplicationSession ends it on request.
/// </summary>
public sealed record SimApplicationSessionOptions
{
    /// <summary>
    /// The protocol versions accepted in requestedProtocolVersions; empty accepts any ed3 version (ed3 and ed3/privN).
    /// Anything else gets StartApplicationSessionNegResponse with definedError requestedProtocolVersionNotSupported.
    /// </summary>
    public IReadOnlyList<string> AcceptedProtocolVersions { get; init; } = [];

    /// <summary>The longest session granted: actualSessionDuration = min(requested, this). AES samples grant 180 s.</summary>
    public TimeSpan MaxSessionDuration { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>
    /// Strict DMCC device naming (profile <c>dialect.device-id</c> <c>get-device-id</c>): a station named by its plain
    /// DN in MonitorStart, MakeCall, SnapshotDevice, agent services or a connection's deviceID is refused with
    /// CSTAErrorCode operation/invalidDeviceID, as an AES does; only device identifiers from GetDeviceId
    /// (<c>7001:CM1:0.0.0.0:0</c>) are accepted, and events name stations by those identifiers.
    /// </summary>
    public bool RequireDeviceIds { get; init; }

    /// <summary>
    /// The AES user StartApplicationSession must log in as (acx:SessionLoginInfo userName); null accepts any log-in
    /// or none. A missing or different user name or password gets StartApplicationSessionNegResponse.
    /// </summary>
    public string? UserName { get; init; }

    /// <summary>The password of <see cref="UserName"/>.</summary>
    public string? Password { get; init; }

    /// <summary>Whether <paramref name="version"/> is accepted.</summary>
    public bool Accepts(string version) =>
        AcceptedProtocolVersions.Count == 0
            ? version == CstaNamespaces.Ed3 || version.StartsWith(CstaNamespaces.Ed3 + "/", StringComparison.Ordinal)
            : AcceptedProtocolVersions.Contains(version, StringComparer.Ordinal);
}
