using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CtiGateway.Protocol;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// Storms (issue 8 item 4) against a real daemon: a fake OpenScape Voice sends floods of malformed CSTA frames and a
/// T-Library client floods ADDP hellos. Clients get at most the profile's hardware errors per second per cause plus
/// one counted summary per second, the log gets at most Logging:RateLimitPerSecond lines per event id per second plus
/// one "Suppressed N lines" line, every error is counted, and a link whose error rate holds over the profile's
/// threshold is dropped and reconnected with a hardware error saying why. Everything waits for conditions.
/// </summary>
public sealed class StormDaemonTests
{
    private const string ReadyPattern = @"ready: T-Library server on \S+, port (\d+)";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AStormOfMalformedFramesReachesClientsAndTheLogBoundedAndEveryErrorIsCounted()
    {
        const int frames = 20_000;
        const int eventsPerSecond = 5;
        const int linesPerSecond = 10;
        var ct = TestContext.Current.CancellationToken;
        using var pbx = new FakeOsvSwitch();
        using var config = await ConfigAsync(pbx.Port, new JsonObject { ["events-per-second"] = eventsPerSecond, ["drop-errors-per-second"] = 0 }, linesPerSecond);
        await using var daemon = StartJournald(config);
        var port = int.Parse((await daemon.WaitForLineAsync(ReadyPattern, Timeout)).Groups[1].Value, CultureInfo.InvariantCulture);
        await using var client = await RegisteredClientAsync(port);
        using var link = await pbx.AcceptAndStartAsync(Timeout);

        var clock = Stopwatch.StartNew();
        await link.SendAsync(FakeOsvSwitch.MalformedFrames(frames), ct);

        // Clients: every malformed frame is either its own EventHardwareError or counted in a summary's "suppressed".
        var events = await WaitAsync(
            () => BadXmlEvents(client),
            e => e.Single + e.Suppressed == frames,
            e => $"{e.Single} single EventHardwareError + {e.Suppressed} suppressed of {frames}",
            daemon);
        var eventWindows = Windows(clock.Elapsed);
        Assert.InRange(events.Single, eventsPerSecond, eventsPerSecond * eventWindows);
        Assert.InRange(events.Summaries, 1, eventWindows);

        // The log: lines of event 4003 plus the counts of the "Suppressed" lines (event 95) add up to the frames too.
        var log = await WaitAsync(
            () => LogLines(daemon, 4003, "CtiGateway.Switching"),
            l => l.Written + l.Suppressed == frames,
            l => $"{l.Written} lines of event 4003 + {l.Suppressed} suppressed of {frames}",
            daemon);
        var logWindows = Windows(clock.Elapsed);
        Assert.InRange(log.Written, linesPerSecond, linesPerSecond * logWindows);
        Assert.InRange(log.Summaries, 1, logWindows);
        Assert.Contains(daemon.StdoutLines, l => l.StartsWith("<4>CtiGateway.Switching[95] Suppressed ", StringComparison.Ordinal));
        Assert.False(link.Closed.IsCompleted, "drop-errors-per-second 0 never drops the link");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{frames} malformed frames: {events.Single} EventHardwareError + {events.Summaries} summaries, {log.Written} log lines of 4003 + {log.Summaries} 'Suppressed' lines, in {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task ALinkWhoseErrorRateHoldsOverTheThresholdIsDroppedWithAReasonAndReconnected()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pbx = new FakeOsvSwitch();
        using var config = await ConfigAsync(pbx.Port, new JsonObject { ["events-per-second"] = 5, ["drop-errors-per-second"] = 50, ["drop-window-s"] = 2 });
        await using var daemon = StartJournald(config);
        var port = int.Parse((await daemon.WaitForLineAsync(ReadyPattern, Timeout)).Groups[1].Value, CultureInfo.InvariantCulture);
        await using var client = await RegisteredClientAsync(port);
        using var first = await pbx.AcceptAndStartAsync(Timeout);
        var before = client.Received.Count;

        // 100 malformed frames every 20 ms (some thousands per second) until the gateway drops the connection.
        var burst = FakeOsvSwitch.MalformedFrames(100);
        var until = DateTime.UtcNow + Timeout;
        while (!first.Closed.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < until, $"the link was not dropped within {Timeout}\n{daemon.Output}");
            try
            {
                await first.SendAsync(burst, ct);
            }
            catch (IOException)
            {
                break;
            }

            await Task.Delay(20, ct);
        }

        var storm = await client.WaitForAsync(m => m.Type == MessageType.EventHardwareError && Extension(m, "cause") == "error-storm", Timeout, "EventHardwareError error-storm", before);
        Assert.Equal("tel_sw/1", Extension(storm, "link"));
        Assert.Matches(@"^Error storm on link tel_sw/1: \d+ hardware errors in 2 s, at least 50 in each second \(threshold 50 per second for 2 s, profile hardware-errors\): link dropped, reconnecting\.$", storm.ErrorMessage);
        var down = await client.WaitForAsync(m => m.Type == MessageType.EventLinkDisconnected && Extension(m, "switch") == "tel_sw", Timeout, "EventLinkDisconnected for tel_sw", before);
        Assert.Contains("link tel_sw/1 down: error storm: ", down.ErrorMessage, StringComparison.Ordinal);

        // The gateway reconnects (backoff about 1 s) and the link comes back.
        var afterDown = client.Received.ToList().FindIndex(m => ReferenceEquals(m, down)) + 1;
        using var second = await pbx.AcceptAndStartAsync(Timeout);
        await client.WaitForAsync(m => m.Type == MessageType.EventLinkConnected && Extension(m, "switch") == "tel_sw", Timeout, "EventLinkConnected after the reconnect", afterDown);
        await daemon.WaitForLineAsync(@"^<4>CtiGateway\.Switching\[4500\] Switch tel_sw: link tel_sw/1 dropped for an error storm: Error storm on link tel_sw/1: ", Timeout);
        await daemon.WaitForLineAsync(@"^<6>CtiGateway\.Switching\[4000\] Switch tel_sw: link tel_sw/1 down \(error storm: \d+ hardware errors in 2 s", Timeout);
        Assert.False(second.Closed.IsCompleted);
    }

