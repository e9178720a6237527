using System.Diagnostics;
using System.Globalization;
using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.Switching.Tests.Calls;

/// <summary>
/// Issue 9 acceptance "Link drop with live calls": 50 calls up, the link drops, the switch changes things while it is
/// down, the link comes back; SnapshotDevice resynchronises the gateway, whose call table then equals the switch's, and
/// the clients of the DNs learn every change between EventLinkDisconnected and EventLinkConnected.
/// </summary>
public sealed class LinkDropResyncTests
{
    private static readonly TimeSpan Timeout = CallRig.Timeout;

    [Fact]
    public async Task FiftyLiveCallsAreResynchronisedAfterALinkDropAndEveryChangeReachesTheClientsBeforeEventLinkConnected()
    {
        await using var rig = await CallRig.StartAsync();
        var dns = CallRig.Extensions(5001, 99);
        var desks = new[]
        {
            await rig.ClientAsync("desk-1", dns.Take(33).ToArray()),
            await rig.ClientAsync("desk-2", dns.Skip(33).Take(33).ToArray()),
            await rig.ClientAsync("desk-3", dns.Skip(66).ToArray()),
        };
        CallClient DeskOf(string dn) => desks[(int.Parse(dn, CultureInfo.InvariantCulture) - 5001) / 33];

        // 50 calls: 49 pairs 5001-5002 ... 5097-5098, answered but the last two, which ring; then 5001 holds its call
        // and calls 5099 (answered).
        var calls = new List<(string CallId, string A, string B)>();
        for (var i = 0; i < 49; i++)
        {
            var a = (5001 + (2 * i)).ToString(CultureInfo.InvariantCulture);
            var b = (5002 + (2 * i)).ToString(CultureInfo.InvariantCulture);
            calls.Add((rig.PlaceCall(a, b, answer: i < 47), a, b));
        }

        Assert.False(rig.Simulator.Invoke(m => m.HoldCall(new CstaConnectionId(calls[0].CallId, "5001"))).IsError);
        calls.Add((rig.PlaceCall("5001", "5099"), "5001", "5099"));
        Assert.Equal(50, rig.Simulator.Invoke(m => m.CallCount));
        await rig.WaitForSameTablesAsync("with 50 calls up");
        var connIds = (await rig.CallsAsync()).ToDictionary(c => c.CallId, c => c.ConnId, StringComparer.Ordinal);
        Assert.Equal(50, connIds.Count);

        // The link drops and stays down (the switch holds new connections) while the switch changes things.
        var marks = desks.Select(d => d.Count).ToArray();
        rig.Simulator.HoldNewLinks = true;
        await rig.Simulator.DisconnectAllAsync();
        await rig.WaitUntilAsync(() => !rig.LinkConnected, "the link reported down");
        for (var i = 0; i < desks.Length; i++)
        {
            var mark = marks[i];
            await desks[i].WaitUntilAsync(log => log.Skip(mark).Any(m => m.Type == MessageType.EventLinkDisconnected), Timeout, "EventLinkDisconnected");
        }

        // Ten calls end: the 50th (5001-5099), calls 2-9 (5003-5004 ... 5017-5018) and the ringing call 5097 -> 5098,
        // whose caller gives up. 5001 retrieves its first call; calls 11-13 are held at their callers; 5096 answers the
        // ringing call from 5095; five new calls among the freed stations, three answered, two ringing.
        var released = calls.Skip(49).Concat(calls.Skip(1).Take(8)).Append(calls[48]).ToList();
        var held = calls.Skip(10).Take(3).ToList();
        var answeredMeanwhile = calls[47];
        var fresh = new List<(string CallId, string A, string B, bool Answered)>();
        rig.Simulator.Invoke(m =>
        {
            foreach (var (callId, a, _) in released)
            {
                Assert.False(m.ClearConnection(new CstaConnectionId(callId, a)).IsError);
            }

            Assert.False(m.RetrieveCall(new CstaConnectionId(calls[0].CallId, "5001")).IsError);
            Assert.False(m.AnswerCall(new CstaConnectionId(answeredMeanwhile.CallId, answeredMeanwhile.B)).IsError);
            foreach (var (callId, a, _) in held)
            {
                Assert.False(m.HoldCall(new CstaConnectionId(callId, a)).IsError);
            }
        });
        foreach (var (a, b, answer) in new[] { ("5003", "5004", true), ("5005", "5006", true), ("5007", "5008", true), ("5009", "5010", false), ("5011", "5012", false) })
        {
            fresh.Add((rig.PlaceCall(a, b, answer), a, b, answer));
        }

        Assert.Equal(45, rig.Simulator.Invoke(m => m.CallCount));
        Assert.False(rig.LinkConnected, "the link stayed down while the switch changed");

        // The link comes back: MonitorStart, SnapshotDevice of every DN, then EventLinkConnected.
        var back = Stopwatch.GetTimestamp();
        rig.Simulator.HoldNewLinks = false;
        var connected = new int[desks.Length];
        for (var i = 0; i < desks.Length; i++)
        {
            var mark = marks[i];
            await desks[i].WaitUntilAsync(log => log.Skip(mark).Any(m => m.Type == MessageType.EventLinkConnected), Timeout, "EventLinkConnected after the outage");
            connected[i] = desks[i].Log().Select((m, n) => (m, n)).Skip(mark).First(x => x.m.Type == MessageType.EventLinkConnected).n;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"link released to EventLinkConnected at all 3 desks: {Stopwatch.GetElapsedTime(back).TotalMilliseconds:F0} ms (reconnect backoff, start-up, 101 MonitorStart, 101 SnapshotDevice)");

        // EventLinkConnected comes after the resynchronisation: the call table equals the switch's at once.
        var truth = rig.SimulatorTable();
        var gateway = await rig.GatewayTableAsync();
        Assert.True(truth.SequenceEqual(gateway, StringComparer.Ordinal), "after EventLinkConnected:" + Environment.NewLine + CallRig.Difference(truth, gateway));
        Assert.Equal(45, gateway.Count);

        // Calls that lived through the outage keep their ConnIDs.
        var after = (await rig.CallsAsync()).ToDictionary(c => c.CallId, c => c.ConnId, StringComparer.Ordinal);
        foreach (var (callId, _, _) in calls.Except(released))
        {
            Assert.Equal(connIds[callId], after[callId]);
        }

        // What each DN's client got during the outage, between EventLinkDisconnected and EventLinkConnected.
        IReadOnlyList<TlibMessage> Outage(string dn)
        {
            var i = Array.IndexOf(desks, DeskOf(dn));
            var log = desks[i].Log();
            var down = log.Select((m, n) => (m, n)).Skip(marks[i]).First(x => x.m.Type == MessageType.EventLinkDisconnected).n;
            return [.. log.Skip(down + 1).Take(connected[i] - down - 1).Where(m => m.ThisDN == dn)];
        }

        static bool Has(IReadOnlyList<TlibMessage> events, MessageType type, ConnId connId) => events.Any(m => m.Type == type && m.ConnID == connId);

        // An ended call is released at each party; a party that never answered may hear it as EventAbandoned (the
        // snapshots do not say who hung up: the ringing party left alone on the call is told it was abandoned).
        foreach (var (callId, a, b) in released)
        {
            Assert.True(Has(Outage(a), MessageType.EventReleased, connIds[callId]), $"EventReleased for ended call {callId} at {a}: {Describe(Outage(a))}");
            var ringing = callId == calls[48].CallId;
            Assert.True(
                Has(Outage(b), MessageType.EventReleased, connIds[callId]) || (ringing && Has(Outage(b), MessageType.EventAbandoned, connIds[callId])),
                $"EventReleased for ended call {callId} at {b}: {Describe(Outage(b))}");
        }

        foreach (var dn in new[] { answeredMeanwhile.A, answeredMeanwhile.B })
        {
            Assert.True(Has(Outage(dn), MessageType.EventEstablished, connIds[answeredMeanwhile.CallId]), $"EventEstablished at {dn}: {Describe(Outage(dn))}");
        }

        Assert.True(Has(Outage("5001"), MessageType.EventRetrieved, connIds[calls[0].CallId]), $"EventRetrieved at 5001: {Describe(Outage("5001"))}");
        foreach (var (callId, a, _) in held)
        {
            Assert.True(Has(Outage(a), MessageType.EventHeld, connIds[callId]), $"EventHeld at {a}: {Describe(Outage(a))}");
        }

        foreach (var (callId, a, b, answered) in fresh)
        {
            var connId = after[callId];
            Assert.DoesNotContain(connId, connIds.Values);
            Assert.True(
                Has(Outage(a), MessageType.EventEstablished, connId) || Has(Outage(a), MessageType.EventDialing, connId),
                $"the new call {callId} announced to its caller {a}: {Describe(Outage(a))}");
            Assert.True(Has(Outage(b), answered ? MessageType.EventEstablished : MessageType.EventRinging, connId), $"the new call {callId} announced to {b}: {Describe(Outage(b))}");
        }

        // DNs whose calls did not change got nothing.
        foreach (var (_, a, b) in calls.Skip(13).Take(34).Append(calls[9]))
        {
            Assert.Empty(Outage(a));
            Assert.Empty(Outage(b));
        }

        // The model goes on from there: the ringing calls are answered, a held call is retrieved, a new call is cleared.
        rig.Simulator.Invoke(m =>
        {
            Assert.False(m.AnswerCall(new CstaConnectionId(fresh[3].CallId, "5010")).IsError);
            Assert.False(m.AnswerCall(new CstaConnectionId(fresh[4].CallId, "5012")).IsError);
            Assert.False(m.RetrieveCall(new CstaConnectionId(held[0].CallId, held[0].A)).IsError);
            Assert.False(m.ClearConnection(new CstaConnectionId(fresh[0].CallId, "5003")).IsError);
        });
        await rig.WaitForSameTablesAsync("after the switch's events that followed the resynchronisation");
        Assert.Equal(44, (await rig.CallsAsync()).Count);
    }

    private static string Describe(IReadOnlyList<TlibMessage> events) =>
        events.Count == 0 ? "(nothing)" : string.Join(", ", events.Select(CallClient.Describe));
}
