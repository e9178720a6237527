using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CtiGateway.Client;
using CtiGateway.Protocol;
using CtiGateway.Transport.Serial.Tests;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// Acceptance of serial switch links (issue 3): a real <c>ctigatewayd</c> with a config naming one end of a socat
/// pseudo-terminal pair, and a real <c>ctigw simulate --serial</c> on the other end corrupting 1 % of its data frames
/// (one bit inside the FCS/BCC-covered part, fixed seed). A T-Library client counts EventHardwareError. The run
/// passes when, at a quiet moment after several hundred frames, the gateway's hardware errors (counter and events)
/// equal the simulator's corrupted frames and the gateway's frames-in count and digest equal the simulator's
/// frames-sent count and digest: every CSTA frame arrived exactly once and in order, through LAPB REJ/T1
/// retransmission or BSC NAK and retry.
/// </summary>
public sealed partial class SerialLinkDaemonTests
{
    /// <summary>The causes of the call model's call-level hardware errors (CallModelFault), not counted as frame errors.</summary>
    private static readonly string[] CallLevelCauses = ["unknown-call", "impossible-state", "missing-element", "call-table-full"];

    /// <summary>Extra DNs monitored by the test profile, so the MonitorStart responses alone give hundreds of frames.</summary>
    private const int ExtraDns = 400;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(180);

    [Theory]
    [InlineData("serial-lapb-csta", 11)]
    [InlineData("serial-bsc-csta", 11)]
    public async Task CorruptedFramesEqualHardwareErrorsAndEveryFrameArrivesOnceInOrder(string profileId, int seed)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Deadline + TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        using var pair = await SocatPtyPair.StartAsync(ct);

