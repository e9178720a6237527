using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel.Tests;

/// <summary>
/// Features on DNs in the model (TSetDNDOn/Off and TCallSetForward/CancelForward planned as SetDoNotDisturb and
/// SetForwarding, the state kept per DN for queries) and the second leg of a cross-switch call taking the first
/// leg's user data before its first event.
/// </summary>
public sealed class DnFeatureAndInboundLegTests
{
    private static SwitchCallModel Model(Func<string, string, KeyValueList?>? inboundLeg = null) =>
        new(new DnDirectory([KeyValuePair.Create("5001", DnKind.Extension), KeyValuePair.Create("5002", DnKind.Extension), KeyValuePair.Create("T1", DnKind.Trunk)]), new ConnIdGenerator(1))
        {
            InboundLegUserData = inboundLeg,
        };

    private static TlibMessage Request(MessageType type, string dn, string? other = null, ForwardMode? mode = null)
    {
        var m = new TlibMessage(type) { ThisDN = dn, OtherDN = other };
        if (mode is { } fm)
        {
            m.Set(AttributeId.ForwardMode, (int)fm);
        }

        return m;
    }

    [Fact]
    public void DndAndForwardRequestsBecomeTheirCstaServicesOnTheDnsOwnDevice()
    {
        var model = Model();
        var sink = new RecordingSink();
        var on = model.PlanRequest(Request(MessageType.RequestSetDNDOn, "5001"), 1, sink).Command!;
        Assert.Equal((SwitchCommandKind.SetDoNotDisturb, "SetDoNotDisturb", true, "5001"), (on.Kind, on.Service, on.FeatureOn, on.Connection.DeviceId));
        Assert.False(model.PlanRequest(Request(MessageType.RequestSetDNDOff, "5001"), 2, sink).Command!.FeatureOn);

        var set = model.PlanRequest(Request(MessageType.RequestCallForwardSet, "5001", "5002", ForwardMode.OnNoAnswer), 3, sink).Command!;
        Assert.Equal((SwitchCommandKind.SetForwarding, true, "forwardNoAns", "5002", ForwardMode.OnNoAnswer), (set.Kind, set.FeatureOn, set.ForwardingType, set.Device, set.ForwardMode));
        var unconditional = model.PlanRequest(Request(MessageType.RequestCallForwardSet, "5001", "5002"), 4, sink).Command!;
        Assert.Equal("forwardImmediate", unconditional.ForwardingType);

        // A cancel without a mode cancels the mode that is set.
        model.NoteForward("5001", ForwardMode.OnBusy, "5002");
        var cancel = model.PlanRequest(Request(MessageType.RequestCallForwardCancel, "5001"), 5, sink).Command!;
        Assert.Equal((false, "forwardBusy", ForwardMode.OnBusy), (cancel.FeatureOn, cancel.ForwardingType, cancel.ForwardMode));
        Assert.Empty(sink.Events);
    }

    [Theory]
    [InlineData(MessageType.RequestCallForwardSet, "5001", null, null, ErrorCode.TERR_INVALID_ATTR, "Missing attribute OtherDN")]
    [InlineData(MessageType.RequestCallForwardSet, "5001", "5001", null, ErrorCode.TERR_INVALID_ATTR, "cannot forward to itself")]
    [InlineData(MessageType.RequestCallForwardSet, "5001", "5002", ForwardMode.OnBusyAndNoAnswer, ErrorCode.TERR_INVALID_ATTR, "has no ECMA-269 forwardingType")]
    [InlineData(MessageType.RequestSetDNDOn, "T1", null, null, ErrorCode.TERR_NOT_CONFIGURED, "DN T1 is not a DN of this switch")]
    [InlineData(MessageType.RequestSetDNDOn, "6000", null, null, ErrorCode.TERR_NOT_CONFIGURED, "DN 6000 is not a DN of this switch")]
    public void BadFeatureRequestsAreRefusedNamingWhatIsWrong(MessageType type, string dn, string? other, ForwardMode? mode, ErrorCode code, string text)
    {
        var plan = Model().PlanRequest(Request(type, dn, other, mode), 1, new RecordingSink());
        Assert.True(plan.IsRefused);
        Assert.Equal(code, plan.Error);
        Assert.Contains(text, plan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FeatureStateIsKeptPerDnAndOutOfServiceReportsOnlyChanges()
    {
        var model = Model();
        Assert.Equal(DnFeatureState.Idle, model.FeaturesOf("5001"));
        model.NoteDoNotDisturb("5001", true);
        model.NoteForward("5001", ForwardMode.Unconditional, "5002");
        Assert.True(model.DndState("5001"));
        Assert.Equal((ForwardMode.Unconditional, "5002"), model.ForwardState("5001"));
        Assert.False(model.DndState("5002"));

        Assert.True(model.NoteOutOfService("5002", true));
        Assert.False(model.NoteOutOfService("5002", true));
        Assert.True(model.IsOutOfService("5002"));
        Assert.Equal(["5002"], model.OutOfServiceDns());
        Assert.True(model.NoteOutOfService("5002", false));
        Assert.Empty(model.OutOfServiceDns());

        model.NoteDoNotDisturb("5001", false);
        model.NoteForward("5001", ForwardMode.None, null);
        Assert.Equal(DnFeatureState.Idle, model.FeaturesOf("5001"));
    }

    [Fact]
    public void AnInboundCallThatIsASecondLegRingsWithTheFirstLegsUserData()
    {
        var asked = new List<(string Dn, string CallId)>();
        var model = Model((dn, callId) =>
        {
            asked.Add((dn, callId));
            return dn == "5002" ? new KeyValueList().Add("CaseId", "C-42") : null;
        });
        var sink = new RecordingSink();
        model.Apply(Delivered("C1", "95001", "5002"), sink);
        var ringing = Assert.Single(sink.For("5002"));
        Assert.Equal(MessageType.EventRinging, ringing.Type);
        Assert.Equal("{CaseId=C-42}", ringing.UserData!.ToString());
        Assert.Equal([("5002", "C1")], asked);

        // An internal call is no second leg: the hook is not asked.
        model.Apply(Delivered("C2", "5002", "5001"), sink);
        Assert.Single(asked);
        Assert.Null(sink.For("5001").Single(e => e.Type == MessageType.EventRinging).UserData);
    }

    private static CstaCallEvent Delivered(string callId, string calling, string called) => new("DeliveredEvent", SwitchRig.Ed4)
    {
        Type = CstaEventType.Delivered,
        MonitorCrossRefId = "1",
        Connection = new CstaConnectionId(callId, called),
        SubjectDevice = called,
        CallingDevice = calling,
        CalledDevice = called,
        LocalConnectionInfo = "alerting",
        Cause = "newCall",
    };
}
