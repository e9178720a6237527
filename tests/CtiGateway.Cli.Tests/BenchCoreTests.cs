using System.Buffers;
using System.Diagnostics;
using System.Net;
using CtiGateway.Cli.Bench;
using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Cli.Tests;

public sealed class BenchCoreTests
{
    [Fact]
    public void HistogramPercentilesAreWithinTheBucketError()
    {
        var histogram = new LatencyHistogram();
        for (var us = 1; us <= 10_000; us++)
        {
            histogram.RecordMicroseconds(us);
        }

        Assert.Equal(10_000, histogram.Count);
        Assert.InRange(histogram.PercentileMilliseconds(50)!.Value, 4.95, 5.08);
        Assert.InRange(histogram.PercentileMilliseconds(99)!.Value, 9.8, 10.06);
        var single = new LatencyHistogram();
        single.RecordMicroseconds(100);
        Assert.Equal(0.1, single.PercentileMilliseconds(99));
        Assert.Null(new LatencyHistogram().PercentileMilliseconds(99));

        var merged = new LatencyHistogram();
        merged.Merge(histogram);
        var oneSecond = new LatencyHistogram();
        oneSecond.RecordTicks(Stopwatch.Frequency);
        merged.Merge(oneSecond);
        Assert.Equal(10_001, merged.Count);
        Assert.InRange(merged.PercentileMilliseconds(100)!.Value, 990, 1010);
    }

    [Fact]
    public void SequenceTrackerCountsNewGapsAndOutOfOrder()
    {
        var tracker = default(SequenceTracker);

        Assert.True(tracker.Observe(1));
        Assert.True(tracker.Observe(2));
        Assert.True(tracker.Observe(5));
        Assert.False(tracker.Observe(4));
        Assert.False(tracker.Observe(5));

        Assert.Equal(3, tracker.Delivered);
        Assert.Equal(2, tracker.Gaps);
        Assert.Equal(2, tracker.OutOfOrder);
    }

    [Fact]
    public void LossIsPublishedTimesClientsMinusDeliveredSummedOverDns()
    {
        Assert.Equal(0, FanoutResult.ComputeLost([10, 20], [3, 2], [30, 40]));
        Assert.Equal(7, FanoutResult.ComputeLost([10, 20], [3, 2], [25, 38]));
        Assert.Equal(
            "delivered/s: 1235 published/s: 12 p99-ms: 0.413 lost: 3",
            new FanoutResult { DeliveredPerSecond = 1234.5, PublishedPerSecond = 12.4, P99Milliseconds = 0.4126, Lost = 3 }.ToLine());
        Assert.Equal("delivered/s: 0 published/s: 0 p99-ms: n/a lost: 0", new FanoutResult { DeliveredPerSecond = 0, PublishedPerSecond = 0, P99Milliseconds = null, Lost = 0 }.ToLine());
    }

    [Fact]
    public void ScannerAgreesWithTheCodecAndRejectsEveryTruncation()
    {
        var userData = PublishTemplate.UserData(33);
        userData.Set(UserEventScanner.SequenceKey, KeyValue.FromInt(4711));
        userData.Set(UserEventScanner.TimestampKey, KeyValue.FromBinary([0, 0, 0, 1, 0, 0, 0, 2]));
        userData.Add("Nested", new KeyValueList().Add("BenchSeq", 1).AddUnicode("u", "ü"));
        var message = new TlibMessage(MessageType.EventUserEvent) { ReferenceID = 99, ThisDN = "bench-0001", UserData = userData, ConnID = new ConnId(5), Time = new TlibTime(1, 2) }
            .Set(AttributeId.InputMask, TlibMask.All())
            .Set(AttributeId.TimeStamp, new TlibTime(3, 4))
            .Set(AttributeId.Reserved_1, new byte[] { 9 });
        var writer = new ArrayBufferWriter<byte>();
        TlibMessageWriter.Write(message, writer);
        var payload = writer.WrittenSpan[TlibWire.HeaderSize..].ToArray();

        Assert.True(UserEventScanner.TryScan(payload, out var scanned));
        Assert.Equal(MessageType.EventUserEvent, scanned.Type);
        Assert.Equal(99, scanned.ReferenceId);
        Assert.Equal("bench-0001", System.Text.Encoding.UTF8.GetString(payload, scanned.ThisDNOffset, scanned.ThisDNLength));
        Assert.Equal(4711, scanned.Sequence);
        Assert.Equal(0x0000000100000002L, scanned.Timestamp);
        Assert.Equal(message.Attributes.ToArray(), TlibMessageReader.Decode(payload).Attributes.ToArray());
        for (var length = 0; length < payload.Length; length++)
        {
            Assert.False(UserEventScanner.TryScan(payload.AsSpan(0, length), out _), $"a payload cut at {length} bytes scanned");
        }
    }

    [Fact]
    public void TemplatePaddingMakesTheEventAboutTheRequestedSize()
    {
        var padding = PublishTemplate.PaddingFor("bench-0001", 200);
        var e = new TlibMessage(MessageType.EventUserEvent) { ThisDN = "bench-0001", UserData = PublishTemplate.UserData(padding), Time = new TlibTime(0, 0), EventSequenceNumber = 0 };
        e.ServerStartTime = new TlibTime(0, 0);

        Assert.Equal(200, TlibMessageWriter.Write(e, new ArrayBufferWriter<byte>()));
        Assert.Equal(0, PublishTemplate.PaddingFor("bench-0001", 10));
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task TinyFanoutRunAgainstTheFakeServerLosesNothing()
    {
        await using var server = new FakeTServer();
        var options = new FanoutOptions { Clients = 5, Dns = 2, Duration = TimeSpan.FromSeconds(0.5), EventSize = 150, Window = 32 };
        using var log = new StringWriter();

        var result = await new FanoutBenchmark(options, server.EndPoint, log).RunAsync(TestTimeout.Token(TestContext.Current.CancellationToken, 30));

        Assert.True(result.Published > 0, log.ToString());
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Errors);
        Assert.Equal(0, result.OutOfOrder);
        Assert.Equal(0, result.Misrouted);
        Assert.Equal(0, result.Undecodable);
        Assert.NotNull(result.P99Milliseconds);
        Assert.Matches(@"^delivered/s: \d+ published/s: \d+ p99-ms: \d+\.\d{3} lost: 0$", result.ToLine());
        var registrations = server.Requests.Select(r => r.Request).Where(r => r.Type == MessageType.RequestRegisterAddress).Select(r => r.ThisDN).ToList();
        Assert.Equal(3, registrations.Count(dn => dn == "bench-0001"));
        Assert.Equal(2, registrations.Count(dn => dn == "bench-0002"));
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task FanoutAgainstNoServerFailsWithTheEndpoint()
    {
        var refusing = ClientTestKit.RefusingEndPoint();
        var benchmark = new FanoutBenchmark(new FanoutOptions { Clients = 1 }, new IPEndPoint(IPAddress.Loopback, refusing.Port), TextWriter.Null);

        var error = await Assert.ThrowsAsync<Client.TServerConnectionException>(() => benchmark.RunAsync(TestTimeout.Token(TestContext.Current.CancellationToken)));

        Assert.Contains(refusing.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }
}
