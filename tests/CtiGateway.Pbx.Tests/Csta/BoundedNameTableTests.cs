using System.Buffers;
using System.Text;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Tests.Csta;

public sealed class BoundedNameTableTests
{
    [Fact]
    public void CountsOnlyNewNamesAndReportsFull()
    {
        var table = new BoundedNameTable();
        var a = table.Add("callID");
        Assert.Same(a, table.Add("callID".ToCharArray(), 0, 6));
        Assert.Same(a, table.Get("callID"));
        for (var i = 1; i < BoundedNameTable.Capacity; i++)
        {
            Assert.False(table.IsFull);
            table.Add("n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.True(table.IsFull);
    }

    [Fact]
    public void DecoderKeepsWorkingWhenAPeerSendsEverNewNames()
    {
        for (var i = 0; i < BoundedNameTable.Capacity * 2; i++)
        {
            var xml = Encoding.UTF8.GetBytes($"<Unknown{i}><child{i}/></Unknown{i}>");
            var message = Assert.IsType<CstaUnknownMessage>(CstaXmlDecoder.Decode(new ReadOnlySequence<byte>(xml)));
            Assert.Equal($"Unknown{i}", message.Element);
        }

        var ok = Encoding.UTF8.GetBytes("<MonitorStartResponse><monitorCrossRefID>5</monitorCrossRefID></MonitorStartResponse>");
        Assert.Equal("5", Assert.IsType<CstaMonitorStartResponse>(CstaXmlDecoder.Decode(new ReadOnlySequence<byte>(ok))).MonitorCrossRefId);
    }
}
