using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;

namespace CtiGateway.Pbx.Tests.Links;

public sealed class HardwareErrorRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void FromFramingKeepsCauseOffsetAndBoundedHex()
    {
        var bytes = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();
        var record = HardwareErrorRecord.FromFraming("link1", new PbxFramingException("bad-header", "bad start", 3, bytes), Now);
        Assert.Equal("link1", record.LinkName);
        Assert.Equal("bad-header", record.Cause);
        Assert.Equal("bad start", record.Detail);
        Assert.Equal(3, record.Offset);
        Assert.Equal(HardwareErrorRecord.MaxBytes * 2, record.BytesHex.Length);
        Assert.StartsWith("000102", record.BytesHex, StringComparison.Ordinal);
        Assert.Equal(Now, record.Time);
    }

    [Fact]
    public void FromDialectNamesTheElement()
    {
        var error = new CstaDialectException("missing-element", "no callID", "DeliveredEvent/connection/callID");
        var record = HardwareErrorRecord.FromDialect("l", error, "<x/>"u8, Now);
        Assert.Equal("missing-element", record.Cause);
        Assert.Equal("DeliveredEvent/connection/callID", record.Element);
        Assert.Equal("3C782F3E", record.BytesHex);
    }

    [Fact]
    public void FromSystemStatusAndBytesLost()
    {
        var status = new CstaSystemStatus("SystemStatus", CstaNamespaces.Ed4) { Status = "messagesLost" };
        var record = HardwareErrorRecord.FromSystemStatus("l", status, Now);
        Assert.Equal("messagesLost", record.Cause);
        Assert.Equal("SystemStatus/systemStatus", record.Element);

        var lost = HardwareErrorRecord.BytesLost("l", 5000, 1024, [1, 2], Now);
        Assert.Equal("bytes-lost", lost.Cause);
        Assert.Contains("5000 bytes lost", lost.Detail, StringComparison.Ordinal);
        Assert.Equal("0102", lost.BytesHex);
    }
}
