using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using CtiGateway.Pbx.Bsc;

namespace CtiGateway.Pbx.SerialLinks;

/// <summary>
/// Runs a <see cref="BscLink"/> over an <see cref="IDuplexPipe"/>: BSC units in both directions, the sender and
/// receiver timers from the <see cref="TimeProvider"/>, texts in through <see cref="PipeLinkDriver.SendAsync"/>
/// and out through <see cref="PipeLinkDriver.Delivered"/>, state changes (including
/// <see cref="BscLinkState.Down"/>) through <see cref="StateChanges"/>. A block with a bad BCC is counted as a
/// hardware error and answered NAK, so the sender retries it.
/// </summary>
internal sealed class BscPipeDriver : PipeLinkDriver
{
    private readonly BscLink _link;
    private readonly BscLinkOptions _options;
    private readonly BscCodeTable _codes;
    private readonly Channel<BscLinkState> _states = Channel.CreateUnbounded<BscLinkState>(new UnboundedChannelOptions { SingleWriter = true });
    private BscLinkState _lastState;

    /// <summary>Creates a driver for one end of a BSC link.</summary>
    /// <param name="pipe">The line.</param>
    /// <param name="options">Timers and retries (<see cref="BscLinkOptions"/> defaults: NEAX page 10).</param>
    /// <param name="codes">Control codes; <see cref="BscCodeTable.Neax"/> when null.</param>
    /// <param name="timeProvider">Clock for the timers; the system clock when null.</param>
    /// <param name="onFramingError">Called (under the driver's lock, keep it short) for every framing error: the hardware-error record.</param>
    /// <param name="corrupter">Optional fault injection on the output side.</param>
    public BscPipeDriver(IDuplexPipe pipe, BscLinkOptions options, BscCodeTable? codes = null, TimeProvider? timeProvider = null,
        Action<PbxFramingException>? onFramingError = null, FrameCorrupter? corrupter = null)
        : base(pipe, timeProvider, onFramingError, corrupter)
    {
        _link = new BscLink(options);
        _options = options;
        _codes = codes ?? BscCodeTable.Neax;
        _lastState = _link.State;
    }

    /// <summary>Every change of the link state, in order.</summary>
    public ChannelReader<BscLinkState> StateChanges => _states.Reader;

    /// <summary>Why the link went down, or null.</summary>
    public string? FailureReason => _link.FailureReason;

    /// <inheritdoc />
    protected override int QueuedPayloads => _link.PendingSendCount;

    /// <inheritdoc />
    protected override TimeSpan? NextDeadline => _link.NextDeadline;

    /// <inheritdoc />
    protected override void OnStart(TimeSpan now)
    {
        // A BSC link is idle until one side bids.
    }

    /// <inheritdoc />
    protected override void OnSend(ReadOnlySpan<byte> payload, TimeSpan now) => _link.Enqueue(payload, now);

    /// <inheritdoc />
    protected override bool TryReadAndReceive(ref ReadOnlySequence<byte> buffer, TimeSpan now)
    {
        if (!BscFrameReader.TryRead(ref buffer, out var unit, _options.MaxBlockSize, _codes))
        {
            return false;
        }

        _link.OnUnit(unit, now);
        return true;
    }

    /// <inheritdoc />
    protected override void OnFramingError(PbxFramingException error, TimeSpan now) => _link.OnFramingError(error, now);

    /// <inheritdoc />
    protected override void OnTimer(TimeSpan now) => _link.OnTimer(now);

    /// <inheritdoc />
    protected override void WriteOutgoing(IBufferWriter<byte> writer)
    {
        foreach (var unit in _link.TakeOutgoing())
        {
            if (Corrupter is { } corrupter)
            {
                corrupter.WriteBscUnit(unit, _options.MaxBlockSize, _codes, writer);
            }
            else
            {
                BscFrameWriter.Write(writer, unit, _options.MaxBlockSize, _codes);
            }
        }
    }

    /// <inheritdoc />
    protected override void DrainLink(TimeSpan now)
    {
        foreach (var text in _link.TakeDelivered())
        {
            Deliver(text);
        }

        if (_link.State != _lastState)
        {
            _lastState = _link.State;
            _states.Writer.TryWrite(_lastState);
        }
    }
}
