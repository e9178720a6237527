using CtiGateway.CallModel;
using CtiGateway.Protocol;

namespace CtiGateway.Switching.Tests.Calls;

/// <summary>
/// Issue 10 items 4 and 5, end to end: RequestQueryCall (EventPartyInfo), RequestPrivateService (EventACK then
/// EventPrivateInfo, the documented catalogue) and RequestSetCallInfo (EventCallInfoChanged), answered from the gateway's
/// state, also while the switch link is down.
/// </summary>
public sealed class StateQueryTests
{
    private static readonly TimeSpan Timeout = CallRig.Timeout;

    [Fact]
    public async Task QueryCallAnswersPartiesAndStatusFromTheCallModel()
    {
        await using var rig = await CallRig.StartAsync();
        var a = await rig.ClientAsync("desk-a", "5001");
        var callId = rig.PlaceCall("5001", "5002");
        await rig.WaitForSameTablesAsync("the call 5001-5002");
        var connId = (await rig.CallAsync(callId)).ConnId;

        var parties = await AnswerAsync(a, Query(MessageType.RequestQueryCall, "5001", connId).Set(AttributeId.CallInfoType, (int)CallInfoType.PartiesQuery));
        Assert.Equal(MessageType.EventPartyInfo, parties.Type);
        Assert.Equal(connId, parties.ConnID);
        Assert.Equal("5001", parties.ThisDN);
        Assert.Equal((int)CallInfoType.PartiesQuery, parties.GetInt(AttributeId.CallInfoType));
        Assert.Equal(CallType.Internal, parties.CallType);
        Assert.Equal(callId, parties.Extensions!.GetString("call-id"));
        var list = parties.Extensions!.GetList("parties")!;
        Assert.Equal(["5001", "5002"], list.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.All(list, p => Assert.Equal(nameof(PartyState.Connected), p.Value.AsList().GetString("state")));

        var status = await AnswerAsync(a, Query(MessageType.RequestQueryCall, "5001", connId).Set(AttributeId.CallInfoType, (int)CallInfoType.StatusQuery));
        Assert.Equal(MessageType.EventPartyInfo, status.Type);
        Assert.Equal(callId, status.Extensions!.GetString("call-id"));
        Assert.Equal(2, status.Extensions!.GetInt("party-count"));
        Assert.Null(status.Extensions!.GetList("parties"));

        var unknown = await AnswerAsync(a, Query(MessageType.RequestQueryCall, "5001", new ConnId(0x1234)));
        Assert.Equal(MessageType.EventError, unknown.Type);
        Assert.Equal((int)ErrorCode.TERR_INV_CONNID, unknown.ErrorCode);

        var bad = await AnswerAsync(a, Query(MessageType.RequestQueryCall, "5001", connId).Set(AttributeId.CallInfoType, 7));
        Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, bad.ErrorCode);
        Assert.Contains("CallInfoType", bad.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrivateServicesAreAcknowledgedThenAnsweredWithEventPrivateInfo()
    {
        await using var rig = await CallRig.StartAsync();
        var a = await rig.ClientAsync("desk-a", "5001");
        var callId = rig.PlaceCall("5001", "5002");
        await rig.WaitForSameTablesAsync("the call 5001-5002");
        var connId = (await rig.CallAsync(callId)).ConnId;

        // Link statistics: no DN needed.
        var (ack, stats) = await AckAndInfoAsync(a, new TlibMessage(MessageType.RequestPrivateService).Set(AttributeId.PrivateMsgID, (int)GatewayPrivateService.LinkStatistics));
        Assert.Equal((int)MessageType.RequestPrivateService, ack.GetInt(AttributeId.UserEvent));
        var sw = stats.Extensions!.GetList(CallRig.Switch)!;
        Assert.Equal("connected", sw.GetString("state"));
        Assert.Equal(rig.ProfileId, sw.GetString("profile"));
        Assert.True(sw.GetInt("calls") >= 1, "the live call is counted");
        Assert.True(sw.GetInt("frames-in") > 0, "frames-in counted");

        // Call snapshot: the call's state in Extensions, its user data in UserData.
        await AnswerAsync(a, Query(MessageType.RequestAttachUserData, "5001", connId).Set(AttributeId.UserData, new KeyValueList().Add("account", "A-17")));
        var (_, call) = await AckAndInfoAsync(a, Query(MessageType.RequestPrivateService, "5001", connId).Set(AttributeId.PrivateMsgID, (int)GatewayPrivateService.CallSnapshot));
        Assert.Equal(connId, call.ConnID);
        Assert.Equal(callId, call.Extensions!.GetString("call-id"));
        Assert.Equal(["5001", "5002"], call.Extensions!.GetList("parties")!.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("A-17", call.UserData!.GetString("account"));

        // DN snapshot: the calls the DN is on.
        var (_, dn) = await AckAndInfoAsync(a, new TlibMessage(MessageType.RequestPrivateService) { ThisDN = "5001" }.Set(AttributeId.PrivateMsgID, (int)GatewayPrivateService.DnSnapshot));
        Assert.Equal(1, dn.Extensions!.GetInt("call-count"));
        var onCall = dn.Extensions!.GetList("calls")!.GetList(connId.ToString())!;
        Assert.Equal(nameof(PartyState.Connected), onCall.GetString("state"));
        Assert.Equal(nameof(PartyState.Connected), onCall.GetList("others")!.GetString("5002"));

        // Unknown and missing service numbers are refused, naming the catalogue.
        var unknown = await AnswerAsync(a, new TlibMessage(MessageType.RequestPrivateService) { ThisDN = "5001" }.Set(AttributeId.PrivateMsgID, 4242));
        Assert.Equal((int)ErrorCode.TERR_UNSUP_OPER, unknown.ErrorCode);
        Assert.Contains("9001 LinkStatistics", unknown.ErrorMessage, StringComparison.Ordinal);
        var missing = await AnswerAsync(a, new TlibMessage(MessageType.RequestPrivateService) { ThisDN = "5001" });
        Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, missing.ErrorCode);
        Assert.Contains("PrivateMsgID", missing.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetCallInfoSendsEventCallInfoChangedToEveryPartyAndLaterEventsCarryTheCustomerId()
    {
        await using var rig = await CallRig.StartAsync();
        var a = await rig.ClientAsync("desk-a", "5001");
        var b = await rig.ClientAsync("desk-b", "5002");
        var callId = rig.PlaceCall("5001", "5002");
        await rig.WaitForSameTablesAsync("the call 5001-5002");
        var connId = (await rig.CallAsync(callId)).ConnId;

        var changed = await AnswerAsync(a, Query(MessageType.RequestSetCallInfo, "5001", connId).Set(AttributeId.CustomerID, "tenant-7"));
        Assert.Equal(MessageType.EventCallInfoChanged, changed.Type);
        Assert.Equal(connId, changed.ConnID);
        Assert.Equal("tenant-7", changed.GetString(AttributeId.CustomerID));
        Assert.Null(changed.ThisDN);
        var atB = await b.WaitForAsync(m => m.Type == MessageType.EventCallInfoChanged, Timeout, "EventCallInfoChanged at 5002");
        Assert.Equal("tenant-7", atB.GetString(AttributeId.CustomerID));
        Assert.Equal(0, atB.ReferenceID ?? 0);

        var held = await AnswerAsync(a, Query(MessageType.RequestHoldCall, "5001", connId));
        Assert.Equal(MessageType.EventHeld, held.Type);
        Assert.Equal("tenant-7", held.GetString(AttributeId.CustomerID));

        var missing = await AnswerAsync(a, Query(MessageType.RequestSetCallInfo, "5001", connId));
        Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, missing.ErrorCode);
        Assert.Contains("CustomerID", missing.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StateQueriesAreAnsweredWhileTheLinkIsDownAndCallControlIsRefused()
    {
        await using var rig = await CallRig.StartAsync();
        var a = await rig.ClientAsync("desk-a", "5001");
        var callId = rig.PlaceCall("5001", "5002");
        await rig.WaitForSameTablesAsync("the call 5001-5002");
        var connId = (await rig.CallAsync(callId)).ConnId;

        var mark = a.Count;
        rig.Simulator.HoldNewLinks = true;
        await rig.Simulator.DisconnectAllAsync();
        await a.WaitUntilAsync(log => log.Skip(mark).Any(m => m.Type == MessageType.EventLinkDisconnected), Timeout, "EventLinkDisconnected");

        var parties = await AnswerAsync(a, Query(MessageType.RequestQueryCall, "5001", connId));
        Assert.Equal(MessageType.EventPartyInfo, parties.Type);
        var (_, stats) = await AckAndInfoAsync(a, new TlibMessage(MessageType.RequestPrivateService).Set(AttributeId.PrivateMsgID, (int)GatewayPrivateService.LinkStatistics));
        Assert.Equal("disconnected", stats.Extensions!.GetList(CallRig.Switch)!.GetString("state"));

        var hold = await AnswerAsync(a, Query(MessageType.RequestHoldCall, "5001", connId));
        Assert.Equal(MessageType.EventError, hold.Type);
        Assert.Equal((int)ErrorCode.TERR_NO_SWITCH, hold.ErrorCode);
        rig.Simulator.HoldNewLinks = false;
    }

    [Fact]
    public async Task QueryAddressOfADnWrittenWithItsSwitchIsAnsweredFromTheSwitchsState()
    {
        await using var rig = await CallRig.StartAsync();
        var a = await rig.ClientAsync("desk-a", "5001");
        rig.PlaceCall("5001", "5002");
        await rig.WaitForSameTablesAsync("the call 5001-5002");

        var query = new TlibMessage(MessageType.RequestQueryAddress) { ThisDN = "5001@" + CallRig.Switch }.Set(AttributeId.AddressInfoType, (int)AddressInfoType.DNStatus);
        var info = await AnswerAsync(a, query);

        Assert.Equal(MessageType.EventAddressInfo, info.Type);
        Assert.Equal("5001", info.ThisDN);
        Assert.Equal("busy", info.Extensions!.GetString("status"));
        Assert.Equal(1, info.Extensions!.GetInt("calls"));
        Assert.Equal(1, info.Extensions!.GetInt("registered-clients"));
    }

    private static TlibMessage Query(MessageType type, string dn, ConnId connId) =>
        new TlibMessage(type) { ThisDN = dn, ConnID = connId };

    // The single answer to one request (the first event carrying its ReferenceID).
    private static async Task<TlibMessage> AnswerAsync(CallClient client, TlibMessage request)
    {
        var reference = await client.SendAsync(request);
        return await client.WaitForAsync(m => m.ReferenceID == reference, Timeout, $"the answer to {request.Name}");
    }

    private static async Task<(TlibMessage Ack, TlibMessage Info)> AckAndInfoAsync(CallClient client, TlibMessage request)
    {
        var reference = await client.SendAsync(request);
        await client.WaitUntilAsync(log => log.Count(m => m.ReferenceID == reference) >= 2 || log.Any(m => m.ReferenceID == reference && m.Type == MessageType.EventError), Timeout, $"EventACK and EventPrivateInfo for {request.Name}");
        var answers = client.AnswersTo(reference);
        Assert.True(answers.Count == 2, $"two answers expected: {string.Join(", ", answers.Select(CallClient.Describe))}");
        Assert.Equal(MessageType.EventACK, answers[0].Type);
        Assert.Equal(MessageType.EventPrivateInfo, answers[1].Type);
        Assert.Equal(request.GetInt(AttributeId.PrivateMsgID), answers[1].GetInt(AttributeId.PrivateMsgID));
        return (answers[0], answers[1]);
    }
}
