using CtiGateway.Protocol;

namespace CtiGateway.Switching.Tests.Calls;

/// <summary>
/// A hostile client flooding call-control requests is bounded: what goes past its share is refused at once with
/// TERR_TOO_MANY_REQ, and another client's requests still get their own answers meanwhile.
/// </summary>
public sealed class RequestFloodTests
{
    private static readonly TimeSpan Timeout = CallRig.Timeout;

    [Fact]
    public async Task AFloodingClientGetsTooManyRequestsWhileAnotherClientStillGetsItsAnswers()
    {
        // The switch never answers HoldCall and the profile waits 5 s for it: the flood's holds pile up at the switch.
        await using var rig = await CallRig.StartAsync(json => json["dialect"]!["request-timeout-ms"] = 5000);
        rig.Simulator.IgnoredServices = new HashSet<string>(StringComparer.Ordinal) { "HoldCall" };
        var hostile = await rig.ClientAsync("hostile", "5001");
        var victim = await rig.ClientAsync("victim", "5003");
        var hostileCall = rig.PlaceCall("5001", "5002");
        var victimCall = rig.PlaceCall("5003", "5004");
        await rig.WaitForSameTablesAsync("two calls up");
        var hostileConnId = (await rig.CallAsync(hostileCall)).ConnId;
        var victimConnId = (await rig.CallAsync(victimCall)).ConnId;

        // 20,000 HoldCalls in one go, then 20,000 requests the loop refuses itself (unknown ConnID).
        var flood = Enumerable.Range(0, 20_000).Select(_ => Request(MessageType.RequestHoldCall, "5001", hostileConnId))
            .Concat(Enumerable.Range(0, 20_000).Select(i => Request(MessageType.RequestAnswerCall, "5001", new ConnId(0xF00D0000UL + (ulong)i))))
            .ToList();
        var flooding = Task.Run(() => hostile.SendManyAsync(flood));
        await hostile.WaitForAsync(m => m.ErrorCode == (int)ErrorCode.TERR_TOO_MANY_REQ, Timeout, "the first TERR_TOO_MANY_REQ of the flood");

        // Meanwhile the other desk's requests get their own answers: the switch's refusal, the model's data change.
        var retrieve = await victim.SendAsync(Request(MessageType.RequestRetrieveCall, "5003", victimConnId));
        var update = await victim.SendAsync(Request(MessageType.RequestUpdateUserData, "5003", victimConnId).Set(AttributeId.UserData, new KeyValueList().Add("desk", "victim")));
        var refused = await victim.WaitForAsync(m => m.ReferenceID == retrieve, Timeout, "the answer to RequestRetrieveCall");
        var changed = await victim.WaitForAsync(m => m.ReferenceID == update, Timeout, "the answer to RequestUpdateUserData");
        Assert.True(refused.ErrorCode == (int)ErrorCode.TERR_CTL_INV_CALL_STATE, $"RetrieveCall of a call not held: {CallClient.Describe(refused)} {refused.ErrorMessage}");
        Assert.True(changed.Type == MessageType.EventAttachedDataChanged, $"UpdateUserData: {CallClient.Describe(changed)} {changed.ErrorMessage}");

        // Every flood request is answered once: TERR_TOO_MANY_REQ at once, or its own answer (TERR_TIMEOUT, TERR_INV_CONNID).
        var references = await flooding;
        await hostile.WaitUntilAsync(log => log.Count(m => m.ReferenceID >= references[0]) >= references.Count, Timeout, $"answers to {references.Count} flood requests");
        var codes = hostile.Log().Where(m => m.ReferenceID >= references[0]).GroupBy(m => m.ErrorCode ?? 0).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(references.Count, codes.Values.Sum());
        Assert.True(codes.GetValueOrDefault((int)ErrorCode.TERR_TOO_MANY_REQ) > 0, "some of the flood is refused");
        Assert.True(codes.Keys.All(c => c is (int)ErrorCode.TERR_TOO_MANY_REQ or (int)ErrorCode.TERR_TIMEOUT or (int)ErrorCode.TERR_INV_CONNID), string.Join(", ", codes));
        Assert.True(codes.GetValueOrDefault((int)ErrorCode.TERR_TIMEOUT) <= SwitchCallHost.MaxRequestsPerClient, $"at most {SwitchCallHost.MaxRequestsPerClient} holds waited for the switch: {string.Join(", ", codes)}");
    }

    private static TlibMessage Request(MessageType type, string dn, ConnId connId) => new(type) { ThisDN = dn, ConnID = connId };
}
