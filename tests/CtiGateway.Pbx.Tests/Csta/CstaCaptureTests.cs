using System.Buffers;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Tests.Csta;

/// <summary>
/// The real OpenScape Voice captures (pyssimist) decoded through framing and dialect. Every expected value below was
/// written by hand from reading the XML in ../shared/captures/osv-csta-xml-pyssimist, not from our decoder's output.
/// </summary>
public sealed class CstaCaptureTests
{
    [Fact]
    public void ServiceInitiatedEventFrame()
    {
        var bytes = CstaCaptures.Frame("ServiceInitiatedEvent");
        Assert.Equal(1003, bytes.Length);
        var ev = Assert.IsType<CstaCallEvent>(DecodeOneFrame(bytes, expectedInvokeId: 9999));

        Assert.Equal("ServiceInitiatedEvent", ev.Element);
        Assert.Equal("http://www.ecma-international.org/standards/ecma-323/csta/ed4", ev.Namespace);
        Assert.Equal(CstaEventType.ServiceInitiated, ev.Type);
        Assert.Equal("1169730059", ev.MonitorCrossRefId);
        Assert.Equal(new CstaConnectionId("FF000100000000002D65C85C1C750000", "302118840100"), ev.Connection);
        Assert.Equal("N<302118840100>;noa=nk", ev.SubjectDevice);
        Assert.Null(ev.CallingDevice);
        Assert.Null(ev.CalledDevice);
        Assert.Equal("initiated", ev.LocalConnectionInfo);
        Assert.Equal("makeCall", ev.Cause);
        Assert.Empty(ev.Connections);
    }

    [Fact]
    public void OriginatedEventFrame()
    {
        var bytes = CstaCaptures.Frame("OriginatedEvent");
        Assert.Equal(1091, bytes.Length);
        var ev = Assert.IsType<CstaCallEvent>(DecodeOneFrame(bytes, expectedInvokeId: 9999));

        Assert.Equal(CstaEventType.Originated, ev.Type);
        Assert.Equal("1169730059", ev.MonitorCrossRefId);
        Assert.Equal(new CstaConnectionId("FF000100000000002D65C85C1C750000", "302118840100"), ev.Connection);
        Assert.Equal("302118840100", ev.CallingDevice);
        Assert.Equal("N<302118840101>;displayNumber=302118840101;noa=nk", ev.CalledDevice);
        Assert.Null(ev.SubjectDevice);
        Assert.Equal("connected", ev.LocalConnectionInfo);
        Assert.Equal("newCall", ev.Cause);
    }

    [Fact]
    public void BothFramesBackToBackInOneBytePerSegmentStream()
    {
        var stream = (byte[])[.. CstaCaptures.Frame("ServiceInitiatedEvent"), .. CstaCaptures.Frame("OriginatedEvent")];
        var buffer = Segmented.OneBytePerSegment(stream);
        Assert.True(CstaFrameReader.TryReadFrame(ref buffer, out var first));
        Assert.True(CstaFrameReader.TryReadFrame(ref buffer, out var second));
        Assert.True(buffer.IsEmpty);
        Assert.Equal(CstaEventType.ServiceInitiated, Assert.IsType<CstaCallEvent>(CstaXmlDecoder.Decode(first.Xml)).Type);
        Assert.Equal(CstaEventType.Originated, Assert.IsType<CstaCallEvent>(CstaXmlDecoder.Decode(second.Xml)).Type);
    }

    [Fact]
    public void DeliveredEventBody()
    {
        var ev = Assert.IsType<CstaCallEvent>(DecodeBodyThroughFrame("DeliveredEvent"));

        Assert.Equal(CstaEventType.Delivered, ev.Type);
        Assert.Equal("1173673890", ev.MonitorCrossRefId);
        Assert.Equal(new CstaConnectionId("FF00010000000000EC6114647E570000", "3021061290002"), ev.Connection);
        Assert.Equal("N<3021061290002>;noa=nk", ev.SubjectDevice);
        Assert.Equal("N<7868772298>Line71001;displayNumber=7868772298;uid=FF00010000000000EC6114647E570000", ev.CallingDevice);
        Assert.Equal("N<3021061290002>;noa=nk", ev.CalledDevice);
        Assert.Null(ev.LastRedirectionDevice); // <notRequired/>
        Assert.Equal("alerting", ev.LocalConnectionInfo);
        Assert.Equal("enteringDistribution", ev.Cause);
    }

