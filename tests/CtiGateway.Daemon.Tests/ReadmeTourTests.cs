using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using CtiGateway.Transport.Serial.Tests;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// Runs every command of the README's "A short tour", as a newcomer would paste it, against real processes: the
/// commands are read from README.md (a command the table below does not know fails the test, and so does a table
/// entry that names no command), and each is run with <c>bash -c</c> in the repository root, so globs, pipes and
/// quoting are the README's own. What the test changes, and why:
/// <list type="bullet">
/// <item><c>dotnet run --project src/CtiGateway.X --</c> becomes <c>dotnet</c> on the built dll (the test does not build).</item>
/// <item>"With the demo running": the test runs the set-up's <c>--demo</c> itself, on a free port with its own
/// control socket, and gives the T-Library commands <c>--server 127.0.0.1:PORT</c> (the README names the option);
/// tests run in parallel, so nothing binds the fixed ports 3000, 7001, 4721 or 9464.</item>
/// <item>Every <c>ctigatewayd</c> gets <c>--TServer:Port=0</c> when it sets no port (the README: a daemon next to the
/// running demo needs its own) and an empty <c>--Control:Socket=</c> when it names none (as every daemon test).</item>
/// <item>The ports 7001, 4721 and 9464 become free ports, the fixed paths /run/ctigateway/control.sock,
/// /tmp/ctigw/control.sock and /tmp/pbx become paths in a temporary folder (/tmp/pbx is a socat pty, as the README
/// says).</item>
/// </list>
/// Long-running commands (monitor, simulate, daemons) are started, checked for their first expected output, kept
/// running for the commands that use them, then stopped with SIGTERM (exit 0 expected). Skipped, by this explicit
/// list only: the LAPB simulator on /dev/ttyUSB0 (needs a serial port), and the W3C test chart when ../shared is not
/// beside the repository (it says where to get it). Every other command must exit 0 (RequestMakeCall too: the demo's
/// switch makes the call).
/// </summary>
public sealed class ReadmeTourTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>How the test runs a README command, found by <see cref="Step.Command"/> (a regex on the README text).</summary>
    private static readonly Step[] Steps =
    [
        new(@"-- server-info$", @"^link tel_sw: connected"),
        new(@"-- status --control ", @"^t-library: 127\.0\.0\.1:\d+ \(pid \d+\)"),
        new(@"-- monitor 5001 --json$", "^\\{\"Event\":\"EventRinging\",.*\"ThisDN\":\"5001\"", LongRunning: true, StopAfter: "RequestDistributeUserEvent",
            ThenExpect: "\"Event\":\"EventUserEvent\",\"ThisDN\":\"5001\",\"UserData\":\\{\"Priority\":5,\"Customer\":\\{\"Tier\":\"Gold\"\\}\\}"),
        new(@"request RequestDistributeUserEvent ThisDN=5001 ", @"^EventACK "),
        new(@"request RequestMakeCall ThisDN=5050 OtherDN=5051$", @"^EventDialing ConnID=[0-9a-f]{16} .*ThisDN=5050 "),
        new(@"-- calls --control ", @"^[0-9a-f]{16} tel_sw Internal Ok age \d+s: 5050 Dialing \(Origination\), 5051 Alerting \(Destination\); user data: none$"),
        new(@"bench fanout --clients 100 --dns 1 --seconds 10$", @"^delivered/s: [1-9]\d* .* lost: 0$"),
        new(@"profile validate firmware-profiles/\*\.json$", @"^firmware-profiles/osv-v10\.json: ok$"),
        new(@"osv-v10\.json --listen 127\.0\.0\.1:7001$", @"^simulator listening on 127\.0\.0\.1:7001 \(profile osv-v10\)$", LongRunning: true, StopAfter: "osv_client.py"),
        new(@"^python3 .*/osv_client\.py --host 127\.0\.0\.1 --port 7001$", @"^OK: OSV start-up"),
        new(@"--calls-per-second 2 .*--routing-timeout 3$", @"^traffic: inbound calls to 3001 at 2/s, answer after 1 s, hold 20 s", LongRunning: true),
        new(@"avaya-aes-dmcc-8\.json --listen 127\.0\.0\.1:4721$", @"^simulator listening on 127\.0\.0\.1:4721 \(profile avaya-aes-dmcc-8\)$", LongRunning: true, StopAfter: "--Demo:Simulator1="),
        new(@"--demo --Demo:Simulator1=127\.0\.0\.1:4721$", @"Switch tel_sw_1: link tel_sw_1/1 up \(connected via tcp client to 127\.0\.0\.1:4721,", LongRunning: true),
        new(@"serial-lapb-csta\.json --serial /dev/ttyUSB0$", Skip: "needs a serial port (/dev/ttyUSB0): hardware"),
        new(@"serial-bsc-csta\.json --serial /tmp/pbx ", @"^simulator on serial \S+ \(profile serial-bsc-csta\)$", LongRunning: true),
        new(@"scxml run \.\./shared/conformance/w3c-ecma/test144\.scxml$", @"^final: pass$"),
        new(@"strategy try \.\./shared/strategies/seed003-detach-redirect\.scxml$", @"^final: exit$"),
        new(@"scxml run docs/examples/chart\.scxml --timeout 10 --json$", "\"end\":\"final\",\"final\":\"agent\""),
        new(@"scxml validate docs/examples/chart\.scxml --dialect ors$", @"^docs/examples/chart\.scxml: ok$"),
        new(@"--config packaging/config/ctigateway\.json --TServer:Port=0$", @"ready: T-Library server on 0\.0\.0\.0:\d+", LongRunning: true),
        new(@"--check-config packaging/config/ctigateway\.json$", @"configuration is valid$"),
        new(@"--Metrics:Prometheus:Listen=127\.0\.0\.1:9464$", @"Prometheus metrics on http://127\.0\.0\.1:9464/metrics", LongRunning: true, StopAfter: "curl "),
        new(@"^curl -s http://127\.0\.0\.1:9464/metrics \| grep -E '\^ctigateway_\(clients_connected\|calls\)\\b'$", @"^ctigateway_calls\{switch=""tel_sw""\} \d+$"),
    ];

    [Fact]
    public async Task EveryCommandOfTheReadmeTourRuns()
    {
        var ct = TestContext.Current.CancellationToken;
        var commands = TourCommands(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "README.md"), ct));
        var plan = commands.Select(c => (Command: c, Steps: Steps.Where(s => Regex.IsMatch(c, s.Command)).ToList())).ToList();
        var unknown = plan.Where(p => p.Steps.Count != 1).Select(p => $"{p.Command} ({p.Steps.Count} table entries match)").ToList();
        Assert.True(unknown.Count == 0, "README tour commands the test does not know exactly once (add each to Steps):\n" + string.Join('\n', unknown));
        var unused = Steps.Where(s => !commands.Any(c => Regex.IsMatch(c, s.Command))).Select(s => s.Command).ToList();
        Assert.True(unused.Count == 0, "Steps that name no README tour command (remove them or fix the README):\n" + string.Join('\n', unused));

        using var work = new TempConfig("{}");
        var rewrite = new Rewrite(work.Directory);
        var running = new List<(Step Step, string Command, ManagedProcess Process)>();
        var report = new StringBuilder();
        SocatPtyPair? pty = null;
        await using var demo = await StartTourDemoAsync(rewrite);
        try
        {
            foreach (var (readme, steps) in plan)
            {
                var step = steps[0];
                if (step.Skip is not null)
                {
                    report.AppendLine($"skipped: {readme} ({step.Skip})");
                    continue;
                }

                if (readme.Contains("../shared/", StringComparison.Ordinal) && !File.Exists(Path.Combine(RepoPaths.Root, readme.Split(' ').First(w => w.StartsWith("../shared/", StringComparison.Ordinal)))))
                {
                    report.AppendLine($"skipped: {readme} (../shared is not beside the repository: copy the project's shared folder there)");
                    continue;
                }

                if (readme.Contains("/tmp/pbx", StringComparison.Ordinal) && pty is null)
                {
                    pty = await SocatPtyPair.StartAsync(ct);
                    rewrite.PtyPath = pty.PathA;
                }

                var command = rewrite.Command(readme);
                var expect = rewrite.Pattern(step.Expect);
                if (step.LongRunning)
                {
                    var process = ManagedProcess.StartShell("exec " + command);
                    running.Add((step, command, process));
                    await WaitForAsync(process, expect, command);
                    report.AppendLine($"started: {command}");
                }
                else
                {
                    await using var process = ManagedProcess.StartShell(command);
                    var code = await process.WaitForExitAsync(Timeout);
                    Assert.True(code == 0, $"exit {code}: {command}\n{process.Output}");
                    Assert.True(process.StdoutLines.Any(l => Regex.IsMatch(l, expect)), $"no line /{expect}/ from: {command}\n{process.Output}");
                    report.AppendLine($"ran (exit {code}): {command}");
                }

                // Stop what has served its purpose, newest first: a long-running command without StopAfter at once,
                // the others once the command they serve has run (and shown its effect on them, ThenExpect).
                for (var i = running.Count - 1; i >= 0; i--)
                {
                    var r = running[i];
                    if (r.Step.StopAfter is { } after && !readme.Contains(after, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    if (r.Step.ThenExpect is { } then)
                    {
                        await WaitForAsync(r.Process, rewrite.Pattern(then), r.Command);
                    }

                    running.RemoveAt(i);
                    await using (r.Process)
                    {
                        await StopAsync(r.Process, r.Command);
                    }
                }
            }

            Assert.True(running.Count == 0, "still running at the end: " + string.Join(", ", running.Select(r => r.Command)));
            await StopAsync(demo, "the tour's demo");
            TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        }
        finally
        {
            foreach (var r in running)
            {
                await r.Process.DisposeAsync();
            }

            pty?.Dispose();
        }
    }

    /// <summary>The README's tour: every indented command line (continuations joined, comments cut) between "## A short tour" and the next heading.</summary>
    private static List<string> TourCommands(string readme)
    {
        var start = readme.IndexOf("\n## A short tour", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## A short tour' section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var commands = new List<string>();
        var fenced = false;
        var pending = string.Empty;
        foreach (var line in readme[start..(end < 0 ? readme.Length : end)].Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (fenced || !line.StartsWith("    ", StringComparison.Ordinal))
            {
                continue;
            }

            var text = Regex.Replace(line.Trim(), @"\s+#\s.*$", string.Empty);
            if (text.EndsWith('\\'))
            {
                pending += text[..^1];
                continue;
            }

            commands.Add(Regex.Replace(pending + text, @"\s+", " "));
            pending = string.Empty;
        }

        Assert.True(commands.Count >= 15, $"only {commands.Count} commands found in the README tour");
        return commands;
    }

    /// <summary>"With the demo running": the set-up's demo, on a free port and its own control socket; both demo switches linked.</summary>
    private static async Task<ManagedProcess> StartTourDemoAsync(Rewrite rewrite)
    {
        var demo = ManagedProcess.Start(RepoPaths.DaemonDll, ["--demo", "--TServer:Port=0", "--Control:Socket=" + rewrite.TourControlSocket]);
        var ready = await demo.WaitForLineAsync(@"ready: T-Library server on \S+, port (\d+)", Timeout);
        rewrite.DemoPort = int.Parse(ready.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        await demo.WaitForLineAsync("Switch link tel_sw is now connected", Timeout);
        await demo.WaitForLineAsync("Switch link tel_sw_1 is now connected", Timeout);
        return demo;
    }

    private static async Task WaitForAsync(ManagedProcess process, string pattern, string command)
    {
        try
        {
            await process.WaitForLineAsync(pattern, Timeout);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            Assert.Fail($"{command}\n{ex.Message}");
        }
    }

    private static async Task StopAsync(ManagedProcess process, string command)
    {
        process.Signal(Posix.SIGTERM);
        var code = await process.WaitForExitAsync(Timeout);
        Assert.True(code == 0, $"exit {code} after SIGTERM: {command}\n{process.Output}");
    }

    /// <summary>One README command: how to find it, what it must print first, and how it runs.</summary>
    private sealed record Step(string Command, string Expect = "", bool LongRunning = false, string? StopAfter = null, string? ThenExpect = null, string? Skip = null);

    /// <summary>The changes the test makes to a README command (see the class comment), and to the patterns it expects.</summary>
    private sealed class Rewrite(string directory)
    {
        private readonly int _port7001 = FreePort();
        private readonly int _port4721 = FreePort();
        private readonly int _port9464 = FreePort();

        public string TourControlSocket { get; } = Path.Combine(directory, "control.sock");

        public int DemoPort { get; set; }

        public string? PtyPath { get; set; }

        public string Command(string readme)
        {
            var command = Ports(readme)
                .Replace("dotnet run --project src/CtiGateway.Cli --", $"dotnet {RepoPaths.CliDll}", StringComparison.Ordinal)
                .Replace("dotnet run --project src/CtiGateway.Daemon --", $"dotnet {RepoPaths.DaemonDll}", StringComparison.Ordinal)
                .Replace("/run/ctigateway/control.sock", TourControlSocket, StringComparison.Ordinal)
                .Replace("/tmp/ctigw/control.sock", Path.Combine(directory, "ctigw", "control.sock"), StringComparison.Ordinal);
            if (PtyPath is not null)
            {
                command = command.Replace("/tmp/pbx", PtyPath, StringComparison.Ordinal);
            }

            if (Regex.IsMatch(command, @"ctigw\.dll (server-info|monitor|request|bench)\b"))
            {
                command += $" --server 127.0.0.1:{DemoPort}";
            }

            if (command.Contains("ctigatewayd.dll", StringComparison.Ordinal))
            {
                command += command.Contains("--TServer:Port", StringComparison.Ordinal) ? string.Empty : " --TServer:Port=0";
                command += command.Contains("Control:Socket", StringComparison.Ordinal) ? string.Empty : " --Control:Socket=";
            }

            return command;
        }

        public string Pattern(string pattern) => Ports(pattern);

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private string Ports(string text) =>
            Regex.Replace(text, @"\b(7001|4721|9464)\b", m => m.Value switch
            {
                "7001" => _port7001.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "4721" => _port4721.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => _port9464.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
    }
}
