using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CtiGateway.Protocol;

namespace CtiGateway.Daemon.Tests;

/// <summary>The daemon bullets of CONTRACT.md, each against a real ctigatewayd process.</summary>
public sealed class DaemonProcessTests
{
    private const string ReadyPattern = @"ready: T-Library server on \S+, port (\d+)";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan IoTimeout = TimeSpan.FromSeconds(10);

    private const string ValidConfig = """
        {
          "TServer": { "Host": "127.0.0.1", "Port": 3000, "MaxClients": 50 },
          "Logging": { "Level": "Information" }
        }
        """;

    [Fact]
    public async Task PortZeroLogsTheChosenPortInTheReadyLineAndServes()
    {
        using var config = new TempConfig(ValidConfig);
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path, "--TServer:Port=0"]);
        var ready = await daemon.WaitForLineAsync(ReadyPattern, StartTimeout);
        var port = int.Parse(ready.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.NotEqual(0, port);

        await using var conn = await RawTlibConnection.ConnectAsync(port, IoTimeout);
        await conn.SendAsync(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 11 });
        var info = await conn.ReceiveAsync(MessageType.EventServerInfo, IoTimeout);
        Assert.Equal(11, info.ReferenceID);
        Assert.False(string.IsNullOrEmpty(info.GetString(AttributeId.ServerVersion)));
        Assert.Equal((int)ServerRole.Primary, info.GetInt(AttributeId.ServerRole));
        Assert.NotNull(info.EventSequenceNumber);
        Assert.NotNull(info.ServerStartTime);
    }

    [Fact]
    public async Task InvalidConfigExitsWithCode2AndOneLinePerProblemBeforeBindingAnyPort()
    {
        // Hold a port: if the daemon tried to bind it, it would fail differently (exit 1, "Cannot start").
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var heldPort = ((IPEndPoint)holder.LocalEndpoint).Port;
        using var config = new TempConfig($$"""
            {
              "TServer": { "Host": "127.0.0.1", "Port": {{heldPort}}, "MaxClients": "lots", "Bogus": 1,
                           "Addp": { "TimeoutSeconds": 5000 } },
              "Logging": { "Level": "Chatty" },
              "Unknown": { "X": 1 }
            }
            """);
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        var code = await daemon.WaitForExitAsync(StartTimeout);
        Assert.Equal(2, code);
        var errors = daemon.StderrLines.ToList();
        Assert.Contains(errors, l => l.Contains("TServer:MaxClients", StringComparison.Ordinal) && l.Contains("lots", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("TServer:Bogus", StringComparison.Ordinal) && l.Contains("unknown key", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.Contains("Unknown", StringComparison.Ordinal) && l.Contains("unknown key", StringComparison.Ordinal));
        Assert.DoesNotContain(daemon.StdoutLines, l => l.Contains("ready", StringComparison.Ordinal) || l.Contains("Cannot start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutOfRangeValuesAreReportedWithTheirKeyPath()
    {
        using var config = new TempConfig("""
            { "TServer": { "Port": 70000, "Addp": { "TimeoutSeconds": 5000 } }, "Logging": { "Level": "Chatty" } }
            """);
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--check-config", config.Path]);
        Assert.Equal(2, await daemon.WaitForExitAsync(StartTimeout));
        var errors = string.Join('\n', daemon.StderrLines);
        Assert.Contains("TServer:Port", errors, StringComparison.Ordinal);
        Assert.Contains("TServer:Addp:TimeoutSeconds", errors, StringComparison.Ordinal);
        Assert.Contains("Logging:Level", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenJsonIsReportedWithTheFileName()
    {
        using var config = new TempConfig("{ \"TServer\": { \"Port\": 3000, } ");
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        Assert.Equal(2, await daemon.WaitForExitAsync(StartTimeout));
        Assert.Contains(daemon.StderrLines, l => l.Contains(config.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckConfigAcceptsAValidFile()
    {
        using var config = new TempConfig(ValidConfig);
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--check-config", config.Path]);
        Assert.Equal(0, await daemon.WaitForExitAsync(StartTimeout));
        Assert.Contains(daemon.StdoutLines, l => l.Contains("valid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SigtermStopsCleanlyWithExitCode0Within5Seconds()
    {
        using var config = new TempConfig(ValidConfig);
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path, "--TServer:Port=0"]);
        var ready = await daemon.WaitForLineAsync(ReadyPattern, StartTimeout);
        var port = int.Parse(ready.Groups[1].Value, CultureInfo.InvariantCulture);
        await using var conn = await RawTlibConnection.ConnectAsync(port, IoTimeout);
        await conn.SendAsync(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 1 });
        await conn.ReceiveAsync(MessageType.EventServerInfo, IoTimeout);

        daemon.Signal(Posix.SIGTERM);
        var code = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, code);
        Assert.Contains(daemon.StdoutLines, l => l.Contains("Stopped cleanly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SighupNeverKillsTheDaemonAndReloadsTheLogLevel()
    {
        using var config = new TempConfig(ValidConfig);
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path, "--TServer:Port=0"]);
        var ready = await daemon.WaitForLineAsync(ReadyPattern, StartTimeout);
        var port = int.Parse(ready.Groups[1].Value, CultureInfo.InvariantCulture);

        daemon.Signal(Posix.SIGHUP);
        await daemon.WaitForLineAsync("Reload applied", IoTimeout);

        // A broken file is rejected and the daemon keeps running the old config.
        config.Rewrite("{ \"TServer\": { \"MaxClients\": \"x\" } }");
        daemon.Signal(Posix.SIGHUP);
        await daemon.WaitForLineAsync("Reload rejected.*TServer:MaxClients", IoTimeout);

        // A key that needs a restart is named and keeps its value; the level applies. (The command-line
        // override --TServer:Port=0 still wins over the file, as at start.)
        config.Rewrite("""{ "TServer": { "Host": "0.0.0.0", "Port": 3000, "MaxClients": 50 }, "Logging": { "Level": "Debug" } }""");
        daemon.Signal(Posix.SIGHUP);
        await daemon.WaitForLineAsync("TServer:Host requires restart", IoTimeout);
        await daemon.WaitForLineAsync("Reload applied: log level Debug", IoTimeout);

        Assert.False(daemon.HasExited);
        await using var conn = await RawTlibConnection.ConnectAsync(port, IoTimeout);
        await conn.SendAsync(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 2 });
        await conn.ReceiveAsync(MessageType.EventServerInfo, IoTimeout);
    }

    [Fact]
    public async Task NotifySocketReceivesReady()
    {
        var path = Path.Combine(Path.GetTempPath(), "ctigw-notify-" + Guid.NewGuid().ToString("N") + ".sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        try
        {
            using var config = new TempConfig(ValidConfig);
            await using var daemon = ManagedProcess.Start(
                RepoPaths.DaemonDll,
                ["--config", config.Path, "--TServer:Port=0"],
                new Dictionary<string, string> { ["NOTIFY_SOCKET"] = path });
            await daemon.WaitForLineAsync(ReadyPattern, StartTimeout);
            // STATUS= datagrams may come first (the daemon reports its summary as soon as it has one); READY=1 follows
            // once every hosted service has started.
            var buffer = new byte[4096];
            using var cts = new CancellationTokenSource(IoTimeout);
            var received = new List<string>();
            while (!received.Any(t => t.Contains("READY=1", StringComparison.Ordinal)))
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                received.Add(Encoding.UTF8.GetString(buffer, 0, n));
            }

            Assert.Contains(received, t => t.Split('\n').Contains("READY=1"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task DemoStartsAndLogsReady()
    {
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--demo", "--TServer:Port=0"]);
        var ready = await daemon.WaitForLineAsync(ReadyPattern, StartTimeout);
        Assert.NotEqual("0", ready.Groups[1].Value);
        daemon.Signal(Posix.SIGINT);
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task UnderJournaldEveryLineCarriesAPriorityPrefix()
    {
        using var config = new TempConfig(ValidConfig);
        await using var daemon = ManagedProcess.Start(
            RepoPaths.DaemonDll,
            ["--config", config.Path, "--TServer:Port=0"],
            new Dictionary<string, string> { ["JOURNAL_STREAM"] = "8:12345" });
        await daemon.WaitForLineAsync(ReadyPattern, StartTimeout);
        daemon.Signal(Posix.SIGTERM);
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(5));
        Assert.NotEmpty(daemon.StdoutLines);
        Assert.All(daemon.StdoutLines, l => Assert.Matches("^<[2-7]>", l));
    }

    [Fact]
    public async Task BadCommandLineExitsWith2()
    {
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--frobnicate"]);
        Assert.Equal(2, await daemon.WaitForExitAsync(StartTimeout));
        Assert.Contains(daemon.StderrLines, l => l.Contains("--frobnicate", StringComparison.Ordinal));
    }
}