    [Fact]
    public void TransferedEventBody()
    {
        var ev = Assert.IsType<CstaCallEvent>(DecodeBodyThroughFrame("TransferedEvent"));

        Assert.Equal("TransferedEvent", ev.Element);
        Assert.Equal(CstaEventType.Transfered, ev.Type);
        Assert.Equal("1184300014", ev.MonitorCrossRefId);
        Assert.Equal(new CstaConnectionId("FF00010000000000CFB6706408000000", "+17867104700"), ev.Connection);
        Assert.Null(ev.SecondaryOldCall);
        Assert.Equal("+17867104700", ev.SubjectDevice);
        Assert.Equal("N<+17867100001>Line00001;displayNumber=00001", ev.OtherDevice);
        Assert.Equal("null", ev.LocalConnectionInfo);
        Assert.Equal("singleStepTransfer", ev.Cause);
        Assert.Equal(2, ev.Connections.Count);
        Assert.Equal(new CstaConnectionId("0300010000000000CFB6706408000000", "+17867100001"), ev.Connections[0].NewConnection);
        Assert.Null(ev.Connections[0].OldConnection);
        Assert.Equal("N<+17867100001>Line00001;displayNumber=00001", ev.Connections[0].Endpoint);
        Assert.Equal(
            new CstaConnectionId("0300010000000000CFB6706408000000", "N<+17867100000>;uid=FF00010000000000CFB6706408000000"),
            ev.Connections[1].NewConnection);
        Assert.Equal("N<+17867100000>+ 30(210)8216100;displayNumber=7867100000;uid=FF00010000000000CFB6706408000000", ev.Connections[1].Endpoint);
    }

    [Fact]
    public void CallInformationEventBody()
    {
        var ev = Assert.IsType<CstaCallEvent>(DecodeBodyThroughFrame("CallInformationEvent"));

        Assert.Equal(CstaEventType.CallInformation, ev.Type);
        Assert.Equal("1166743342", ev.MonitorCrossRefId);
        Assert.Equal(new CstaConnectionId("FF00010000000000E2E00E6416060000", "3021061290000"), ev.Connection);
        Assert.Equal("N<3021061290000>;noa=nk", ev.SubjectDevice);
        Assert.Null(ev.Cause);
    }

    [Fact]
    public void MonitorStartResponseBody()
    {
        var response = Assert.IsType<CstaMonitorStartResponse>(DecodeBodyThroughFrame("MonitorStartResponse"));
        Assert.Equal("1136370025", response.MonitorCrossRefId);
        Assert.Equal(CstaNamespaces.Ed4, response.Namespace);
    }

    [Fact]
    public void SystemRegisterResponseBody()
    {
        var response = Assert.IsType<CstaSystemRegisterResponse>(DecodeBodyThroughFrame("SystemRegisterResponse"));
        Assert.Equal("27ss", response.SysStatRegisterId);
    }

    [Fact]
    public void StartApplicationSessionPosResponseBodyWithoutDefaultNamespace()
    {
        var response = Assert.IsType<CstaStartApplicationSessionPosResponse>(DecodeBodyThroughFrame("StartApplicationSessionPosResponse"));
        Assert.Equal("", response.Namespace);
        Assert.Equal("009968951", response.SessionId);
        Assert.Equal("http://www.ecma-international.org/standards/ecma-323/csta/ed4", response.ActualProtocolVersion);
        Assert.Equal(600, response.ActualSessionDuration);
    }

    [Fact]
    public void MonitorStopBodyIsAnUnknownRecordNamingTheElement()
    {
        var message = Assert.IsType<CstaUnknownMessage>(DecodeBodyThroughFrame("MonitorStop"));
        Assert.Equal("MonitorStop", message.Element);
        Assert.Equal(CstaNamespaces.Ed4, message.Namespace);
    }

    private static CstaMessage DecodeOneFrame(byte[] bytes, int expectedInvokeId)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(CstaFrameReader.TryReadFrame(ref buffer, out var frame));
        Assert.True(buffer.IsEmpty);
        Assert.Equal(expectedInvokeId, frame.InvokeId);
        return CstaXmlDecoder.Decode(frame.Xml);
    }

    private static CstaMessage DecodeBodyThroughFrame(string name)
    {
        var writer = new ArrayBufferWriter<byte>();
        CstaFrameWriter.Write(9999, CstaCaptures.Body(name), writer);
        return DecodeOneFrame(writer.WrittenSpan.ToArray(), expectedInvokeId: 9999);
    }
}
