using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Simulator;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// The simulated switch of the calls bench: the CSTA simulator over a numbering plan of the bench's DNs (all
/// stations), listening for the gateway's switch link. Each link the gateway opens is served by the simulator through
/// a <see cref="SwitchFramePump"/>, which stamps the call event frames as they go to the socket.
/// </summary>
internal sealed class BenchSwitch : IAsyncDisposable
{
    /// <summary>The switch name in the bench's gateway config.</summary>
    public const string SwitchName = "bench_sw";

    private readonly TcpListener _listener;
    private readonly BenchCallRegistry _calls;
    private readonly int _firstDn;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<(Socket Socket, SwitchFramePump Pump, Task Run)> _links = [];
    private Task _acceptLoop = Task.CompletedTask;

    private BenchSwitch(SwitchingPlan plan, FirmwareProfile profile, TcpListener listener, BenchCallRegistry calls, int firstDn)
    {
        Model = new SwitchModel(plan, TimeProvider.System);
        Server = new CstaSimulatorServer(Model, CstaSimulatorOptions.ForProfile(profile));
        _listener = listener;
        _calls = calls;
        _firstDn = firstDn;
    }

    /// <summary>The simulator; its <see cref="CstaSimulatorServer.Invoke{T}"/> runs the bench's call operations.</summary>
    public CstaSimulatorServer Server { get; }

    /// <summary>The switch model (use it only through <see cref="Server"/>).</summary>
    public SwitchModel Model { get; }

    /// <summary>Where the gateway's switch link connects.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Call event frames sent to the gateway on every link so far.</summary>
    public long EventFrames
    {
        get
        {
            lock (_gate)
            {
                return _links.Sum(l => l.Pump.EventFrames);
            }
        }
    }

    /// <summary>Starts listening at <paramref name="listen"/> for the switch links of a plan of <paramref name="options"/>' DNs.</summary>
    public static BenchSwitch Start(CallsOptions options, FirmwareProfile profile, BenchCallRegistry calls, IPEndPoint listen)
    {
        var plan = new SwitchingPlan();
        plan.AddRange(SwitchName, options.FirstDn, options.FirstDn + options.Dns - 1, SimDeviceKind.Extension);
        var listener = new TcpListener(listen);
        try
        {
            listener.Start();
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            throw new IOException($"the bench's simulator cannot listen on {listen}: {ex.Message}", ex);
        }

        var sw = new BenchSwitch(plan, profile, listener, calls, options.FirstDn);
        sw._acceptLoop = sw.AcceptLoopAsync(sw._stop.Token);
        return sw;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await Server.DisposeAsync().ConfigureAwait(false);
        (Socket Socket, SwitchFramePump Pump, Task Run)[] links;
        lock (_gate)
        {
            links = [.. _links];
        }

        foreach (var link in links)
        {
            link.Socket.Dispose();
        }

        await Task.WhenAll(links.Select(l => l.Run).Append(_acceptLoop)).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            socket.NoDelay = true;
            socket.SendBufferSize = 4 * 1024 * 1024;
            var pump = new SwitchFramePump(_calls, _firstDn);
            var input = PipeReader.Create(new NetworkStream(socket, ownsSocket: false));
            Server.AttachLink(new BenchDuplexPipe(input, pump.SimulatorOutput));
            lock (_gate)
            {
                _links.Add((socket, pump, PumpAsync(socket, pump, cancellationToken)));
            }
        }
    }

    private static async Task PumpAsync(Socket socket, SwitchFramePump pump, CancellationToken cancellationToken)
    {
        await pump.RunAsync(socket, cancellationToken).ConfigureAwait(false);
        socket.Dispose();
    }
}
