using System.Globalization;
using System.Text;
using CtiGateway.Pbx;
using CtiGateway.Pbx.Bsc;
using CtiGateway.Pbx.Lapb;
using CtiGateway.Pbx.SerialLinks;

namespace CtiGateway.Transport.Serial.Tests;

/// <summary>
/// Issue 3 acceptance for serial profiles: the simulator end corrupts 1% of its data frames (one bit inside the
/// FCS/BCC-covered part), the gateway end counts exactly that many bad-fcs / bad-bcc hardware errors, and every
/// payload still arrives exactly once and in order, over a real socat pseudo-terminal pair.
/// </summary>
public sealed class SerialLinkDriverTests
{
    private const int PayloadCount = 500;
    private const double CorruptPercent = 1.0;

    private static SerialLinkSettings Line(string path) => new() { PortName = path, BaudRate = 115200 };

    private static byte[] Payload(int i) => Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"<EventReport><Delivered><connID>{i:D6}</connID><device>{2000 + (i % 50)}</device></Delivered></EventReport>"));

    [Fact]
    public async Task Lapb_over_pty_recovers_every_corrupted_frame_once_and_in_order()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using SocatPtyPair pair = await SocatPtyPair.StartAsync(timeout.Token);
        await using SerialDuplexPipe simulatorLine = await SerialTransport.OpenAsync(Line(pair.PathA), timeout.Token);
        await using SerialDuplexPipe gatewayLine = await SerialTransport.OpenAsync(Line(pair.PathB), timeout.Token);

        var corrupter = new FrameCorrupter(CorruptPercent, new Random(20261122));
        var errors = new ErrorTally();
        await using var simulator = new LapbPipeDriver(simulatorLine, LapbOptions.Dce, corrupter: corrupter);
        await using var gateway = new LapbPipeDriver(gatewayLine, new LapbOptions(), onFramingError: errors.Add);
        await gateway.StartAsync(timeout.Token);
        await simulator.StartAsync(timeout.Token);

        for (var i = 0; i < PayloadCount; i++)
        {
            await simulator.SendAsync(Payload(i), timeout.Token);
        }

        await ExpectInOrderAsync(gateway.Delivered, timeout.Token);
        await WaitForCountAsync(() => errors.Count(HdlcFrameReader.CauseBadFcs), corrupter.CorruptedFrames, timeout.Token);

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"LAPB: {PayloadCount} payloads delivered; {corrupter.CorruptedFrames} I frames corrupted, {gateway.HardwareErrorCount} hardware errors."));
        Assert.True(corrupter.CorruptedFrames > 0, "the seeded 1% fault injection corrupted no frame; the test proves nothing");
        Assert.Equal(corrupter.CorruptedFrames, errors.Count(HdlcFrameReader.CauseBadFcs));
        Assert.Equal(corrupter.CorruptedFrames, gateway.HardwareErrorCount);
        Assert.Equal(0, simulator.HardwareErrorCount);
        Assert.Contains(LapbLinkEventKind.LinkUp, Drain(gateway.Events));
        Assert.Contains(LapbLinkEventKind.LinkUp, Drain(simulator.Events));
    }

    [Fact]
    public async Task Bsc_over_pty_recovers_every_corrupted_block_once_and_in_order()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        using SocatPtyPair pair = await SocatPtyPair.StartAsync(timeout.Token);
        await using SerialDuplexPipe simulatorLine = await SerialTransport.OpenAsync(Line(pair.PathA), timeout.Token);
        await using SerialDuplexPipe gatewayLine = await SerialTransport.OpenAsync(Line(pair.PathB), timeout.Token);

        var corrupter = new FrameCorrupter(CorruptPercent, new Random(20261123));
        var errors = new ErrorTally();
        await using var simulator = new BscPipeDriver(simulatorLine, new BscLinkOptions { IsPrimary = true }, corrupter: corrupter);
        await using var gateway = new BscPipeDriver(gatewayLine, new BscLinkOptions(), onFramingError: errors.Add);
        await gateway.StartAsync(timeout.Token);
        await simulator.StartAsync(timeout.Token);

        for (var i = 0; i < PayloadCount; i++)
        {
            await simulator.SendAsync(Payload(i), timeout.Token);
        }

        await ExpectInOrderAsync(gateway.Delivered, timeout.Token);
        await WaitForCountAsync(() => errors.Count("bad-bcc"), corrupter.CorruptedFrames, timeout.Token);

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"BSC: {PayloadCount} texts delivered; {corrupter.CorruptedFrames} blocks corrupted, {gateway.HardwareErrorCount} hardware errors."));
        Assert.True(corrupter.CorruptedFrames > 0, "the seeded 1% fault injection corrupted no block; the test proves nothing");
        Assert.Equal(corrupter.CorruptedFrames, errors.Count("bad-bcc"));
        Assert.Equal(corrupter.CorruptedFrames, gateway.HardwareErrorCount);
        Assert.Equal(0, simulator.HardwareErrorCount);
        Assert.Null(simulator.FailureReason);
        Assert.DoesNotContain(BscLinkState.Down, DrainStates(gateway.StateChanges));
        Assert.Contains(BscLinkState.Sending, DrainStates(simulator.StateChanges));
    }

    private static List<LapbLinkEventKind> Drain(System.Threading.Channels.ChannelReader<LapbLinkEvent> events)
    {
        var kinds = new List<LapbLinkEventKind>();
        while (events.TryRead(out var linkEvent))
        {
            kinds.Add(linkEvent.Kind);
        }

        return kinds;
    }

    private static List<BscLinkState> DrainStates(System.Threading.Channels.ChannelReader<BscLinkState> states)
    {
        var list = new List<BscLinkState>();
        while (states.TryRead(out var state))
        {
            list.Add(state);
        }

        return list;
    }

    private static async Task ExpectInOrderAsync(System.Threading.Channels.ChannelReader<ReadOnlyMemory<byte>> delivered, CancellationToken cancellationToken)
    {
        for (var i = 0; i < PayloadCount; i++)
        {
            var payload = await delivered.ReadAsync(cancellationToken);
            Assert.Equal(Encoding.ASCII.GetString(Payload(i)), Encoding.ASCII.GetString(payload.Span));
        }

        Assert.False(delivered.TryRead(out var extra), "a payload was delivered twice: " + Encoding.ASCII.GetString(extra.Span));
    }

    /// <summary>A corrupted retransmission may still be on the line after the last delivery; wait (bounded) for it.</summary>
    private static async Task WaitForCountAsync(Func<long> actual, long expected, CancellationToken cancellationToken)
    {
        using var settle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        settle.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            while (actual() < expected)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), settle.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The asserts after this report the difference.
        }
    }

    private sealed class ErrorTally
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, long> _byCause = new(StringComparer.Ordinal);

        public void Add(PbxFramingException error)
        {
            lock (_lock)
            {
                _byCause[error.Cause] = _byCause.GetValueOrDefault(error.Cause) + 1;
            }
        }

        public long Count(string cause)
        {
            lock (_lock)
            {
                return _byCause.GetValueOrDefault(cause);
            }
        }
    }
}