    [Fact]
    public async Task AFloodOfAddpHellosWritesABoundedNumberOfInfoLinesAndCountsTheRest()
    {
        const int hellos = 20_000;
        var ct = TestContext.Current.CancellationToken;
        using var config = new TempConfig("""{ "TServer": { "Host": "127.0.0.1", "Port": 0 } }""");
        await using var daemon = StartJournald(config);
        var port = int.Parse((await daemon.WaitForLineAsync(ReadyPattern, Timeout)).Groups[1].Value, CultureInfo.InvariantCulture);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port, ct);
        var output = new ArrayBufferWriter<byte>();
        for (var i = 0; i < hellos; i++)
        {
            TlibMessageWriter.WriteAddpHello(new AddpHello(LocalTimeoutSeconds: 0, RemoteTimeoutSeconds: 30, AddpTrace.Off), output);
        }

        var clock = Stopwatch.StartNew();
        await tcp.GetStream().WriteAsync(output.WrittenMemory, ct);

        // The default Logging:RateLimitPerSecond (20): at most 20 lines of event 1009 per second, the rest counted.
        var log = await WaitAsync(
            () => LogLines(daemon, 1009, "CtiGateway.Server.TlibServer"),
            l => l.Written + l.Suppressed == hellos,
            l => $"{l.Written} lines of event 1009 + {l.Suppressed} suppressed of {hellos}",
            daemon);
        var windows = Windows(clock.Elapsed);
        Assert.InRange(log.Written, 20, 20 * windows);
        Assert.InRange(log.Summaries, 1, windows);
        Assert.Contains(daemon.StdoutLines, l => l.StartsWith("<6>CtiGateway.Server.TlibServer[95] Suppressed ", StringComparison.Ordinal) && l.Contains(" lines of event id 1009 (CtiGateway.Server.TlibServer) within 1 s", StringComparison.Ordinal));
        TestContext.Current.TestOutputHelper?.WriteLine($"{hellos} ADDP hellos: {log.Written} log lines of 1009 + {log.Summaries} 'Suppressed' lines, in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>How many one-second windows can have started within <paramref name="elapsed"/>.</summary>
    private static int Windows(TimeSpan elapsed) => (int)Math.Floor(elapsed.TotalSeconds) + 1;

    private static string? Extension(TlibMessage message, string key) =>
        message.Extensions is { } e && e.TryGetValue(key, out var value) ? value.ToString() : null;

    private static ManagedProcess StartJournald(TempConfig config) =>
        ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path], new Dictionary<string, string> { ["JOURNAL_STREAM"] = "8:12345" });

    /// <summary>A config with switch tel_sw on the fake PBX, its profile osv-v10 with <paramref name="hardwareErrors"/>.</summary>
    private static async Task<TempConfig> ConfigAsync(int pbxPort, JsonObject hardwareErrors, int? linesPerSecond = null)
    {
        var logging = linesPerSecond is { } n ? $$""", "Logging": { "RateLimitPerSecond": {{n}} }""" : string.Empty;
        var config = new TempConfig($$"""
            {
              "TServer": { "Host": "127.0.0.1", "Port": 0 }{{logging}},
              "Switches": [ { "Name": "tel_sw", "Profile": "osv-v10.json", "Links": [ { "Host": "127.0.0.1", "Port": {{pbxPort}} } ] } ]
            }
            """);
        var profile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "firmware-profiles", "osv-v10.json")))!;
        profile["$schema"] = Path.Combine(RepoPaths.Root, "firmware-profiles", "firmware-profile.schema.json");
        profile["hardware-errors"] = hardwareErrors;
        await File.WriteAllTextAsync(Path.Combine(config.Directory, "osv-v10.json"), profile.ToJsonString());
        return config;
    }

    private static async Task<TlibEventRecorder> RegisteredClientAsync(int port)
    {
        // Registered as a client first: an unregistered connection is closed after TServer:RegistrationTimeoutSeconds
        // (10 s), which the reconnect test outlasts (EventLinkConnected waits for the SnapshotDevice round, which this
        // fake switch never answers: up to 10 s).
        var client = await TlibEventRecorder.ConnectRegisteredAsync(port, Timeout, "storm-test");
        await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "5001" }, MessageType.EventRegistered, Timeout);
        return client;
    }

    private static (long Single, long Summaries, long Suppressed) BadXmlEvents(TlibEventRecorder client)
    {
        long single = 0, summaries = 0, suppressed = 0;
        foreach (var m in client.Received)
        {
            if (m.Type != MessageType.EventHardwareError || Extension(m, "cause") != "bad-xml" || Extension(m, "link") != "tel_sw/1")
            {
                continue;
            }

            if (m.Extensions!.TryGetValue("suppressed", out var count))
            {
                summaries++;
                suppressed += count.AsInt();
            }
            else
            {
                single++;
            }
        }

        return (single, summaries, suppressed);
    }

    /// <summary>Journald lines of <paramref name="eventId"/>, and the "Suppressed" lines (event 95) that count the rest.</summary>
    private static (long Written, long Summaries, long Suppressed) LogLines(ManagedProcess daemon, int eventId, string category)
    {
        long written = 0, summaries = 0, suppressed = 0;
        var own = $"{category}[{eventId}] ";
        var summary = new Regex($@"^<\d>{Regex.Escape(category)}\[95\] Suppressed (\d+) lines of event id {eventId} ", RegexOptions.CultureInvariant);
        foreach (var line in daemon.StdoutLines)
        {
            if (line.AsSpan(3).StartsWith(own, StringComparison.Ordinal))
            {
                written++;
            }
            else if (summary.Match(line) is { Success: true } m)
            {
                summaries++;
                suppressed += long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        return (written, summaries, suppressed);
    }

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/>, failing with the last value after the timeout.</summary>
    private static async Task<T> WaitAsync<T>(Func<T> read, Func<T, bool> done, Func<T, string> describe, ManagedProcess daemon)
    {
        var until = DateTime.UtcNow + Timeout;
        while (true)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            Assert.False(daemon.HasExited, $"the daemon exited\n{daemon.Output}");
            Assert.True(DateTime.UtcNow < until, $"not within {Timeout}: {describe(value)}\n--- last daemon lines ---\n{string.Join('\n', daemon.StdoutLines.TakeLast(40))}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
