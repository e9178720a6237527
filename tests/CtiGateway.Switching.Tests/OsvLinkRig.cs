using System.Net;
using CtiGateway.Server;
using CtiGateway.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Switching.Tests;

/// <summary>
/// A PBX simulator (osv-v10, demo plan) on loopback, a T-Library server with one registered raw client, and a
/// <see cref="SwitchLinkService"/> linking switch tel_sw to the simulator (on <c>linkTime</c> when given), running until
/// disposed.
/// </summary>
internal sealed class OsvLinkRig : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _run;

    private OsvLinkRig(CstaSimulatorServer simulator, TlibServer server, RawTlibClient client, SwitchLinkService service, CancellationTokenSource stop)
    {
        Simulator = simulator;
        Server = server;
        Client = client;
        Service = service;
        _stop = stop;
        _run = service.RunAsync(stop.Token);
    }

    public CstaSimulatorServer Simulator { get; }

    public TlibServer Server { get; }

    public RawTlibClient Client { get; }

    public SwitchLinkService Service { get; }

    public static async Task<OsvLinkRig> StartAsync(string profileDirectory, TimeSpan timeout, CancellationToken cancellationToken, TimeProvider? linkTime = null)
    {
        var simulator = new CstaSimulatorServer(new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System), new CstaSimulatorOptions { HeartbeatInterval = null });
        simulator.Start(new IPEndPoint(IPAddress.Loopback, 0));
        var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
        var endpoint = await server.StartAsync(cancellationToken);
        var client = await RawTlibClient.ConnectRegisteredAsync(endpoint, timeout);
        var service = new SwitchLinkService(
            server,
            [new SwitchSettings { Name = "tel_sw", Profile = "firmware-profiles/osv-v10.json", Links = [new SwitchLinkSettings { Host = "127.0.0.1", Port = simulator.LocalEndPoint.Port }] }],
            profileDirectory,
            timeProvider: linkTime);
        return new OsvLinkRig(simulator, server, client, service, CancellationTokenSource.CreateLinkedTokenSource(cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None);
        await Server.StopAsync(CancellationToken.None);
        await Client.DisposeAsync();
        await Simulator.DisposeAsync();
        _stop.Dispose();
    }
}
