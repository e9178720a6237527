using System.Buffers;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator.Tests;

/// <summary>
/// The requests of issue 9 from the gateway's encoder through the switch's request parser (both flavours, every
/// split), the switch's SingleStepConferenceCallResponse and NetworkReachedEvent through the gateway's decoder, and the
/// model's switch-side triggers (external numbers, the network's busy and answer, ACD distribution) at their edges.
/// </summary>
public sealed class CallControlRoundTripTests
{
    private static readonly CstaConnectionId Held = new("00000000000000000000000000000001", "5002");
    private static readonly CstaConnectionId Active = new("00000000000000000000000000000002", "5002");

    public static TheoryData<CstaDialectFlavour> Flavours() => [CstaDialectFlavour.OsvEd4, CstaDialectFlavour.DmccEd3];

    private static IEnumerable<CstaRequest> ParseEverySplit(Action<ArrayBufferWriter<byte>> write)
    {
        var body = new ArrayBufferWriter<byte>();
        write(body);
        var bytes = body.WrittenMemory.ToArray();
        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            yield return CstaRequestParser.Parse(Segmented.Split(bytes, cut));
        }

        yield return CstaRequestParser.Parse(Segmented.OneBytePerSegment(bytes));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void NewRequestsParseToTheirFieldsAtEverySplit(CstaDialectFlavour flavour)
    {
        var ns = CstaNamespaces.For(flavour);
        foreach (var r in ParseEverySplit(w => CstaXmlEncoder.WriteAlternateCall(w, flavour, Held, Active)))
        {
            Assert.Equal(("AlternateCall", ns, Held, Active), (r.Element, r.Namespace, r.Connection("heldCall"), r.Connection("activeCall")));
        }

        foreach (var r in ParseEverySplit(w => CstaXmlEncoder.WriteReconnectCall(w, flavour, Active, Held)))
        {
            Assert.Equal(("ReconnectCall", Active, Held), (r.Element, r.Connection("activeCall"), r.Connection("heldCall")));
        }

        foreach (var r in ParseEverySplit(w => CstaXmlEncoder.WriteSingleStepConferenceCall(w, flavour, Active, "5003", CstaParticipationType.Silent)))
        {
            Assert.Equal(("SingleStepConferenceCall", Active, "5003", "silent"), (r.Element, r.Connection("activeCall"), r.Text("deviceToJoin"), r.Text("participationType")));
        }

        foreach (var r in ParseEverySplit(w => CstaXmlEncoder.WriteGenerateDigits(w, flavour, Active, "*31#", 80)))
        {
            Assert.Equal(("GenerateDigits", Active, "*31#", "80"), (r.Element, r.Connection("connectionToSendDigits"), r.Text("charactersToSend"), r.Text("toneDuration")));
        }
    }

    [Fact]
    public void SingleStepConferenceCallResponseAsTheSwitchWritesItDecodesBack()
    {
        var model = new SwitchModel(SwitchingPlan.Demo(), new ManualTimeProvider());
        var a = model.MakeCall("5001", "5002").CallingConnection!.Value;
        model.AnswerCall(a with { DeviceId = "5002" });
        var result = model.SingleStepConferenceCall(a with { DeviceId = "5002" }, "5003");
        Assert.False(result.IsError, result.Reason);
        foreach (var ns in new[] { CstaNamespaces.Ed4, CstaNamespaces.Ed3 })
        {
            var body = new ArrayBufferWriter<byte>();
            CstaSwitchXmlWriter.WriteResult(body, ns, result);
            var bytes = body.WrittenMemory.ToArray();
            for (var cut = 0; cut <= bytes.Length; cut += 5)
            {
                var response = Assert.IsType<CstaSingleStepConferenceCallResponse>(CstaXmlDecoder.Decode(Segmented.Split(bytes, cut)));
                Assert.Equal((ns, a with { DeviceId = "5003" }), (response.Namespace, response.ConferencedCall));
                Assert.Equal(["5001", "5002", "5003"], response.Connections.Select(c => c.Endpoint!));
                Assert.All(response.Connections, c => Assert.Equal(c.OldConnection, c.NewConnection));
            }
        }
    }

