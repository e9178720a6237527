using System.Buffers;
using System.Text;
using CtiGateway.Pbx.Csta;
using CtiGateway.Simulator;

namespace CtiGateway.Pbx.Tests.Csta;

/// <summary>
/// The switch reporting a DN's service (issue 10 item 6): ECMA-323 OutOfServiceEvent, BackInServiceEvent and
/// MonitorEndedEvent through both decoders (the UTF-8 scanner and the XmlReader path), whole, split at every byte and one
/// byte per segment, in both dialect namespaces; missing mandatory elements are named; the simulator's writer reads back.
/// </summary>
public sealed class CstaDnServiceEventDecoderTests
{
    private const string OutOfService =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><OutOfServiceEvent xmlns=\"" + CstaNamespaces.Ed4 + "\">"
        + "<monitorCrossRefID>41</monitorCrossRefID><device><deviceIdentifier>5050</deviceIdentifier></device><cause>maintenance</cause>"
        + "<extensions><privateData><private><x>1</x></private></privateData></extensions></OutOfServiceEvent>";

    private const string BackInService =
        "<BackInServiceEvent xmlns=\"" + CstaNamespaces.Ed3 + "\"><monitorCrossRefID> 41 </monitorCrossRefID><device>5050:CM1:0.0.0.0:0</device></BackInServiceEvent>";

    private const string MonitorEnded =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><MonitorEndedEvent xmlns=\"" + CstaNamespaces.Ed4 + "\">"
        + "<monitorCrossRefID>41</monitorCrossRefID><cause>resourcesNotAvailable</cause></MonitorEndedEvent>";

    public static TheoryData<string, string> Bodies() => new()
    {
        { OutOfService, "OutOfServiceEvent/41/5050/maintenance/" + CstaNamespaces.Ed4 },
        { BackInService, "BackInServiceEvent/41/5050:CM1:0.0.0.0:0/-/" + CstaNamespaces.Ed3 },
        { MonitorEnded, "MonitorEndedEvent/41/-/resourcesNotAvailable/" + CstaNamespaces.Ed4 },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void BothDecodersGiveTheSameRecordWholeAndAtEverySplit(string xml, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        var inputs = Enumerable.Range(0, bytes.Length + 1).Select(i => Segmented.Split(bytes, i)).Append(Segmented.OneBytePerSegment(bytes)).ToList();
        var whole = CstaXmlDecoder.Decode(new ReadOnlySequence<byte>(bytes));
        Assert.Equal(expected, Describe(whole));
        Assert.True(CstaXmlDecoder.TryDecodeUtf8(bytes, out var scanned));
        Assert.Equal(whole, scanned);
        foreach (var input in inputs)
        {
            Assert.Equal(whole, CstaXmlDecoder.Decode(input));
            Assert.Equal(whole, CstaXmlReaderDecoder.Decode(input));
        }
    }

    [Theory]
    [InlineData("<OutOfServiceEvent><device>5050</device></OutOfServiceEvent>", "OutOfServiceEvent/monitorCrossRefID")]
    [InlineData("<OutOfServiceEvent><monitorCrossRefID>1</monitorCrossRefID></OutOfServiceEvent>", "OutOfServiceEvent/device")]
    [InlineData("<BackInServiceEvent><monitorCrossRefID>1</monitorCrossRefID><device><deviceIdentifier/></device></BackInServiceEvent>", "BackInServiceEvent/device")]
    [InlineData("<MonitorEndedEvent><cause>normal</cause></MonitorEndedEvent>", "MonitorEndedEvent/monitorCrossRefID")]
    [InlineData("<MonitorEndedEvent/>", "MonitorEndedEvent/monitorCrossRefID")]
    public void AMissingMandatoryElementIsNamedByBothDecoders(string xml, string path)
    {
        var bytes = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(xml));
        var scanner = Assert.Throws<CstaDialectException>(() => CstaXmlDecoder.Decode(bytes));
        var reader = Assert.Throws<CstaDialectException>(() => CstaXmlReaderDecoder.Decode(bytes));
        Assert.Equal(("missing-element", path), (scanner.Cause, scanner.Element));
        Assert.Equal(("missing-element", path), (reader.Cause, reader.Element));
        Assert.Contains(path, scanner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEventCutShortIsBadXmlForBothDecoders()
    {
        var bytes = Encoding.UTF8.GetBytes(MonitorEnded);
        for (var length = 40; length < bytes.Length; length += 7)
        {
            var cut = new ReadOnlySequence<byte>(bytes, 0, length);
            Assert.Equal("bad-xml", Assert.Throws<CstaDialectException>(() => CstaXmlDecoder.Decode(cut)).Cause);
            Assert.Equal("bad-xml", Assert.Throws<CstaDialectException>(() => CstaXmlReaderDecoder.Decode(cut)).Cause);
        }
    }

    [Theory]
    [InlineData(CstaNamespaces.Ed4)]
    [InlineData(CstaNamespaces.Ed3)]
    public void WhatTheSimulatorWritesDecodesToTheSameEvents(string ns)
    {
        var model = new SwitchModel(SwitchingPlan.Demo(), new VirtualTimeProvider());
        Assert.False(model.MonitorStart("5050", owner: null).IsError);
        Assert.True(model.SetOutOfService("5050"));
        Assert.False(model.SetOutOfService("5050"));
        Assert.True(model.MonitorStart("5050", owner: null).IsError, "MonitorStart for a device out of service is refused");
        Assert.True(model.SetOutOfService("5050", outOfService: false, cause: "normal"));
        Assert.Equal(1, model.EndMonitors("5050"));
        Assert.Equal(0, model.EndMonitors("5050"));
        Assert.DoesNotContain("5050", model.MonitoredDevices);

        var events = model.DrainEvents().Select(r => r.Message).ToList();
        Assert.Equal(["OutOfServiceEvent", "BackInServiceEvent", "MonitorEndedEvent"], events.Select(e => e.Element));
        foreach (var sent in events)
        {
            var writer = new ArrayBufferWriter<byte>();
            switch (sent)
            {
                case CstaMaintenanceEvent maintenance:
                    CstaSwitchXmlWriter.WriteMaintenanceEvent(writer, ns, maintenance);
                    break;
                case CstaMonitorEndedEvent ended:
                    CstaSwitchXmlWriter.WriteMonitorEnded(writer, ns, ended);
                    break;
                default:
                    Assert.Fail($"unexpected {sent.Element}");
                    break;
            }

            var body = new ReadOnlySequence<byte>(writer.WrittenMemory);
            var decoded = CstaXmlDecoder.Decode(body);
            Assert.Equal(sent with { Namespace = ns }, decoded);
            Assert.Equal(decoded, CstaXmlReaderDecoder.Decode(body));
        }

        Assert.Equal(
            ["OutOfServiceEvent/1/5050/maintenance/", "BackInServiceEvent/1/5050/normal/", "MonitorEndedEvent/1/-/resourcesNotAvailable/"],
            events.Select(Describe));
    }

    private static string Describe(CstaMessage message) => message switch
    {
        CstaMaintenanceEvent m => $"{m.Element}/{m.MonitorCrossRefId}/{m.Device}/{m.Cause ?? "-"}/{m.Namespace}",
        CstaMonitorEndedEvent e => $"{e.Element}/{e.MonitorCrossRefId}/-/{e.Cause ?? "-"}/{e.Namespace}",
        _ => message.GetType().Name + "/" + message.Element,
    };
}
