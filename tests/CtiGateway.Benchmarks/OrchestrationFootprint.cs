using CtiGateway.Client;
using CtiGateway.Orchestration;
using CtiGateway.Protocol;
using CtiGateway.Scxml;
using CtiGateway.Server;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Benchmarks;

/// <summary>
/// Retained memory per live interaction session: an <see cref="OrchestrationService"/> attached to a T-Library server
/// through the in-process seam gets N EventRouteRequests for N calls at a route point whose strategy is FILE; each
/// starts a session that owns its interaction (the Interaction, the session's engine and its own <c>_genesys</c> with
/// the interaction object). Heap after a full GC with the N sessions waiting, minus the heap before, divided by N.
/// The server has no switch, so the OP-Session-ID attach each session sends is refused at once; agent group DemoAgents
/// exists with every agent busy, so a session submitting to it keeps waiting.
/// </summary>
internal static class OrchestrationFootprint
{
    public static async Task<int> RunAsync(string strategy, int count)
    {
        await using var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
        await server.StartAsync(CancellationToken.None);
        var scheduler = new VirtualTimeScxmlScheduler();
        var options = new OrchestrationOptions { Strategies = [new StrategyBinding("3001", Path.GetFullPath(strategy))], MaxSessions = count + 10 };
        var client = new TServerClientOptions { SocketFactory = _ => ValueTask.FromResult(server.ConnectInProcess("footprint")) };
        await using var service = new OrchestrationService(options, client, scheduler, new BusyAgents(), NullLoggerFactory.Instance);
        await service.StartAsync(CancellationToken.None);

        Deliver(service, scheduler, 1, 0);
        var before = Heap();
        Deliver(service, scheduler, count, 1);
        var after = Heap();
        var counters = service.Counters();
        Console.WriteLine($"strategy: {strategy}");
        Console.WriteLine($"sessions: {counters.Live} live, {counters.Interactions} interactions");
        Console.WriteLine($"retained: {(after - before) / 1024.0 / 1024.0:F1} MiB, {(after - before) / (double)count / 1024.0:F2} KiB per interaction session");
        return counters.Live >= count ? 0 : 1;
    }

    private static void Deliver(OrchestrationService service, VirtualTimeScxmlScheduler scheduler, int count, int offset)
    {
        for (var i = 0; i < count; i++)
        {
            var connId = new ConnId(0x006b000000000000UL + (ulong)(offset * 1_000_000 + i));
            var e = new TlibMessage(MessageType.EventRouteRequest)
            {
                ThisDN = "3001",
                ConnID = connId,
                CallType = CallType.Inbound,
                UserData = new KeyValueList().Add("Segment", "Gold").Add("CustomerId", "C" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            e.Set(AttributeId.ANI, "+4930" + (1_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            e.Set(AttributeId.DNIS, "3001");
            e.Set(AttributeId.CallUUID, connId.ToString().ToUpperInvariant().PadLeft(32, '0'));
            service.Dispatch(e);
        }

        // Run every session to where it waits (a strategy's submit or timer), with the clock kept where it is.
        scheduler.RunUntil(() => false, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>
    /// This measurement runs with no switch: agent group DemoAgents has 20 agents (A5001-A5020 at 5001-5020 on tel_sw),
    /// all logged in and not ready, so a session that submits to it waits; other lookups answer "none".
    /// </summary>
    private sealed class BusyAgents : ITargetDirectory
    {
        private static readonly TargetAgent[] Agents =
            [.. Enumerable.Range(5001, 20).Select(n => new TargetAgent("A" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), "tel_sw", n.ToString(System.Globalization.CultureInfo.InvariantCulture), Ready: false, StateSince: null))];

        public IReadOnlyList<TargetAgent>? AgentsOfGroup(string group) => group == "DemoAgents" ? Agents : null;

        public TargetAgent? FindAgent(string agentId) => Agents.FirstOrDefault(a => a.AgentId == agentId);

        public string? SwitchOf(string dn, string? switchName) => switchName;

        public string? KindOf(string dn, string switchName) => null;

        public int CallsAt(string dn, string switchName) => 0;
    }
}
