using System.Diagnostics;
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
        // The switch never answers HoldCall and the profile waits 60 s for it: the flood's holds pile up at the switch.
        await using var rig = await CallRig.StartAsync(json => json["dialect"]!["request-timeout-ms"] = 60_000);
        rig.Simulator.IgnoredServices = new HashSet<string>(StringComparer.Ordinal) { "HoldCall" };
        var hostile = await rig.ClientAsync("hostile", "5001");
        var chatty = await rig.ClientAsync("chatty", "5005");
        var victim = await rig.ClientAsync("victim", "5003");
        var hostileCall = rig.PlaceCall("5001", "5002");
        var victimCall = rig.PlaceCall("5003", "5004");
        await rig.WaitForSameTablesAsync("two calls up");
        var hostileConnId = (await rig.CallAsync(hostileCall)).ConnId;
        var victimConnId = (await rig.CallAsync(victimCall)).ConnId;

        // One client sends 20,000 HoldCalls in one go, then 20,000 requests the loop refuses itself (unknown ConnID);
        // another sends 40,000 of the cheap ones, as fast as the socket takes them.
        var flood = Enumerable.Range(0, 20_000).Select(_ => Request(MessageType.RequestHoldCall, "5001", hostileConnId))
            .Concat(Enumerable.Range(0, 20_000).Select(i => Request(MessageType.RequestAnswerCall, "5001", new ConnId(0xF00D0000UL + (ulong)i))))
            .ToList();
        var chatter = Enumerable.Range(0, 40_000).Select(i => Request(MessageType.RequestAnswerCall, "5005", new ConnId(0xBEEF0000UL + (ulong)i))).ToList();
        var flooding = Task.Run(() => hostile.SendManyAsync(flood));
        var chattering = Task.Run(() => chatty.SendManyAsync(chatter));
        await hostile.WaitForAsync(m => m.ErrorCode == (int)ErrorCode.TERR_TOO_MANY_REQ, Timeout, "the first TERR_TOO_MANY_REQ of the flood");

        // Meanwhile the other desk's requests get their own answers: the switch's refusal, the model's data change.
        var victimStarted = Stopwatch.GetTimestamp();
        var retrieve = await victim.SendAsync(Request(MessageType.RequestRetrieveCall, "5003", victimConnId));
        var update = await victim.SendAsync(Request(MessageType.RequestUpdateUserData, "5003", victimConnId).Set(AttributeId.UserData, new KeyValueList().Add("desk", "victim")));
        var refused = await victim.WaitForAsync(m => m.ReferenceID == retrieve, Timeout, "the answer to RequestRetrieveCall");
        var changed = await victim.WaitForAsync(m => m.ReferenceID == update, Timeout, "the answer to RequestUpdateUserData");
        var victimAnswered = Stopwatch.GetElapsedTime(victimStarted);
        Assert.True(refused.ErrorCode == (int)ErrorCode.TERR_CTL_INV_CALL_STATE, $"RetrieveCall of a call not held: {CallClient.Describe(refused)} {refused.ErrorMessage}");
        Assert.True(changed.Type == MessageType.EventAttachedDataChanged, $"UpdateUserData: {CallClient.Describe(changed)} {changed.ErrorMessage}");

        // The flood is answered as it is read: TERR_TOO_MANY_REQ past the share, TERR_INV_CONNID for the unknown calls;
        // only the holds the switch keeps wait, and there are at most the client's share of them.
        var references = await flooding;
        var first = references[0];
        await hostile.WaitUntilAsync(
            log => log.Count(m => m.ReferenceID >= first) + rig.Simulator.RequestsIgnored >= references.Count, Timeout, $"answers to the {references.Count} flood requests but the held ones");
        var atSwitch = rig.Simulator.RequestsIgnored;
        Assert.InRange(atSwitch, 1, SwitchCallHost.MaxRequestsPerClient);

        // The link drops: the holds the switch kept are answered TERR_NO_SWITCH, and every flood request has one answer.
        await rig.Simulator.DisconnectAllAsync();
        await hostile.WaitUntilAsync(log => log.Count(m => m.ReferenceID >= first) >= references.Count, Timeout, $"answers to all {references.Count} flood requests");
        var answers = hostile.Log().Where(m => m.ReferenceID >= first).ToList();
        Assert.Equal(references.Count, answers.Count);
        Assert.Equal(references.Count, answers.Select(m => m.ReferenceID).Distinct().Count());
        var codes = answers.GroupBy(m => m.ErrorCode ?? 0).ToDictionary(g => g.Key, g => g.Count());
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"victim answered in {victimAnswered.TotalMilliseconds:F0} ms during the flood; {atSwitch} holds waited at the switch; flood of {references.Count} answered: {string.Join(", ", codes.OrderBy(c => c.Key).Select(c => $"ErrorCode {c.Key} x {c.Value}"))}");
        Assert.True(codes.Keys.All(c => c is (int)ErrorCode.TERR_TOO_MANY_REQ or (int)ErrorCode.TERR_NO_SWITCH or (int)ErrorCode.TERR_INV_CONNID), string.Join(", ", codes));
        Assert.True(codes.GetValueOrDefault((int)ErrorCode.TERR_TOO_MANY_REQ) > 0, "some of the flood is refused");
        Assert.Equal(atSwitch, codes.GetValueOrDefault((int)ErrorCode.TERR_NO_SWITCH));

        // The cheap flood: each request answered once, TERR_INV_CONNID or (past the share) TERR_TOO_MANY_REQ.
        var chatterReferences = await chattering;
        var firstChatter = chatterReferences[0];
        await chatty.WaitUntilAsync(log => log.Count(m => m.ReferenceID >= firstChatter) >= chatterReferences.Count, Timeout, $"answers to all {chatterReferences.Count} cheap requests");
        var chatterAnswers = chatty.Log().Where(m => m.ReferenceID >= firstChatter).ToList();
        Assert.Equal(chatterReferences.Count, chatterAnswers.Select(m => m.ReferenceID).Distinct().Count());
        var chatterCodes = chatterAnswers.GroupBy(m => m.ErrorCode ?? 0).ToDictionary(g => g.Key, g => g.Count());
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"cheap flood of {chatterReferences.Count} answered: {string.Join(", ", chatterCodes.OrderBy(c => c.Key).Select(c => $"ErrorCode {c.Key} x {c.Value}"))}");
        Assert.True(chatterCodes.Keys.All(c => c is (int)ErrorCode.TERR_TOO_MANY_REQ or (int)ErrorCode.TERR_INV_CONNID), string.Join(", ", chatterCodes));
        Assert.True(chatterCodes.GetValueOrDefault((int)ErrorCode.TERR_INV_CONNID) > 0, "the cheap flood is served as far as its share goes");
    }

    private static TlibMessage Request(MessageType type, string dn, ConnId connId) => new(type) { ThisDN = dn, ConnID = connId };
}
