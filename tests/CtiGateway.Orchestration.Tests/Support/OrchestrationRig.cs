using System.Collections.Concurrent;
using CtiGateway.Client;
using CtiGateway.Scxml;
using CtiGateway.Switching.Tests.Calls;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Orchestration.Tests.Support;

/// <summary>
/// The demo's two switches (<see cref="TwoSwitchRig"/>) with an <see cref="OrchestrationService"/> attached through the
/// server's in-process client seam, its sessions on a <see cref="VirtualTimeScxmlScheduler"/>. Strategies are written
/// by the tests into a temporary folder.
/// </summary>
internal sealed class OrchestrationRig : IAsyncDisposable
{
    private readonly string _folder;

    private OrchestrationRig(TwoSwitchRig gateway, OrchestrationService service, VirtualTimeScxmlScheduler scheduler, string folder)
    {
        Gateway = gateway;
        Service = service;
        Scheduler = scheduler;
        _folder = folder;
        service.LogLine += line => Log.Enqueue(line);
        service.SessionEvent += (session, name, data) => Events.Enqueue((session, name, data));
        service.SessionEnded += (session, how) => Ended[session] = how;
    }

    public TwoSwitchRig Gateway { get; }

    public OrchestrationService Service { get; }

    public VirtualTimeScxmlScheduler Scheduler { get; }

    public ConcurrentQueue<SessionLogLine> Log { get; } = new();

    public ConcurrentQueue<(string Session, string Name, string? Data)> Events { get; } = new();

    public ConcurrentDictionary<string, string> Ended { get; } = new();

    /// <summary>
    /// Starts the gateway and the orchestration with <paramref name="strategies"/> (route point to SCXML text);
    /// <paramref name="consultUserData"/> is tel_sw's consult user-data policy.
    /// </summary>
    public static async Task<OrchestrationRig> StartAsync(IReadOnlyDictionary<string, string> strategies, Func<string, OrchestrationOptions, OrchestrationOptions>? configure = null, string consultUserData = "inherited")
    {
        var folder = Directory.CreateTempSubdirectory("ctigw-orch-").FullName;
        var bindings = new List<StrategyBinding>();
        foreach (var (routePoint, text) in strategies)
        {
            var file = Path.Combine(folder, "strategy-" + routePoint.Replace('@', '_') + ".scxml");
            await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
            bindings.Add(new StrategyBinding(routePoint, file));
        }

        return await StartWithAsync(new OrchestrationOptions { Strategies = bindings }, folder, configure, consultUserData);
    }

    /// <summary>Starts with a strategy file that already exists (a shared seed).</summary>
    public static Task<OrchestrationRig> StartWithFileAsync(string routePoint, string file) =>
        StartWithAsync(new OrchestrationOptions { Strategies = [new StrategyBinding(routePoint, file)] }, Directory.CreateTempSubdirectory("ctigw-orch-").FullName, null, "inherited");

    private static async Task<OrchestrationRig> StartWithAsync(OrchestrationOptions options, string folder, Func<string, OrchestrationOptions, OrchestrationOptions>? configure, string consultUserData)
    {
        var gateway = await TwoSwitchRig.StartAsync(consultUserData: consultUserData);
        var scheduler = new VirtualTimeScxmlScheduler(DateTimeOffset.UtcNow);
        options = configure?.Invoke(folder, options) ?? options;
        var client = new TServerClientOptions
        {
            ApplicationName = options.ApplicationName,
            SocketFactory = _ => ValueTask.FromResult(gateway.Server.ConnectInProcess(options.ApplicationName)),
        };
        var service = new OrchestrationService(options, client, scheduler, gateway.Service, NullLoggerFactory.Instance);
        await service.StartAsync(TestContext.Current.CancellationToken);
        return new OrchestrationRig(gateway, service, scheduler, folder);
    }

    /// <summary>Writes a strategy into the rig's folder; returns its path.</summary>
    public async Task<string> WriteStrategyAsync(string name, string text)
    {
        var file = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(file, text, TestContext.Current.CancellationToken);
        return file;
    }

    /// <summary>An inbound call from an outside number to <paramref name="dn"/> on tel_sw; returns the simulator's call id.</summary>
    public string DeliverCall(string dn, string from = "+4930123456") =>
        Gateway.Simulator.Invoke(m => m.DeliverInboundCall(from, dn)) ?? throw new InvalidOperationException($"{dn} is busy");

    /// <summary>
    /// Runs the sessions until <paramref name="condition"/> holds (wall limit 60 s). The virtual clock moves at most
    /// <paramref name="maxVirtual"/> (default zero: only ready work runs, the clock stays, so a session waiting for the
    /// switch is not pushed into its timers).
    /// </summary>
    public async Task RunUntilAsync(Func<bool> condition, string what, TimeSpan? maxVirtual = null)
    {
        var deadline = DateTime.UtcNow + CallRig.Timeout;
        var max = maxVirtual ?? TimeSpan.Zero;
        var start = Scheduler.Now;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; events: " + string.Join(" | ", Events.Select(e => e.Name + " " + e.Data)) + "; log: " + string.Join(" | ", Log.Select(l => l.Text)));
            // The clock moves only to timers due within the budget: moved past them while the switch side is still
            // working (real time), a whole budget would be gone before the events that follow.
            var budgetEnd = start + max;
            var limit = Scheduler.NextTimerDue is { } due && due <= budgetEnd ? (due > Scheduler.Now ? due - Scheduler.Now : TimeSpan.Zero) : TimeSpan.Zero;
            var before = Scheduler.Now;
            if (!Scheduler.RunUntil(condition, limit, TimeSpan.FromSeconds(1)) && Scheduler.Now == before)
            {
                // Nothing to run now: the next thing comes from the switch side.
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }
        }
    }

    /// <summary>The events one session received, in order.</summary>
    public IReadOnlyList<(string Name, string? Data)> EventsOf(string session) =>
        [.. Events.Where(e => e.Session == session).Select(e => (e.Name, e.Data))];

    public string? FirstSession() => Events.FirstOrDefault().Session;

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Gateway.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
