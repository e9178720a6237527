using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CtiGateway.Protocol;

namespace CtiGateway.Switching.Tests.Calls;

/// <summary>
/// Issue 9 "Failures" and "Timeouts": every failed call-control request is answered with one EventError carrying the
/// request's ReferenceID and the right code, over real sockets (one table row per failure), and no request ever goes
/// unanswered, including those the switch never answers.
/// </summary>
public sealed class RequestFailureTests
{
    private static readonly TimeSpan Timeout = CallRig.Timeout;

    /// <summary>Each failure: how to set it up (profile edit, what happens first) and the EventError it must give.</summary>
    private static readonly Dictionary<string, FailureCase> Cases = new(StringComparer.Ordinal)
    {
        ["not registered (41)"] = new(ErrorCode.TERR_NOT_REGISTERED, "DN 5003 is not registered by this client", async (rig, desk, calls) =>
            Request(MessageType.RequestAnswerCall, "5003", (await rig.CallAsync(calls.Other)).ConnId)),
        ["unknown ConnID (56)"] = new(ErrorCode.TERR_INV_CONNID, "Invalid ConnID 00000000deadbeef: no such call on this switch", (rig, desk, calls) =>
            Task.FromResult(Request(MessageType.RequestHoldCall, "5001", new ConnId(0xDEADBEEF)))),
        ["ConnID of a call the DN is not on (56)"] = new(ErrorCode.TERR_INV_CONNID, "DN 5001 is not on that call", async (rig, desk, calls) =>
            Request(MessageType.RequestHoldCall, "5001", (await rig.CallAsync(calls.Other)).ConnId)),
        ["no switch link (54)"] = new(ErrorCode.TERR_NO_SWITCH, "switch tel_sw has no link up", async (rig, desk, calls) =>
        {
            var connId = (await rig.CallAsync(calls.Own)).ConnId;
            rig.Simulator.HoldNewLinks = true;
            await rig.Simulator.DisconnectAllAsync();
            await rig.WaitUntilAsync(() => !rig.LinkConnected, "the link reported down");
            return Request(MessageType.RequestHoldCall, "5001", connId);
        }),
        ["link drops while the switch has the request (54)"] = new(ErrorCode.TERR_NO_SWITCH, "the link to switch tel_sw went down before the switch answered HoldCall", async (rig, desk, calls) =>
        {
            rig.Simulator.IgnoredServices = new HashSet<string>(StringComparer.Ordinal) { "HoldCall" };
            return Request(MessageType.RequestHoldCall, "5001", (await rig.CallAsync(calls.Own)).ConnId);
        })
        {
            AfterSend = async rig =>
            {
                await rig.WaitUntilAsync(() => rig.Simulator.RequestsIgnored == 1, "HoldCall at the switch");
                rig.Simulator.HoldNewLinks = true;
                await rig.Simulator.DisconnectAllAsync();
            },
        },
        ["CSTA stateIncompatibility/invalidCallingDeviceState: MakeCall from a busy station (1712)"] = new(
            ErrorCode.TERR_CTL_INV_CALL_STATE, "refused MakeCall: CSTA error stateIncompatibility/invalidCallingDeviceState", (rig, desk, calls) =>
                Task.FromResult(new TlibMessage(MessageType.RequestMakeCall) { ThisDN = "5001", OtherDN = "5010" })),
        ["CSTA stateIncompatibility/invalidObjectState: RetrieveCall of a call not held (1712)"] = new(
            ErrorCode.TERR_CTL_INV_CALL_STATE, "refused RetrieveCall: CSTA error stateIncompatibility/invalidObjectState", async (rig, desk, calls) =>
                Request(MessageType.RequestRetrieveCall, "5001", (await rig.CallAsync(calls.Own)).ConnId)),
        ["CSTA operation/invalidDestination: SingleStepTransfer to a number nowhere (223)"] = new(
            ErrorCode.TERR_BAD_PARAM, "refused SingleStepTransferCall: CSTA error operation/invalidDestination", async (rig, desk, calls) =>
            {
                var request = Request(MessageType.RequestSingleStepTransfer, "5001", (await rig.CallAsync(calls.Own)).ConnId);
                request.OtherDN = "999";
                return request;
            }),
        ["CSTA stateIncompatibility/invalidDestinationDeviceState: redirect to a busy station (231)"] = new(
            ErrorCode.TERR_DN_BUSY, "refused DeflectCall: CSTA error stateIncompatibility/invalidDestinationDeviceState", async (rig, desk, calls) =>
            {
                var ringing = rig.PlaceCall("5020", "5021", answer: false);
                await desk.RegisterAsync(["5021"], Timeout);
                await rig.WaitUntilAsync(() => rig.CallsAsync().GetAwaiter().GetResult().Any(c => c.CallId == ringing && c.Parties.Count == 2), "the call 5020 -> 5021 ringing");
                var request = Request(MessageType.RequestRedirectCall, "5021", (await rig.CallAsync(ringing)).ConnId);
                request.OtherDN = "5002";
                return request;
            }),
        ["service the profile does not offer (51)"] = new(
            ErrorCode.TERR_UNSUP_OPER, "RequestHoldCall needs the CSTA service HoldCall, which firmware profile osv-v10-no-hold of switch tel_sw does not offer", async (rig, desk, calls) =>
                Request(MessageType.RequestHoldCall, "5001", (await rig.CallAsync(calls.Own)).ConnId))
        {
            EditProfile = json =>
            {
                json["id"] = "osv-v10-no-hold";
                var services = json["services"]!.AsArray();
                services.Remove(services.First(s => (string)s! == "HoldCall"));
            },
        },
        ["DN on no switch (59)"] = new(ErrorCode.TERR_NOT_CONFIGURED, "DN 6001 is not a DN of any switch (tel_sw)", async (rig, desk, calls) =>
        {
            await desk.RegisterAsync(["6001"], Timeout);
            return new TlibMessage(MessageType.RequestMakeCall) { ThisDN = "6001", OtherDN = "5010" };
        }),
        ["switch never answers (57)"] = new(ErrorCode.TERR_TIMEOUT, "switch tel_sw did not answer HoldCall within 300 ms (firmware profile osv-v10, dialect.request-timeout-ms)", async (rig, desk, calls) =>
        {
            rig.Simulator.IgnoredServices = new HashSet<string>(StringComparer.Ordinal) { "HoldCall" };
            return Request(MessageType.RequestHoldCall, "5001", (await rig.CallAsync(calls.Own)).ConnId);
        })
        {
            EditProfile = json => json["dialect"]!["request-timeout-ms"] = 300,
        },
    };

