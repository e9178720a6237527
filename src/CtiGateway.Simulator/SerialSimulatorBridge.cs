using System.IO.Pipelines;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Pbx.SerialLinks;

namespace CtiGateway.Simulator;

/// <summary>
/// The switch side of a serial link: runs the profile's link layer over the line (LAPB: switch = DCE with the
/// profile's addresses, T1, T3, N1, N2 and k; BSC: switch = primary with the profile's timers and retries) and
/// connects the CSTA-XML stream it carries to one <see cref="CstaSimulatorServer"/> link. The carriage of CSTA frames
/// is the gateway's (docs/wire-format.md "CSTA-XML over serial links"): LAPB cuts each frame into information fields
/// of at most N1 - 4 octets; BSC sends one text per frame, invoke id as 4 ASCII digits then the XML body.
/// Optional fault injection corrupts a share of the data frames it sends (one flipped bit inside the FCS/BCC-covered
/// part) and counts them, so a test can compare the count with the gateway's hardware errors.
/// </summary>
public sealed class SerialSimulatorBridge : IAsyncDisposable
{
    private readonly CstaLinkAdapter _adapter;

    private SerialSimulatorBridge(CstaLinkAdapter adapter) => _adapter = adapter;

    /// <summary>CSTA frames sent to the gateway so far.</summary>
    public long FramesSent => _adapter.FramesOut;

    /// <summary>The digest of the CSTA frames sent so far, in order (<see cref="Pbx.Csta.CstaFrameDigest"/>).</summary>
    public ulong FramesSentDigest => _adapter.FramesOutDigest;

    /// <summary>Data frames (LAPB I frames, BSC text blocks) corrupted on purpose so far.</summary>
    public long CorruptedFrames => _adapter.Corrupter?.CorruptedFrames ?? 0;

    /// <summary>Framing errors seen on the line from the gateway's side.</summary>
    public long LineErrors => _adapter.LineErrors;

    /// <summary>Starts the link layer on <paramref name="line"/> and attaches a simulator link to it.</summary>
    /// <param name="server">The simulator.</param>
    /// <param name="line">The serial line (left open on dispose: it stays with its owner).</param>
    /// <param name="profile">A serial LAPB or BSC profile.</param>
    /// <param name="time">Clock of the link-layer timers.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="corruptPercent">Share of the data frames sent to corrupt (0..100).</param>
    /// <param name="seed">Seed of the corruption draws (a fixed seed repeats the same run).</param>
    /// <exception cref="ArgumentException">The profile is not a LAPB or BSC serial profile.</exception>
    public static async Task<SerialSimulatorBridge> StartAsync(CstaSimulatorServer server, IDuplexPipe line, FirmwareProfile profile,
        TimeProvider? time = null, CancellationToken cancellationToken = default, double corruptPercent = 0, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(profile);
        var corrupter = corruptPercent > 0 ? new FrameCorrupter(corruptPercent, new Random(seed)) : null;
        var adapter = profile.Framing switch
        {
            { Kind: FramingKind.Lapb, Lapb: { } lapb } =>
                CstaLinkAdapter.ForLapb(line, SerialFramingOptions.Lapb(lapb, switchSide: true), time, corrupter, endOnLinkLoss: false, lineOwner: null),
            { Kind: FramingKind.Bsc, Bsc: { } bsc } =>
                CstaLinkAdapter.ForBsc(line, SerialFramingOptions.Bsc(bsc, switchSide: true), time, corrupter, endOnLinkLoss: false, lineOwner: null),
            _ => throw new ArgumentException($"profile {profile.Id} has {profile.Framing.Kind} framing; a serial simulator needs lapb or bsc.", nameof(profile)),
        };
        var bridge = new SerialSimulatorBridge(adapter);
        await adapter.StartAsync(cancellationToken).ConfigureAwait(false);
        server.AttachLink(adapter);
        return bridge;
    }

    /// <summary>Stops the link layer; the line itself stays with its owner.</summary>
    public ValueTask DisposeAsync() => _adapter.DisposeAsync();
}
