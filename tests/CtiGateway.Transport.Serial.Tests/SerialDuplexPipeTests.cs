using System.Buffers;
using System.IO.Pipelines;

namespace CtiGateway.Transport.Serial.Tests;

public sealed class SerialDuplexPipeTests
{
    private static readonly TimeSpan UnexpectedTimeout = TimeSpan.FromSeconds(10);

    private static SerialLinkSettings Line(string path) => new() { PortName = path, BaudRate = 115200 };

    [Fact]
    public async Task Bytes_cross_both_ways_intact_including_all_256_values()
    {
        using var timeout = Timeout();
        using SocatPtyPair pair = await SocatPtyPair.StartAsync(timeout.Token);
        await using SerialDuplexPipe a = await SerialTransport.OpenAsync(Line(pair.PathA), timeout.Token);
        await using SerialDuplexPipe b = await SerialTransport.OpenAsync(Line(pair.PathB), timeout.Token);

        byte[] aToB = Pattern(4096, seed: 0);
        byte[] bToA = Pattern(3000, seed: 77);

        Task<byte[]> receivedAtB = ReadExactlyAsync(b.Input, aToB.Length, timeout.Token);
        Task<byte[]> receivedAtA = ReadExactlyAsync(a.Input, bToA.Length, timeout.Token);
        await a.Output.WriteAsync(aToB, timeout.Token);
        await b.Output.WriteAsync(bToA, timeout.Token);

        Assert.Equal(aToB, await receivedAtB.WaitAsync(UnexpectedTimeout, timeout.Token));
        Assert.Equal(bToA, await receivedAtA.WaitAsync(UnexpectedTimeout, timeout.Token));
        Assert.Equal(256, aToB.Distinct().Count());
    }

    [Fact]
    public async Task Dispose_aborts_a_pending_read_and_completes_input()
    {
        using var timeout = Timeout();
        using SocatPtyPair pair = await SocatPtyPair.StartAsync(timeout.Token);
        SerialDuplexPipe a = await SerialTransport.OpenAsync(Line(pair.PathA), timeout.Token);
        await using SerialDuplexPipe b = await SerialTransport.OpenAsync(Line(pair.PathB), timeout.Token);

        ValueTask<ReadResult> pending = a.Input.ReadAsync(timeout.Token);
        Assert.False(pending.IsCompleted);

        await a.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(2), timeout.Token);
        ReadResult result = await pending.AsTask().WaitAsync(TimeSpan.FromSeconds(2), timeout.Token);