    [Fact]
    public void NetworkReachedAsTheSwitchWritesItDecodesBackInSchemaOrder()
    {
        var model = new SwitchModel(SwitchingPlan.Demo(), new ManualTimeProvider());
        model.MonitorStart("5001", null);
        model.MakeCall("5001", "+4989700100");
        var reached = model.DrainEvents()[^1].Event;
        Assert.Equal(CstaEventType.NetworkReached, reached.Type);
        var body = new ArrayBufferWriter<byte>();
        CstaSwitchXmlWriter.WriteEvent(body, CstaNamespaces.Ed4, reached);
        var text = System.Text.Encoding.UTF8.GetString(body.WrittenSpan);
        string[] order = ["monitorCrossRefID", "outboundConnection", "networkInterfaceUsed", "callingDevice", "calledDevice", "localConnectionInfo", "cause"];
        var positions = order.Select(name => text.IndexOf("<" + name + ">", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        var read = Assert.IsType<CstaCallEvent>(CstaXmlDecoder.Decode(body.WrittenMemory));
        Assert.Equal(reached with { Element = "NetworkReachedEvent", Namespace = CstaNamespaces.Ed4 }, read with { Connections = reached.Connections });
        Assert.Equal(("+4989700100", SwitchModel.TrunkGroup, "5001", "+4989700100"), (read.Connection.DeviceId, read.SubjectDevice, read.CallingDevice, read.CalledDevice));
    }

    [Theory]
    [InlineData("302118840100", true)]
    [InlineData("+4989700100", true)]
    [InlineData("1234567", true)]
    [InlineData("123456", false)]
    [InlineData("1234567890123456", false)]
    [InlineData("+", false)]
    [InlineData("5001", false)]
    [InlineData("49-89-700100", false)]
    [InlineData("7001:CM1:0.0.0.0:0", false)]
    public void ExternalNumbersAreSevenToFifteenDigitsOutsideThePlan(string number, bool external) =>
        Assert.Equal(external, SwitchingPlan.Demo().IsExternalNumber(number));

    [Fact]
    public void NetworkTriggersOnlyActOnExternalPartiesThatAreThere()
    {
        var model = new SwitchModel(SwitchingPlan.Demo(), new ManualTimeProvider());
        Assert.Throws<ArgumentException>(() => model.SetNetworkBusy("5001"));
        Assert.Throws<ArgumentException>(() => model.SetNetworkBusy("123"));
        Assert.False(model.ExternalPartyAnswers("nope"));
        Assert.False(model.ExternalPartyHangsUp("nope"));

        // An internal call has no external party.
        var internalCall = model.MakeCall("5001", "5002").CallingConnection!.Value.CallId;
        Assert.False(model.ExternalPartyAnswers(internalCall));
        Assert.False(model.ExternalPartyHangsUp(internalCall));

        // A busy number fails; freed again, the same number rings and answers once.
        model.SetNetworkBusy("302118840199");
        var busy = model.MakeCall("5003", "302118840199").CallingConnection!.Value;
        Assert.Equal(SimConnectionState.Failed, model.ConnectionState(busy.CallId, "5003"));
        Assert.Null(model.ConnectionState(busy.CallId, "302118840199"));
        model.ClearConnection(busy);
        model.SetNetworkBusy("302118840199", busy: false);
        var free = model.MakeCall("5003", "302118840199").CallingConnection!.Value.CallId;
        Assert.True(model.ExternalPartyAnswers(free));
        Assert.False(model.ExternalPartyAnswers(free));
        Assert.True(model.ExternalPartyHangsUp(free));
        Assert.Null(model.ConnectionState(free, "5003"));
    }

    [Fact]
    public void DistributionNeedsAWaitingCallAndAFreeReadyAgent()
    {
        var model = new SwitchModel(SwitchingPlan.Demo(), new ManualTimeProvider());
        Assert.Throws<ArgumentException>(() => model.DistributeQueuedCall("5001"));
        Assert.Throws<ArgumentException>(() => model.DistributeQueuedCall("4001", "3001"));
        Assert.Null(model.DistributeQueuedCall("4001"));

        // The oldest call goes first, to the first ready agent without a call (5021 is not an agent: 5001 is chosen).
        var first = model.MakeCall("5021", "4001").CallingConnection!.Value.CallId;
        var second = model.MakeCall("5022", "4001").CallingConnection!.Value.CallId;
        Assert.Equal("5001", model.DistributeQueuedCall("4001"));
        Assert.Equal(SimConnectionState.Alerting, model.ConnectionState(first, "5001"));
        Assert.Null(model.ConnectionState(first, "4001"));
        Assert.Equal(SimConnectionState.Queued, model.ConnectionState(second, "4001"));

        // A named agent that is busy gets nothing; a not-ready agent is passed over.
        Assert.Null(model.DistributeQueuedCall("4001", "5001"));
        Assert.False(model.SetAgentState("5002", "notReady").IsError);
        Assert.Equal("5003", model.DistributeQueuedCall("4001"));
        Assert.Equal(SimConnectionState.Alerting, model.ConnectionState(second, "5003"));
        Assert.Null(model.DistributeQueuedCall("4001"));
    }
}
