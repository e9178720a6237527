using System.Globalization;
using System.Text.RegularExpressions;
using CtiGateway.Cli.Tests.Support;
using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Cli.Tests;

/// <summary><c>ctigw bench calls</c> end to end: ctigw starts the simulator and a real ctigatewayd, and ends with its one line.</summary>
public sealed partial class BenchCallsProcessTests
{
    [Fact(Timeout = 240_000)]
    public async Task TinyCallBenchCountsCallsAndEventsAndEndsWithOneLine()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 220);

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(
            ct, "bench", "calls", "--cps", "20", "--dns", "50", "--clients", "5", "--seconds", "2", "--gateway", DaemonDll());

        Assert.True(exit == 0, stderr);
        var line = Assert.Single(stdout);
        var match = ResultLine().Match(line);
        Assert.True(match.Success, line);
        Assert.True(Number(match, "calls") > 0, line);
        Assert.True(Number(match, "events") > 0, line);
        Assert.True(Number(match, "peak") > 0, line);
        var details = DetailsLine().Match(stderr);
        Assert.True(details.Success, stderr);
        Assert.True(Number(details, "matched") > 0, stderr);
        Assert.Equal(0, Number(details, "undecodable"));
        Assert.Equal(0, Number(details, "lost"));
    }

    [Fact(Timeout = 240_000)]
    public async Task WithAStrategyEveryCallIsRoutedThroughASession()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 220);
        var strategy = RepoFiles.InRepo("docs", "examples", "bench-route-strategy.scxml");

        // 20 calls/s for 2 s after the route bench's 2 s warm-up; the strategy sends caller ...NNN to station 200000 + NNN.
        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(
            ct, "bench", "calls", "--cps", "20", "--seconds", "2", "--dns", "50", "--strategy", strategy, "--gateway", DaemonDll());

        Assert.True(exit == 0, stderr);
        var line = Assert.Single(stdout);
        var match = StrategyLine().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal(40, Number(match, "routed"));
        Assert.Equal(0, Number(match, "unrouted"));
        Assert.Equal(0, Number(match, "errors"));
        Assert.Contains("bench calls: window ", stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 240_000)]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task GatewayChildDoesNotInheritTheBenchsInlineSocketCompletions()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 220);
        var dir = Directory.CreateTempSubdirectory("ctigw-bench-env-");
        try
        {
            // A gateway "executable" that notes the variable it was started with, then runs the real daemon.
            var seen = Path.Combine(dir.FullName, "seen.txt");
            var script = Path.Combine(dir.FullName, "gateway.sh");
            await File.WriteAllTextAsync(script,
                $"#!/bin/sh\necho \"${{DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS-unset}}\" > '{seen}'\nexec dotnet '{DaemonDll()}' \"$@\"\n", ct);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var (exit, _, stderr) = await CtigwProcess.RunAsync(
                ct, "bench", "calls", "--cps", "20", "--dns", "50", "--clients", "5", "--seconds", "1", "--gateway", script);

            Assert.True(exit == 0, stderr);
            var expected = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") ?? "unset";
            Assert.Equal(expected, (await File.ReadAllTextAsync(seen, ct)).Trim());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^calls/s: (?<calls>\d+) events/s: (?<events>\d+) p50-ms: \d+\.\d{3} p99-ms: \d+\.\d{3} p999-ms: \d+\.\d{3} gateway-cpu: \d+% gateway-peak-mb: (?<peak>\d+)$")]
    private static partial Regex ResultLine();

    [GeneratedRegex(@"^calls/s: \d+ routed: (?<routed>\d+) unrouted: (?<unrouted>\d+) errors: (?<errors>\d+) p50-ms: \d+\.\d{3} p99-ms: \d+\.\d{3} p999-ms: \d+\.\d{3} gateway-cpu: \d+%$")]
    private static partial Regex StrategyLine();

    [GeneratedRegex(@"bench calls: window: .* matched: (?<matched>\d+) .* undecodable: (?<undecodable>\d+) .* connections-lost: (?<lost>\d+)")]
    private static partial Regex DetailsLine();

    private static long Number(Match match, string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    /// <summary>The daemon built beside this repository's ctigw (the project reference builds it first).</summary>
    private static string DaemonDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = RepoFiles.InRepo("src", "CtiGateway.Daemon", "bin", configuration, "net10.0", "ctigatewayd.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"ctigatewayd.dll is not built at {dll}");
    }
}
