using System.IO.Pipelines;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Pbx.SerialLinks;

namespace CtiGateway.Pbx.Links;

/// <summary>
/// A switch link over a serial line: each connection opens the line (through the caller's opener, which owns the
/// port settings), runs the profile's link layer at the host end (LAPB DTE or BSC secondary) and returns the CSTA-XML
/// byte stream it carries, so that <see cref="CstaTcpLink"/> supervises it exactly like a TCP link (keep-alive,
/// reconnect with backoff, MonitorStart). LAPB: the connection is up once SABM/UA is done; a LAPB reset or loss, a
/// BSC link failure or the line closing ends the connection. Bad FCS/BCC and oversize frames reach the link as
/// hardware errors (<see cref="ILinkErrorSource"/>).
/// </summary>
public sealed class SerialLinkTransport : ILinkTransport
{
    /// <summary>The smallest usable LAPB N1: address, control, the two FCS octets and one information octet.</summary>
    public const int MinLapbN1 = SerialFramingOptions.MinN1;

    private readonly Func<CancellationToken, Task<IDuplexPipe>> _openLine;
    private readonly FirmwareProfile _profile;
    private readonly TimeProvider _time;

    /// <summary>Creates the transport.</summary>
    /// <param name="device">The device path, for descriptions (<c>/dev/ttyS0</c>).</param>
    /// <param name="profile">A serial LAPB or BSC profile.</param>
    /// <param name="openLine">Opens the line; the returned pipe is disposed (if <see cref="IAsyncDisposable"/>) when the connection ends.</param>
    /// <param name="timeProvider">Clock of the link-layer timers.</param>
    /// <exception cref="ArgumentException">The profile is not a serial LAPB or BSC profile, or its N1 is too small.</exception>
    public SerialLinkTransport(string device, FirmwareProfile profile, Func<CancellationToken, Task<IDuplexPipe>> openLine, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(openLine);
        if (profile.Transport.Kind != TransportKind.Serial || profile.Framing.Kind is not (FramingKind.Lapb or FramingKind.Bsc))
        {
            throw new ArgumentException($"profile {profile.Id} is not a serial LAPB or BSC profile.", nameof(profile));
        }

        if (profile.Framing.Lapb is { } lapb)
        {
            _ = SerialFramingOptions.Lapb(lapb, switchSide: false);
        }

        Device = device;
        _profile = profile;
        _openLine = openLine;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The device path.</summary>
    public string Device { get; }

    /// <summary>How long a LAPB set-up may take before the attempt counts as failed: T1 x (N2 + 1).</summary>
    public TimeSpan SetupTimeout => _profile.Framing.Lapb is { } lapb ? lapb.T1 * (lapb.N2 + 1) : TimeSpan.Zero;

    /// <inheritdoc/>
    public string Description => $"serial {Device} ({(_profile.Framing.Kind == FramingKind.Lapb ? "LAPB DTE" : "BSC secondary")})";

    /// <inheritdoc/>
    public async ValueTask<IDuplexPipe> ConnectAsync(CancellationToken cancellationToken)
    {
        var line = await _openLine(cancellationToken).ConfigureAwait(false);
        var owner = line as IAsyncDisposable;
        var adapter = _profile.Framing.Lapb is { } lapb
            ? CstaLinkAdapter.ForLapb(line, SerialFramingOptions.Lapb(lapb, switchSide: false), _time, corrupter: null, endOnLinkLoss: true, owner)
            : CstaLinkAdapter.ForBsc(line, SerialFramingOptions.Bsc(_profile.Framing.Bsc!, switchSide: false), _time, corrupter: null, endOnLinkLoss: true, owner);
        try
        {
            await adapter.StartAsync(cancellationToken).ConfigureAwait(false);
            if (_profile.Framing.Kind == FramingKind.Lapb)
            {
                await adapter.WaitForLinkUpAsync(SetupTimeout, cancellationToken).ConfigureAwait(false);
            }

            return adapter;
        }
        catch
        {
            await adapter.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
