using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using CtiGateway.Pbx.Lapb;

namespace CtiGateway.Pbx.SerialLinks;

/// <summary>
/// Runs a <see cref="LapbLink"/> over an <see cref="IDuplexPipe"/> (a serial line or anything else): async HDLC
/// framing in both directions, T1 from the <see cref="TimeProvider"/>, information fields in through
/// <see cref="PipeLinkDriver.SendAsync"/> and out through <see cref="PipeLinkDriver.Delivered"/>, link events
/// (up, down, reset, FRMR) through <see cref="Events"/>. Frames with a bad FCS are counted as hardware errors and
/// dropped; LAPB recovers them by REJ or T1 retransmission.
/// </summary>
internal sealed class LapbPipeDriver : PipeLinkDriver
{
    private readonly LapbLink _link;
    private readonly HdlcFrameReader _reader = new();
    private readonly ArrayBufferWriter<byte> _frame = new();
    private readonly Channel<LapbLinkEvent> _events = Channel.CreateUnbounded<LapbLinkEvent>(new UnboundedChannelOptions { SingleWriter = true });

    /// <summary>Creates a driver for one end of a LAPB link.</summary>
    /// <param name="pipe">The line.</param>
    /// <param name="options">LAPB parameters (<see cref="LapbOptions"/> defaults: Meridian DTE; <see cref="LapbOptions.Dce"/> for the switch side).</param>
    /// <param name="timeProvider">Clock for T1; the system clock when null.</param>
    /// <param name="onFramingError">Called (under the driver's lock, keep it short) for every framing error: the hardware-error record.</param>
    /// <param name="corrupter">Optional fault injection on the output side.</param>
    public LapbPipeDriver(IDuplexPipe pipe, LapbOptions options, TimeProvider? timeProvider = null,
        Action<PbxFramingException>? onFramingError = null, FrameCorrupter? corrupter = null)
        : base(pipe, timeProvider, onFramingError, corrupter)
    {
        _link = new LapbLink(options);
    }

    /// <summary>Link events in the order they happened.</summary>
    public ChannelReader<LapbLinkEvent> Events => _events.Reader;

    /// <inheritdoc />
    protected override int QueuedPayloads => _link.PendingCount;

    /// <inheritdoc />
    protected override TimeSpan? NextDeadline => _link.NextDeadline;

    /// <inheritdoc />
    protected override void OnStart(TimeSpan now) => _link.Start(now);

    /// <inheritdoc />
    protected override void OnSend(ReadOnlySpan<byte> payload, TimeSpan now) => _link.Send(payload, now);

    /// <inheritdoc />
    protected override bool TryReadAndReceive(ref ReadOnlySequence<byte> buffer, TimeSpan now)
    {
        if (!_reader.TryReadFrame(ref buffer, out var frame, _link.Options.MaxFrameSize))
        {
            return false;
        }

        _link.Receive(frame.Content.Span, now);
        return true;
    }

    /// <inheritdoc />
    protected override void OnFramingError(PbxFramingException error, TimeSpan now)
    {
        // LAPB ignores a frame with a bad FCS; REJ or T1 recovery resends it.
    }

    /// <inheritdoc />
    protected override void OnTimer(TimeSpan now) => _link.Tick(now);

    /// <inheritdoc />
    protected override void WriteOutgoing(IBufferWriter<byte> writer)
    {
        while (_link.TryDequeueOutgoing(out var frame))
        {
            _frame.ResetWrittenCount();
            frame.Write(_frame);
            if (Corrupter is { } corrupter)
            {
                corrupter.WriteHdlcFrame(_frame.WrittenSpan, frame.Kind == LapbFrameKind.I, writer);
            }
            else
            {
                HdlcFrameWriter.Write(_frame.WrittenSpan, writer);
            }
        }
    }

    /// <inheritdoc />
    protected override void DrainLink(TimeSpan now)
    {
        while (_link.TryDequeueDelivered(out var information))
        {
            Deliver(information);
        }

        while (_link.TryDequeueEvent(out var linkEvent))
        {
            _events.Writer.TryWrite(linkEvent);
        }
    }
}
