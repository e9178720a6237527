using System.Buffers;
using System.Text;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator.Tests;

/// <summary>Requests written by the gateway's encoder (CstaXmlEncoder) parsed on the switch side; hostile XML refused.</summary>
public sealed class CstaRequestParserTests
{
    private static readonly CstaConnectionId Connection = new("FF000100000000002D65C85C1C750000", "5002");

    private static CstaRequest Parse(Action<ArrayBufferWriter<byte>> write)
    {
        var body = new ArrayBufferWriter<byte>();
        write(body);
        return CstaRequestParser.Parse(body.WrittenMemory);
    }

    [Theory]
    [InlineData(CstaDialectFlavour.OsvEd4, CstaNamespaces.Ed4)]
    [InlineData(CstaDialectFlavour.DmccEd3, CstaNamespaces.Ed3)]
    public void EncoderRequestsParseToTheirFields(CstaDialectFlavour flavour, string ns)
    {
        var monitor = Parse(w => CstaXmlEncoder.WriteMonitorStart(w, flavour, "5001"));
        Assert.Equal(("MonitorStart", ns, "5001"), (monitor.Element, monitor.Namespace, monitor.Text("monitorObject")));
        var stop = Parse(w => CstaXmlEncoder.WriteMonitorStop(w, flavour, "17"));
        Assert.Equal("17", stop.Text("monitorCrossRefID"));
        var make = Parse(w => CstaXmlEncoder.WriteMakeCall(w, flavour, "N<5001>", "5002"));
        Assert.Equal(("N<5001>", "5002"), (make.Text("callingDevice"), make.Text("calledDirectoryNumber")));
        Assert.Equal(Connection, Parse(w => CstaXmlEncoder.WriteAnswerCall(w, flavour, Connection)).Connection("callToBeAnswered"));
        Assert.Equal(Connection, Parse(w => CstaXmlEncoder.WriteClearConnection(w, flavour, Connection)).Connection("connectionToBeCleared"));
        Assert.Equal(Connection, Parse(w => CstaXmlEncoder.WriteClearCall(w, flavour, Connection)).Connection("callToBeCleared"));
        Assert.Equal(Connection, Parse(w => CstaXmlEncoder.WriteHoldCall(w, flavour, Connection)).Connection("callToBeHeld"));
        Assert.Equal(Connection, Parse(w => CstaXmlEncoder.WriteRetrieveCall(w, flavour, Connection)).Connection("callToBeRetrieved"));
        Assert.Equal("5003", Parse(w => CstaXmlEncoder.WriteSnapshotDevice(w, flavour, "5003")).Text("snapshotObject"));
        var register = Parse(w => CstaXmlEncoder.WriteSystemRegister(w, flavour));
        Assert.Equal(("SystemRegister", "true"), (register.Element, register.Text("requestTypes")));
        var status = Parse(w => CstaXmlEncoder.WriteSystemStatusResponse(w, flavour));
        Assert.Equal(("SystemStatusResponse", 0), (status.Element, status.Fields.Count));
    }

    [Fact]
    public void ABodySplitAtEveryOffsetParsesTheSame()
    {
        var body = new ArrayBufferWriter<byte>();
        CstaXmlEncoder.WriteClearConnection(body, CstaDialectFlavour.OsvEd4, Connection);
        var bytes = body.WrittenMemory.ToArray();
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var request = CstaRequestParser.Parse(Segmented.Split(bytes, cut));
            Assert.Equal(("ClearConnection", Connection), (request.Element, request.Connection("connectionToBeCleared")));
        }
    }

    [Fact]
    public void AMissingConnectionPartGivesNoConnection()
    {
        var request = CstaRequestParser.Parse(Encoding.UTF8.GetBytes("<AnswerCall><callToBeAnswered><callID>1</callID></callToBeAnswered></AnswerCall>"));
        Assert.Null(request.Connection("callToBeAnswered"));
        Assert.Null(request.Text("nothing"));
    }

    [Fact]
    public void DtdsAreRefusedNotExpanded()
    {
        const string bomb = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><MonitorStart><monitorObject>&b;</monitorObject></MonitorStart>";
        var error = Assert.Throws<CstaDialectException>(() => CstaRequestParser.Parse(Encoding.UTF8.GetBytes(bomb)));
        Assert.Equal("xml-dtd", error.Cause);
    }

    [Fact]
    public void DeepNestingAndBrokenXmlAreTypedErrors()
    {
        var deep = string.Concat(Enumerable.Repeat("<a>", 40)) + string.Concat(Enumerable.Repeat("</a>", 40));
        Assert.Equal("xml-too-deep", Assert.Throws<CstaDialectException>(() => CstaRequestParser.Parse(Encoding.UTF8.GetBytes(deep))).Cause);
        Assert.Equal("bad-xml", Assert.Throws<CstaDialectException>(() => CstaRequestParser.Parse(Encoding.UTF8.GetBytes("<MakeCall><callingDevice>5001</MakeCall>"))).Cause);
        Assert.Equal("bad-xml", Assert.Throws<CstaDialectException>(() => CstaRequestParser.Parse(ReadOnlyMemory<byte>.Empty)).Cause);
    }

    [Fact]
    public void RandomInputGivesOnlyTypedErrors()
    {
        var random = new Random(323);
        var seed = Encoding.UTF8.GetBytes("<MakeCall xmlns=\"x\"><callingDevice>5001</callingDevice><calledDirectoryNumber>5002</calledDirectoryNumber></MakeCall>");
        for (var i = 0; i < 100_000; i++)
        {
            var input = (byte[])seed.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                input[random.Next(input.Length)] = (byte)random.Next(256);
            }

            try
            {
                var request = CstaRequestParser.Parse(input);
                Assert.False(string.IsNullOrEmpty(request.Element));
            }
            catch (CstaDialectException ex)
            {
                Assert.Contains(ex.Cause, new[] { "bad-xml", "xml-dtd", "xml-too-deep" });
            }
        }
    }
}
