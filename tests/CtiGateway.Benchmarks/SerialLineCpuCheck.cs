using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CtiGateway.Benchmarks;

/// <summary>
/// CPU cost of the gateway side of a serial link at full line rate, measured as process CPU time (not wall-clock
/// time, so other load on the machine does not inflate it): a real <c>ctigatewayd</c> on one end of a socat
/// pseudo-terminal pair (profile serial-lapb-csta or serial-bsc-csta, <c>Baud</c> 115200, 8N1), a real
/// <c>ctigw simulate --serial --baud 115200 --pace</c> on the other end, paced at the line rate (11,520 bytes/s at
/// 115200 8N1). The profile is the shipped one plus 999 extensions, so the gateway's MonitorStart for each is
/// answered by a stream of responses that keeps the switch-to-gateway direction at the full line rate for about half
/// a minute, with scripted call events on top. Each run warms up, then
/// reads the daemon's CPU time, the bytes socat moved (both directions, /proc/PID/io rchar) and the gateway's CSTA
/// counters over the window. Prints one line per run and the medians. Not an assertion: a figure for
/// docs/performance.md. Run: <c>dotnet run -c Release --project tests/CtiGateway.Benchmarks -- --serial-cpu [lapb|bsc]
/// [--runs N] [--seconds S] [--cps N] [--extra-dns N] [--warmup S] [--n1 N]</c> (needs socat and a Release build of the daemon and the CLI).
/// </summary>
internal static partial class SerialLineCpuCheck
{
    public static async Task<int> RunAsync(string[] args)
    {
        var framing = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "lapb";
        var runs = Option(args, "--runs", 3);
        var seconds = Option(args, "--seconds", 25);
        var callsPerSecond = Option(args, "--cps", 20, allowZero: true);
        var extraDns = Option(args, "--extra-dns", 999, allowZero: true);
        var warmup = Option(args, "--warmup", 5);
        var n1 = Option(args, "--n1", 0, allowZero: true);
        var root = FindRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var daemonDll = Path.Combine(root, "src", "CtiGateway.Daemon", "bin", configuration, "net10.0", "ctigatewayd.dll");
        var cliDll = Path.Combine(root, "src", "CtiGateway.Cli", "bin", configuration, "net10.0", "ctigw.dll");
        var profile = Path.Combine(root, "firmware-profiles", $"serial-{framing}-csta.json");
        foreach (var file in new[] { daemonDll, cliDll, profile })
        {
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"{file} not found: build the daemon and the CLI in {configuration} first (dotnet build -c {configuration}).");
                return 2;
            }
        }

        var cpu = new List<double>();
        Console.WriteLine($"serial {framing} at 115200 8N1 (11,520 bytes/s per direction), {runs} runs of {seconds} s, {Environment.ProcessorCount} cores, {configuration}");
        for (var run = 1; run <= runs; run++)
        {
            var result = await RunOnceAsync(daemonDll, cliDll, profile, TimeSpan.FromSeconds(seconds), callsPerSecond, extraDns, TimeSpan.FromSeconds(warmup), n1);
            cpu.Add(result.CpuPercent);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: gateway CPU {result.CpuPercent:F2} % of one core ({result.CpuSeconds:F2} s CPU in {result.WallSeconds:F1} s), line {result.LineBytesPerSecond:F0} bytes/s both directions, CSTA in {result.CstaBytesPerSecond:F0} bytes/s ({result.FramesPerSecond:F1} frames/s), hardware errors {result.HardwareErrors}"));
        }

        cpu.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median gateway CPU: {cpu[cpu.Count / 2]:F2} % of one core (target < 2 %)"));
        return 0;
    }

    private static async Task<(double CpuPercent, double CpuSeconds, double WallSeconds, double LineBytesPerSecond, double CstaBytesPerSecond, double FramesPerSecond, long HardwareErrors)> RunOnceAsync(
        string daemonDll, string cliDll, string shippedProfile, TimeSpan window, int callsPerSecond, int extraDns, TimeSpan warmup, int n1)
    {
        var directory = Directory.CreateTempSubdirectory("ctigw-serial-cpu-").FullName;
        var a = Path.Combine(directory, "a");
        var b = Path.Combine(directory, "b");
        var config = Path.Combine(directory, "gateway.json");
        var processes = new List<Process>();
        try
        {
            // The shipped profile, plus extensions 7001.. (in the simulator's plan): the MonitorStart responses for them
            // keep the switch-to-gateway direction busy at the full line rate for a while, on top of the call events.
            var profile = Path.Combine(directory, Path.GetFileName(shippedProfile));
            var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(shippedProfile))!;
            json.AsObject().Remove("$schema");
            if (extraDns > 0)
            {
                json["numbering-plan"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject
                {
                    ["from"] = "7001",
                    ["to"] = (7000 + extraDns).ToString(CultureInfo.InvariantCulture),
                    ["type"] = "extension",
                });
            }

            if (n1 > 0 && json["framing"]?["n1"] is not null)
            {
                // A larger LAPB N1 than Meridian's 135: at 115200 baud, k = 7 frames of 135 octets are only 83 ms of
                // line time, so the acknowledgement round trip on a loaded machine, not the line, limits throughput.
                json["framing"]!["n1"] = n1;
            }

            await File.WriteAllTextAsync(profile, json.ToJsonString());
            var socat = Start("socat", ["-d", "-d", $"pty,raw,echo=0,link={a}", $"pty,raw,echo=0,link={b}"], processes);
            while (!File.Exists(a) || !File.Exists(b))
            {
                await Task.Delay(20);
            }

            await File.WriteAllTextAsync(config, $$"""
                {
                  "TServer": { "Port": 0 },
                  "Logging": { "Level": "Warning" },
                  "Switches": [ { "Name": "tel_sw", "Profile": "{{profile}}", "Links": [ { "Device": "{{b}}", "Baud": 115200 } ] } ]
                }
                """);
            var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var daemon = Start("dotnet", [daemonDll, "--config", config, "--Logging:Level=Information"], processes, line =>
            {
                if (ReadyLine().Match(line) is { Success: true } m)
                {
                    ready.TrySetResult("127.0.0.1:" + m.Groups[1].Value);
                }
            });
            var server = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
            Start("dotnet", [cliDll, "simulate", "--profile", profile, "--serial", a, "--baud", "115200", "--pace", "--calls-per-second", callsPerSecond.ToString(CultureInfo.InvariantCulture)], processes);

            // Warm-up: link set-up, JIT, and the line filling up.
            await Task.Delay(warmup);
            var before = await SampleAsync(daemon, socat, cliDll, server);
            await Task.Delay(window);
            var after = await SampleAsync(daemon, socat, cliDll, server);
            var wall = (after.Wall - before.Wall).TotalSeconds;
            var cpuSeconds = (after.Cpu - before.Cpu).TotalSeconds;
            return (100 * cpuSeconds / wall, cpuSeconds, wall, (after.Line - before.Line) / wall, (after.Bytes - before.Bytes) / wall,
                (after.Frames - before.Frames) / wall, after.Errors);
        }
        finally
        {
            foreach (var p in Enumerable.Reverse(processes))
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    await p.WaitForExitAsync();
                }

                p.Dispose();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu, long Line, long Bytes, long Frames, long Errors)> SampleAsync(Process daemon, Process socat, string cliDll, string server)
    {
        // Counters first (the CLI run costs the daemon one request), then CPU and line bytes at the same instant.
        var info = await RunCliAsync(cliDll, server);
        daemon.Refresh();
        var wall = Stopwatch.GetElapsedTime(0);
        var cpu = daemon.TotalProcessorTime;
        var line = ReadRchar(socat.Id);
        var m = Counters().Match(info);
        if (!m.Success)
        {
            throw new InvalidOperationException("server-info did not show the link counters: " + info);
        }

        return (wall, cpu, line, long.Parse(m.Groups["bytes"].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups["frames"].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups["errors"].Value, CultureInfo.InvariantCulture));
    }

    private static async Task<string> RunCliAsync(string cliDll, string server)
    {
        using var cli = Process.Start(new ProcessStartInfo("dotnet", [cliDll, "--server", server, "server-info"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = await cli.StandardOutput.ReadToEndAsync();
        await cli.WaitForExitAsync();
        return text;
    }

    private static long ReadRchar(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/io"))
        {
            if (line.StartsWith("rchar:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/io has no rchar");
    }

    private static Process Start(string file, string[] args, List<Process> processes, Action<string>? onLine = null)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        processes.Add(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                onLine?.Invoke(line);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int Option(string[] args, string name, int fallback, bool allowZero = false)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && (v > 0 || allowZero) ? v : fallback;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CtiGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CtiGateway.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"ready: T-Library server on \S+, port (\d+)")]
    private static partial Regex ReadyLine();

    [GeneratedRegex(@"frames-in=(?<frames>\d+) .*bytes-in=(?<bytes>\d+) .*hardware-errors=(?<errors>\d+)")]
    private static partial Regex Counters();
}
