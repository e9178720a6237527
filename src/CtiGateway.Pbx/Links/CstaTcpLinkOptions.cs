using System.Buffers;
using System.Text;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Pbx.Links;

/// <summary>Settings of one CSTA-XML-over-TCP link.</summary>
public sealed record CstaTcpLinkOptions
{
    /// <summary>Link name used in events and hardware-error records.</summary>
    public required string Name { get; init; }

    /// <summary>Dialect flavour (namespace of SystemStatusResponse and of the default keep-alive).</summary>
    public CstaDialectFlavour Flavour { get; init; } = CstaDialectFlavour.OsvEd4;

    /// <summary>Largest accepted frame, header included (8..65535); also the resync budget.</summary>
    public int MaxFrameSize { get; init; } = CstaWire.MaxFrameSize;

    /// <summary>kpl-interval (zero disables keep-alive).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>kpl-tolerance.</summary>
    public int KeepAliveTolerance { get; init; } = 3;

    /// <summary>Writes the keep-alive request body; null sends a SystemStatus request (status "normal").</summary>
    public Action<IBufferWriter<byte>, CstaDialectFlavour>? KeepAliveRequest { get; init; }

    /// <summary>
    /// The ECMA-354 application session opened after each TCP connect (DMCC-style profiles); null opens none. The link
    /// reports itself up only once the session is started.
    /// </summary>
    public CstaApplicationSessionOptions? ApplicationSession { get; init; }

    /// <summary>
    /// OSV style (profile <c>dialect.switch-sends-system-status-first</c> over TCP): the switch speaks first with a
    /// SystemStatus request; the link answers it and reports itself up only once it came (within
    /// <see cref="StartupTimeout"/>).
    /// </summary>
    public bool AwaitSystemStatus { get; init; }

    /// <summary>
    /// Profile <c>dialect.system-register</c>: after connect (and after the switch's SystemStatus when awaited) the link
    /// sends SystemRegister and reports itself up only once SystemRegisterResponse came (within
    /// <see cref="StartupTimeout"/>).
    /// </summary>
    public bool SystemRegister { get; init; }

    /// <summary>
    /// How long the whole start-up exchange (the switch's SystemStatus, StartApplicationSession, SystemRegister) may
    /// take from connect; past it the missing message is a hardware error (cause <c>startup-timeout</c>) and the link
    /// reconnects with backoff. Profile <c>dialect.startup-timeout-ms</c>; default 5 s.
    /// </summary>
    public TimeSpan StartupTimeout { get; init; } = DialectSettings.DefaultStartupTimeout;

    /// <summary>Whether the link has a start-up exchange and is therefore up only once it is complete.</summary>
    public bool HasStartupExchange => AwaitSystemStatus || SystemRegister || ApplicationSession is not null;

    /// <summary>
    /// Drop and reconnect the link when its hardware errors held at or over this rate for this window (see
    /// CstaTcpLink.Storm.cs); null never drops for errors.
    /// </summary>
    public ErrorStormThreshold? ErrorStorm { get; init; }

    /// <summary>Creates the reconnect policy of the link; null uses 1 s doubling to 30 s, 20 % jitter, reset after 60 s.</summary>
    public Func<ReconnectPolicy>? ReconnectPolicyFactory { get; init; }

    /// <summary>Time source (tests may pass a fake one).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Capacity of the upward message channel (the reader waits when full: back-pressure to the switch).</summary>
    public int MessageQueueCapacity { get; init; } = 4096;

    /// <summary>
    /// These options with the start-up exchange of <paramref name="profile"/>'s dialect: SystemRegister when
    /// <c>system-register</c>, the start-up timeout, and the wait for the switch's SystemStatus when
    /// <c>switch-sends-system-status-first</c> over TCP. Over a serial line the switch's SystemStatus belongs to the line,
    /// not to one connection of the gateway (a BSC line has no set-up the switch could see, and the switch side of a
    /// LAPB line outlives a link reset), so there it is answered whenever it comes and SystemRegister alone gates the
    /// link.
    /// </summary>
    public CstaTcpLinkOptions WithStartupOf(FirmwareProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return this with
        {
            AwaitSystemStatus = profile.Dialect.SwitchSendsSystemStatusFirst && profile.Transport.Kind == TransportKind.Tcp,
            SystemRegister = profile.Dialect.SystemRegister,
            StartupTimeout = profile.Dialect.StartupTimeout,
        };
    }

    internal static void WriteSystemStatusRequest(IBufferWriter<byte> output, CstaDialectFlavour flavour)
    {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SystemStatus xmlns=\"" + CstaNamespaces.For(flavour)
            + "\"><systemStatus>normal</systemStatus></SystemStatus>";
        var span = output.GetSpan(Encoding.UTF8.GetByteCount(xml));
        var written = Encoding.UTF8.GetBytes(xml, span);
        output.Advance(written);
    }
}