        Assert.True(result.IsCompleted);
        Assert.True(result.Buffer.IsEmpty);
        a.Input.AdvanceTo(result.Buffer.End);
    }

    [Fact]
    public async Task Dispose_aborts_a_write_blocked_by_a_peer_that_does_not_read()
    {
        using var timeout = Timeout();
        using SocatPtyPair pair = await SocatPtyPair.StartAsync(timeout.Token);
        SerialDuplexPipe a = await SerialTransport.OpenAsync(Line(pair.PathA), timeout.Token);
        await using SerialDuplexPipe b = await SerialTransport.OpenAsync(Line(pair.PathB), timeout.Token);

        // b never reads its Input: its pipe fills, its pump stops reading, the pty buffers fill and a's writes block.
        ValueTask<FlushResult> flush = a.Output.WriteAsync(new byte[4 * 1024 * 1024], timeout.Token);
        Assert.False(flush.IsCompleted);

        await a.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(2), timeout.Token);
        FlushResult result = await flush.AsTask().WaitAsync(TimeSpan.FromSeconds(2), timeout.Token);

        Assert.True(result.IsCompleted);
    }

    [Fact]
    public async Task Losing_the_peer_ends_input_with_an_error_naming_the_port()
    {
        using var timeout = Timeout();
        using SocatPtyPair pair = await SocatPtyPair.StartAsync(timeout.Token);
        await using SerialDuplexPipe a = await SerialTransport.OpenAsync(Line(pair.PathA), timeout.Token);

        ValueTask<ReadResult> pending = a.Input.ReadAsync(timeout.Token);
        pair.Hangup();

        SerialLinkException error = await Assert.ThrowsAsync<SerialLinkException>(
            () => pending.AsTask().WaitAsync(TimeSpan.FromSeconds(5), timeout.Token));
        Assert.Equal(pair.PathA, error.PortName);
        Assert.Contains("read failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_twice_is_harmless_and_closes_the_port()
    {
        using var timeout = Timeout();
        using SocatPtyPair pair = await SocatPtyPair.StartAsync(timeout.Token);
        var port = new SystemSerialPort(Line(pair.PathA));
        SerialDuplexPipe a = await SerialTransport.OpenAsync(port, timeout.Token);
        Assert.True(port.IsOpen);

        await a.DisposeAsync();
        await a.DisposeAsync();

        Assert.False(port.IsOpen);
        Assert.Throws<InvalidOperationException>(() => port.BaseStream);
    }

    [Fact]
    public async Task Missing_device_gives_an_error_naming_the_port()
    {
        string missing = Path.Combine(Path.GetTempPath(), "ctigw-no-such-dir", "ttyNOPE0");

        SerialLinkException error = await Assert.ThrowsAsync<SerialLinkException>(
            () => SerialTransport.OpenAsync(Line(missing), TestContext.Current.CancellationToken));

        Assert.Equal(missing, error.PortName);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_settings_are_rejected_before_opening_with_every_problem_listed()
    {
        var settings = new SerialLinkSettings { PortName = "/dev/ttyS0", BaudRate = 12345, DataBits = 9 };

        SerialLinkException error = await Assert.ThrowsAsync<SerialLinkException>(
            () => SerialTransport.OpenAsync(settings, TestContext.Current.CancellationToken));

        Assert.Contains("baud-rate 12345", error.Message, StringComparison.Ordinal);
        Assert.Contains("data-bits 9", error.Message, StringComparison.Ordinal);
        Assert.Contains("/dev/ttyS0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paced_writer_over_a_real_pty_delivers_the_bytes_intact()
    {
        using var timeout = Timeout();
        using SocatPtyPair pair = await SocatPtyPair.StartAsync(timeout.Token);
        var portA = new SystemSerialPort(Line(pair.PathA));
        await using SerialDuplexPipe a = await SerialTransport.OpenAsync(portA, timeout.Token);
        await using SerialDuplexPipe b = await SerialTransport.OpenAsync(Line(pair.PathB), timeout.Token);
        var clock = new SteppingTimeProvider();
        PipeWriter paced = PacedStream.CreateWriter(portA.BaseStream, new LineRatePacer(Line(pair.PathA)), clock, chunkSize: 64);

        byte[] payload = Pattern(1152, seed: 5);
        Task<byte[]> received = ReadExactlyAsync(b.Input, payload.Length, timeout.Token);
        await paced.WriteAsync(payload, timeout.Token);
        await paced.CompleteAsync();

        Assert.Equal(payload, await received.WaitAsync(UnexpectedTimeout, timeout.Token));
        Assert.Equal(TimeSpan.FromMilliseconds(100), clock.Elapsed);
    }

    private static CancellationTokenSource Timeout()
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(UnexpectedTimeout);
        return cts;
    }

    private static byte[] Pattern(int length, int seed)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i + seed);
        }

        return bytes;
    }

    private static async Task<byte[]> ReadExactlyAsync(PipeReader reader, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result = await reader.ReadAsync(cancellationToken);
            if (result.Buffer.Length >= count)
            {
                byte[] bytes = result.Buffer.Slice(0, count).ToArray();
                reader.AdvanceTo(result.Buffer.GetPosition(count));
                return bytes;
            }

            if (result.IsCompleted)
            {
                throw new InvalidOperationException($"input ended after {result.Buffer.Length} of {count} bytes");
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
