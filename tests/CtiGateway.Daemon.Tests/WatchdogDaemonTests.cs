using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// The systemd watchdog against a real daemon process: the test plays systemd (it owns NOTIFY_SOCKET and sets
/// WATCHDOG_USEC), stalls the real T-Library accept loop through the test-only fault switch and watches the pings stop;
/// a switch link that is down (nothing listening) must not stop them. Checks are on what arrives, not on timing.
/// </summary>
public sealed class WatchdogDaemonTests
{
    private const string ReadyPattern = @"ready: T-Library server on \S+, port (\d+)";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PingsStopWhileTheRealAcceptLoopIsBlockedAndResumeWhenReleased()
    {
        using var notify = new NotifyListener();
        var control = ControlClient.NewSocketPath();
        using var config = new TempConfig("""{ "TServer": { "Port": 0 }, "Diagnostics": { "Faults": { "Enabled": true } } }""");
        await using var daemon = ManagedProcess.Start(
            RepoPaths.DaemonDll,
            ["--config", config.Path, $"--Control:Socket={control}"],
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Path, ["WATCHDOG_USEC"] = "2000000", ["CTIGW_TEST_FAULTS"] = "1" });
        var port = int.Parse((await daemon.WaitForLineAsync(ReadyPattern, Timeout)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // READY=1 is sent once every hosted service started; a first WATCHDOG=1 or STATUS= may come before it.
        await notify.WaitForAsync(0, m => m.Any(x => x.StartsWith("READY=1", StringComparison.Ordinal)), Timeout, "READY=1");

        // Healthy: WATCHDOG=1 keeps coming (every ~1 s for a 2 s interval).
        await notify.WaitForAsync(0, m => NotifyListener.Pings(m) >= 3, Timeout, "three WATCHDOG=1 pings");
        await daemon.WaitForLineAsync(@"systemd watchdog: WATCHDOG_USEC=2000 ms; WATCHDOG=1 every 1000 ms .*tlib accept loop", Timeout);

        // Block the accept loop itself: its own code now waits on the fault gate instead of answering probes.
        using (var answer = await ControlClient.AskAsync(control, "fault block-accept-loop", Timeout))
        {
            Assert.True(answer.RootElement.GetProperty("ok").GetBoolean(), answer.RootElement.GetRawText());
        }

        await daemon.WaitForLineAsync(@"Watchdog: no answer within \d+ ms from tlib accept loop; WATCHDOG=1 withheld", Timeout);

        // STATUS= is sent after that warning in the same round; every datagram before it is from before the stall.
        await notify.WaitForAsync(0, m => m.Any(x => x.Contains("NOT ANSWERING: tlib accept loop", StringComparison.Ordinal)), Timeout, "STATUS naming the silent loop");
        var stalledFrom = notify.Count;

        // A client that connects now is not admitted: the real loop is stuck.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
        using (var status = await ControlClient.AskAsync(control, "status", Timeout))
        {
            var loops = status.RootElement.GetProperty("watchdog").GetProperty("loops").EnumerateArray().ToList();
            Assert.Contains(loops, l => l.GetProperty("name").GetString() == "tlib accept loop" && !l.GetProperty("answering").GetBoolean());
        }

        // Two whole watchdog intervals without a single ping (systemd would restart the daemon here).
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
        Assert.Equal(0, NotifyListener.Pings(notify.Since(stalledFrom)));
        Assert.DoesNotContain(daemon.StdoutLines, l => Regex.IsMatch(l, @"Client \d+ connected from"));

        // Released: the held connection is admitted and the pings resume.
        using (var answer = await ControlClient.AskAsync(control, "fault release-accept-loop", Timeout))
        {
            Assert.True(answer.RootElement.GetProperty("ok").GetBoolean());
        }

        await daemon.WaitForLineAsync(@"Client \d+ connected from", Timeout);
        await daemon.WaitForLineAsync("Watchdog: every loop answers again", Timeout);
        var resumedFrom = notify.Count;
        await notify.WaitForAsync(resumedFrom, m => NotifyListener.Pings(m) >= 2, Timeout, "WATCHDOG=1 after the release");

        daemon.Signal(Posix.SIGTERM);
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));
        await notify.WaitForAsync(resumedFrom, m => m.Any(x => x.Contains("STOPPING=1", StringComparison.Ordinal)), Timeout, "STOPPING=1");
    }

    [Fact]
    public async Task PingsContinueWhileTheSwitchLinkIsDownAndReloadIsAnnounced()
    {
        // A PBX that is not there: the link supervisor keeps reconnecting, which is not a hang.
        int deadPort;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            deadPort = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        var profile = JsonSerializer.Serialize(Path.Combine(RepoPaths.Root, "firmware-profiles", "osv-v10.json"));
        using var notify = new NotifyListener();
        var control = ControlClient.NewSocketPath();
        using var config = new TempConfig($$"""
            {
              "TServer": { "Port": 0 },
              "Switches": [ { "Name": "tel_sw", "Profile": {{profile}}, "Links": [ { "Host": "127.0.0.1", "Port": {{deadPort}} } ] } ]
            }
            """);
        await using var daemon = ManagedProcess.Start(
            RepoPaths.DaemonDll,
            ["--config", config.Path, $"--Control:Socket={control}"],
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Path, ["WATCHDOG_USEC"] = "3000000" });
        await daemon.WaitForLineAsync(ReadyPattern, Timeout);

        // Wait until the link has failed and been rescheduled twice: it is down and its supervisor is busy reconnecting.
        using (var status = await ControlClient.WaitForStatusAsync(
            control,
            s => s.GetProperty("links").EnumerateArray().Any(l => l.GetProperty("state").GetString() == "down" && l.GetProperty("reconnects").GetInt64() >= 2),
            Timeout))
        {
            var link = status.RootElement.GetProperty("links")[0];
            Assert.Equal("tel_sw/1", link.GetProperty("link").GetString());
            Assert.False(link.GetProperty("switchConnected").GetBoolean());
            Assert.Contains("connect", link.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        }

        var from = notify.Count;
        await notify.WaitForAsync(from, m => NotifyListener.Pings(m) >= 3, Timeout, "WATCHDOG=1 with the link down");

        // The down link's supervisor is among the loops that answered (no ping is sent unless all of them did).
        using (var status = await ControlClient.WaitForStatusAsync(
            control,
            s => s.GetProperty("watchdog").GetProperty("loops").EnumerateArray().Any(l => l.GetProperty("name").GetString() == "link tel_sw/1" && l.GetProperty("answering").GetBoolean()),
            Timeout))
        {
            Assert.Equal("down", status.RootElement.GetProperty("links")[0].GetProperty("state").GetString());
        }

        // SIGHUP follows the notify-reload protocol: RELOADING=1 with MONOTONIC_USEC, then READY=1.
        var beforeReload = notify.Count;
        daemon.Signal(Posix.SIGHUP);
        await notify.WaitForAsync(beforeReload, m => m.SkipWhile(x => !x.StartsWith("RELOADING=1", StringComparison.Ordinal)).Skip(1).Any(x => x.StartsWith("READY=1", StringComparison.Ordinal)), Timeout, "RELOADING=1 then READY=1");
        Assert.Matches(@"^RELOADING=1\nMONOTONIC_USEC=\d+\n", notify.Since(beforeReload).First(x => x.StartsWith("RELOADING=1", StringComparison.Ordinal)));

        daemon.Signal(Posix.SIGTERM);
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));
    }

    [Fact]
    public async Task FaultSwitchIsRefusedWithoutTheTestEnvironmentVariable()
    {
        using var config = new TempConfig("""{ "TServer": { "Port": 0 }, "Diagnostics": { "Faults": { "Enabled": true } } }""");
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path, "--Control:Socket="]);
        Assert.Equal(2, await daemon.WaitForExitAsync(Timeout));
        Assert.Contains(daemon.StderrLines, l => l.Contains("Diagnostics:Faults:Enabled: test-only fault injection; refused unless the environment sets CTIGW_TEST_FAULTS=1", StringComparison.Ordinal));
        Assert.DoesNotContain(daemon.StdoutLines, l => l.Contains("ready", StringComparison.Ordinal));
    }
}