        // Test-only profile: the shipped one with 400 more extensions (7001-7400 are in the simulator's plan).
        var profile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "firmware-profiles", profileId + ".json"), ct))!;
        profile["$schema"] = Path.Combine(RepoPaths.Root, "firmware-profiles", "schema", "firmware-profile.schema.json");
        profile["numbering-plan"]!.AsArray().Add(new JsonObject
        {
            ["from"] = "7001",
            ["to"] = (7000 + ExtraDns).ToString(CultureInfo.InvariantCulture),
            ["type"] = "extension",
        });

        // What is checked here is the corruption accounting, which a reconnect would spoil. At 9600 baud the keep-alive
        // and the requests wait behind the 400 MonitorStarts and the call traffic; on a box starved by other work (load
        // 25+) the BSC link was seen to reconnect once, late keep-alive answers being the likely cause. The most patient
        // keep-alive and request timeout the schema allows keep that out of the test.
        profile["keep-alive"]!["kpl-tolerance"] = 10;
        profile["dialect"]!["request-timeout-ms"] = 30000;
        using var config = new TempConfig($$"""
            {
              "TServer": { "Port": 0 },
              "Switches": [ { "Name": "tel_sw", "Profile": "{{profileId}}.json", "Links": [ { "Device": "{{pair.PathB}}" } ] } ]
            }
            """);
        var profilePath = Path.Combine(config.Directory, profileId + ".json");
        await File.WriteAllTextAsync(profilePath, profile.ToJsonString(), ct);

        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        var ready = await daemon.WaitForLineAsync(@"ready: T-Library server on \S+, port (\d+)", TimeSpan.FromSeconds(60));
        await using var client = new TServerClient(new TServerClientOptions { ApplicationName = "serial-acceptance" }.AddEndpoint("127.0.0.1:" + ready.Groups[1].Value));
        await client.ConnectAsync(ct);
        long hardwareErrorEvents = 0;
        var counting = Task.Run(async () =>
        {
            await foreach (var e in client.ReadEventsAsync(ct))
            {
                // Link-level errors only: the call model also reports calls it meets mid-way (the scripted calls start
                // before the slow serial link has its monitors up) as call-level hardware errors (unknown-call, ...).
                if (e.Type == MessageType.EventHardwareError && e.Extensions?.TryGetValue("switch", out var sw) == true && sw.ToString() == "tel_sw"
                    && !(e.Extensions.TryGetValue("cause", out var cause) && CallLevelCauses.Contains(cause.ToString())))
                {
                    Interlocked.Increment(ref hardwareErrorEvents);
                }
            }
        }, CancellationToken.None);

        // The simulator starts only now, so the client is registered before the first corrupted frame arrives.
        await using var simulator = ManagedProcess.Start(RepoPaths.CliDll,
        [
            "simulate", "--profile", profilePath, "--serial", pair.PathA,
            "--corrupt-percent", "1", "--seed", seed.ToString(CultureInfo.InvariantCulture),
            "--calls-per-second", "5", "--max-calls", "20",
        ]);

        var until = DateTime.UtcNow + Deadline;
        var last = string.Empty;
        var matchedOnce = false;
        while (true)
        {
            var sim = simulator.StdoutLines.LastOrDefault(l => l.StartsWith("serial: ", StringComparison.Ordinal));
            var gateway = await LinkDetailsAsync(client, ct);
            last = $"simulator: {sim ?? "(no stats yet)"}\ngateway: {string.Join(' ', gateway.Select(kv => kv.Key + "=" + kv.Value))}\nhardware-error events: {Interlocked.Read(ref hardwareErrorEvents)}";
            if (sim is not null && StatsLine().Match(sim) is { Success: true } m && gateway.Count > 0)
            {
                var framesSent = long.Parse(m.Groups["frames"].Value, CultureInfo.InvariantCulture);
                var corrupted = long.Parse(m.Groups["corrupted"].Value, CultureInfo.InvariantCulture);
                var consistent = framesSent >= ExtraDns
                    && gateway["frames-in"] == m.Groups["frames"].Value
                    && gateway["frames-in-digest"] == "tel_sw/1 " + m.Groups["digest"].Value
                    && gateway["hardware-errors"] == m.Groups["corrupted"].Value
                    && Interlocked.Read(ref hardwareErrorEvents) == corrupted
                    && gateway["reconnects"] == "0";
                if (consistent && matchedOnce)
                {
                    Assert.True(corrupted >= 2, $"the run corrupted only {corrupted} frames; pick another seed\n{last}");
                    Assert.Equal(0, long.Parse(m.Groups["lineErrors"].Value, CultureInfo.InvariantCulture));
                    TestContext.Current.TestOutputHelper?.WriteLine(last);
                    break;
                }

                // Equal twice in a row, half a second apart: a quiet moment, not a crossing.
                matchedOnce = consistent;
            }

            Assert.False(simulator.HasExited, $"the simulator exited\n{simulator.Output}");
            Assert.False(daemon.HasExited, $"the daemon exited\n{daemon.Output}");
            Assert.True(DateTime.UtcNow < until, $"gateway and simulator did not agree within {Deadline}\n{last}\n--- daemon ---\n{daemon.Output}");
            await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        }

        await client.DisposeAsync();
        await counting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    [Fact]
    public async Task ASilentSwitchIsFoundByT3AndTheLinkComesBackWhenItAnswersAgain()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(150));
        var ct = timeout.Token;
        using var pair = await SocatPtyPair.StartAsync(ct);

        // Test-only profile: serial-lapb-csta with short timers (T1 0.5 s, T3 1 s, N2 3: silence found in 2.5 s).
        var profile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "firmware-profiles", "serial-lapb-csta.json"), ct))!;
        profile.AsObject().Remove("$schema");
        profile["framing"]!["t1-ms"] = 500;
        profile["framing"]!["t3-ms"] = 1000;
        profile["framing"]!["n2"] = 3;
        using var config = new TempConfig($$"""
            {
              "TServer": { "Port": 0 },
              "Switches": [ { "Name": "tel_sw", "Profile": "serial-lapb-csta.json", "Links": [ { "Device": "{{pair.PathB}}" } ] } ]
            }
            """);
        var profilePath = Path.Combine(config.Directory, "serial-lapb-csta.json");
        await File.WriteAllTextAsync(profilePath, profile.ToJsonString(), ct);

        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        var ready = await daemon.WaitForLineAsync(@"ready: T-Library server on \S+, port (\d+)", TimeSpan.FromSeconds(60));
        await using var client = new TServerClient(new TServerClientOptions { ApplicationName = "serial-t3" }.AddEndpoint("127.0.0.1:" + ready.Groups[1].Value));
        await client.ConnectAsync(ct);

        var simulator = ManagedProcess.Start(RepoPaths.CliDll, ["simulate", "--profile", profilePath, "--serial", pair.PathA]);
        try
        {
            await WaitForLinkEventAsync(client, MessageType.EventLinkConnected, ct);

            // The switch falls silent (process gone, line still there): T3 polls, N2 unanswered, link reported down.
            await simulator.DisposeAsync();
            await WaitForLinkEventAsync(client, MessageType.EventLinkDisconnected, ct);
            // The log line comes by another path (the daemon's stdout) than the event: wait for it too.
            await daemon.WaitForLineAsync(Regex.Escape("no answer to 3 polls (N2)"), TimeSpan.FromSeconds(60));

            // The switch answers again: the supervisor's next SABM brings the link back.
            simulator = ManagedProcess.Start(RepoPaths.CliDll, ["simulate", "--profile", profilePath, "--serial", pair.PathA]);
            await WaitForLinkEventAsync(client, MessageType.EventLinkConnected, ct);
        }
        finally
        {
            await simulator.DisposeAsync();
        }
    }

    private static async Task WaitForLinkEventAsync(TServerClient client, MessageType type, CancellationToken ct)
    {
        await foreach (var e in client.ReadEventsAsync(ct))
        {
            if (e.Type == type && e.Extensions?.TryGetValue("switch", out var sw) == true && sw.ToString() == "tel_sw")
            {
                return;
            }
        }

        Assert.Fail($"the event stream ended before {type} for tel_sw");
    }

    private static async Task<Dictionary<string, string>> LinkDetailsAsync(TServerClient client, CancellationToken ct)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var info = await client.QueryServerAsync(ct);
        if (info.Extensions is { } extensions && extensions.TryGetValue("links", out var links) && links.Type == KeyValueType.List
            && links.AsList().TryGetValue("tel_sw", out var sw) && sw.Type == KeyValueType.List)
        {
            foreach (var (key, value) in sw.AsList())
            {
                result[key] = value.ToString();
            }
        }

        return result;
    }

    [GeneratedRegex(@"^serial: frames-sent=(?<frames>\d+) digest=(?<digest>[0-9a-f]{16}) corrupted=(?<corrupted>\d+) line-errors=(?<lineErrors>\d+)$")]
    private static partial Regex StatsLine();
}
