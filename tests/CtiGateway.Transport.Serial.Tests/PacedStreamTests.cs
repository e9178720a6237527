namespace CtiGateway.Transport.Serial.Tests;

public sealed class PacedStreamTests
{
    private static LineRatePacer Pacer9600() => new(new SerialLinkSettings { PortName = "/dev/ttyS0", BaudRate = 9600 });

    [Fact]
    public async Task Writes_go_out_in_chunks_each_after_its_line_time()
    {
        var clock = new SteppingTimeProvider();
        var sink = new MemoryStream();
        await using var paced = new PacedStream(sink, Pacer9600(), clock, chunkSize: 96, leaveOpen: true);
        byte[] payload = Enumerable.Range(0, 960).Select(i => (byte)i).ToArray();

        await paced.WriteAsync(payload, TestContext.Current.CancellationToken);

        Assert.Equal(payload, sink.ToArray());
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromMilliseconds(100), 10), clock.Delays);
        Assert.Equal(TimeSpan.FromSeconds(1), clock.Elapsed);
    }

    [Fact]
    public async Task Pipe_writer_paces_and_leaves_the_inner_stream_open()
    {
        var clock = new SteppingTimeProvider();
        var sink = new MemoryStream();
        var writer = PacedStream.CreateWriter(sink, Pacer9600(), clock, chunkSize: 48);
        byte[] payload = Enumerable.Range(0, 480).Select(i => (byte)(255 - i)).ToArray();

        await writer.WriteAsync(payload, TestContext.Current.CancellationToken);
        await writer.CompleteAsync();

        Assert.Equal(payload, sink.ToArray());
        Assert.Equal(TimeSpan.FromMilliseconds(500), clock.Elapsed);
        Assert.Equal(10, clock.Delays.Count);
        Assert.True(sink.CanWrite);
    }

    [Fact]
    public async Task Disposing_closes_the_inner_stream_unless_left_open()
    {
        var sink = new MemoryStream();
        await new PacedStream(sink, Pacer9600(), TimeProvider.System).DisposeAsync();
        Assert.False(sink.CanWrite);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PacedStream(new MemoryStream(), Pacer9600(), TimeProvider.System, chunkSize: 0));
    }
}