    public static TheoryData<string> Failures => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task AFailedRequestGetsOneEventErrorWithItsReferenceIdAndCode(string failure)
    {
        var test = Cases[failure];
        await using var rig = await CallRig.StartAsync(test.EditProfile);
        var desk = await rig.ClientAsync("desk", "5001", "5002");
        var calls = new TwoCalls(rig.PlaceCall("5001", "5002"), rig.PlaceCall("5003", "5004"));
        await rig.WaitForSameTablesAsync("two calls up");

        var request = await test.Arrange(rig, desk, calls);
        var started = Stopwatch.GetTimestamp();
        var reference = await desk.SendAsync(request);
        if (test.AfterSend is { } afterSend)
        {
            await afterSend(rig);
        }

        var error = await desk.WaitForAsync(m => m.ReferenceID == reference, Timeout, $"the answer to {request.Type}");
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.True(error.Type == MessageType.EventError, $"{failure}: expected EventError, got {CallClient.Describe(error)}");
        Assert.Equal((int)test.Code, error.ErrorCode);
        Assert.Contains(test.MessagePart, error.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(request.ThisDN, error.ThisDN);
        if (test.Code == ErrorCode.TERR_TIMEOUT)
        {
            Assert.True(elapsed >= TimeSpan.FromMilliseconds(280), $"TERR_TIMEOUT after {elapsed.TotalMilliseconds} ms, before the profile's 300 ms");
        }

        // Exactly one answer: a later request's answer comes after it and nothing else carried its ReferenceID.
        var probe = await desk.SendAsync(new TlibMessage(MessageType.RequestQueryServer));
        await desk.WaitForAsync(m => m.ReferenceID == probe, Timeout, "the answer to RequestQueryServer");
        Assert.Single(desk.AnswersTo(reference));
    }

    [Fact]
    public async Task EveryRequestIsAnsweredOnceEvenWhenTheSwitchIgnoresSome()
    {
        // The switch never answers HoldCall; the profile gives it 300 ms. Two desks send a mix of requests at once:
        // holds (57), retrieves of calls not held (CSTA error), unknown ConnIDs (56), user data (answered by the model)
        // and calls from busy stations (CSTA error).
        await using var rig = await CallRig.StartAsync(json => json["dialect"]!["request-timeout-ms"] = 300);
        rig.Simulator.IgnoredServices = new HashSet<string>(StringComparer.Ordinal) { "HoldCall" };
        var one = await rig.ClientAsync("desk-1", CallRig.Extensions(5001, 10).ToArray());
        var two = await rig.ClientAsync("desk-2", CallRig.Extensions(5011, 10).ToArray());
        for (var i = 0; i < 10; i++)
        {
            _ = rig.PlaceCall((5001 + (2 * i)).ToString(CultureInfo.InvariantCulture), (5002 + (2 * i)).ToString(CultureInfo.InvariantCulture));
        }

        await rig.WaitForSameTablesAsync("ten calls up");
        var calls = await rig.CallsAsync();

        List<TlibMessage> Mix(int first)
        {
            var requests = new List<TlibMessage>();
            for (var round = 0; round < 8; round++)
            {
                foreach (var call in calls.Where(c => int.Parse(c.Parties[0].Dn, CultureInfo.InvariantCulture) - first is >= 0 and < 10))
                {
                    var dn = call.Parties[0].Dn;
                    requests.Add(Request(MessageType.RequestHoldCall, dn, call.ConnId));
                    requests.Add(Request(MessageType.RequestRetrieveCall, dn, call.ConnId));
                    requests.Add(Request(MessageType.RequestAnswerCall, dn, new ConnId(0xBAD0000 + (ulong)round)));
                    requests.Add(Request(MessageType.RequestUpdateUserData, dn, call.ConnId).Set(AttributeId.UserData, new KeyValueList().Add("round", round)));
                    requests.Add(new TlibMessage(MessageType.RequestMakeCall) { ThisDN = dn, OtherDN = "5099" });
                }
            }

            return requests;
        }

        var sends = new[] { (one, Mix(5001)), (two, Mix(5011)) };
        var started = Stopwatch.GetTimestamp();
        var references = await Task.WhenAll(sends.Select(s => Task.Run(() => s.Item1.SendManyAsync(s.Item2))));
        for (var i = 0; i < sends.Length; i++)
        {
            var (desk, requests) = sends[i];
            var wanted = references[i];
            Assert.Equal(200, wanted.Count);
            Assert.True(wanted.Count <= SwitchCallHost.MaxRequestsPerClient, "within a client's share: none is refused TERR_TOO_MANY_REQ");
            await desk.WaitUntilAsync(log => wanted.All(r => log.Any(m => m.ReferenceID == r)), Timeout, $"an answer to each of {wanted.Count} requests");
        }

        var elapsed = Stopwatch.GetElapsedTime(started);

        // A last ignored HoldCall: once its timeout comes, every earlier one has come too; nothing may follow.
        var lastCall = calls.First(c => c.Parties[0].Dn == "5001");
        var last = await one.SendAsync(Request(MessageType.RequestHoldCall, "5001", lastCall.ConnId));
        await one.WaitForAsync(m => m.ReferenceID == last, Timeout, "the last HoldCall's TERR_TIMEOUT");

        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sends.Length; i++)
        {
            var (desk, requests) = sends[i];
            for (var n = 0; n < requests.Count; n++)
            {
                var answers = desk.AnswersTo(references[i][n]);
                var errors = answers.Count(m => m.Type == MessageType.EventError);
                Assert.True(
                    answers.Count > 0 && (errors == 0 || answers.Count == 1),
                    $"{desk.Name} {requests[n].Type} ReferenceID {references[i][n]}: {string.Join(", ", answers.Select(CallClient.Describe))}");
                var key = $"{requests[n].Type} -> {(errors == 1 ? "EventError " + answers[0].ErrorCode : answers[0].Type.ToString())}";
                codes[key] = codes.GetValueOrDefault(key) + 1;
            }
        }

        // Every kind answered as it must be, 40 of each per desk.
        Assert.Equal(80, codes.GetValueOrDefault($"RequestHoldCall -> EventError {(int)ErrorCode.TERR_TIMEOUT}"));
        Assert.Equal(80, codes.GetValueOrDefault($"RequestRetrieveCall -> EventError {(int)ErrorCode.TERR_CTL_INV_CALL_STATE}"));
        Assert.Equal(80, codes.GetValueOrDefault($"RequestAnswerCall -> EventError {(int)ErrorCode.TERR_INV_CONNID}"));
        Assert.Equal(80, codes.GetValueOrDefault("RequestUpdateUserData -> EventAttachedDataChanged"));
        Assert.Equal(80, codes.GetValueOrDefault($"RequestMakeCall -> EventError {(int)ErrorCode.TERR_CTL_INV_CALL_STATE}"));
        Assert.True(elapsed < TimeSpan.FromMilliseconds(300) + TimeSpan.FromSeconds(20), $"400 requests answered in {elapsed}, past the 300 ms timeout and a margin of 20 s");
    }

    private static TlibMessage Request(MessageType type, string dn, ConnId connId) => new(type) { ThisDN = dn, ConnID = connId };

    /// <summary>The calls each case starts from: 5001-5002 (the desk's own) and 5003-5004 (another).</summary>
    private sealed record TwoCalls(string Own, string Other);

    /// <summary>One row of the table: the code, a part of the message, and the request (after what must happen first).</summary>
    private sealed record FailureCase(ErrorCode Code, string MessagePart, Func<CallRig, CallClient, TwoCalls, Task<TlibMessage>> Arrange)
    {
        public Action<JsonObject>? EditProfile { get; init; }

        /// <summary>What happens once the request is sent (before its answer).</summary>
        public Func<CallRig, Task>? AfterSend { get; init; }
    }
}
