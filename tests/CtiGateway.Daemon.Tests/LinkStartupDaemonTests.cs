using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CtiGateway.Client;
using CtiGateway.Protocol;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// Issue 8 item 5, with a real daemon: a PBX that accepts the TCP connection and never speaks is not a live link. The
/// test opens a silent listener as the switch, with a shipped profile whose start-up timeout is set to 1 s. A T-Library
/// client never sees EventLinkConnected for the switch; it sees EventHardwareError <c>startup-timeout</c> naming the
/// missing message about 1 s after the connection; the daemon reconnects (the listener sees a second connection); and
/// server-info and the control socket's status both count the link as down.
/// </summary>
public sealed class LinkStartupDaemonTests
{
    private const string ReadyPattern = @"ready: T-Library server on \S+, port (\d+)";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The start-up timeout set in the test profile.</summary>
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Upper bound for the hardware error after the connection: the start-up timeout plus slack for a loaded 2-core box.
    /// Far below the 30 s (3 keep-alive intervals) after which the old daemon declared a silent link down.
    /// </summary>
    private static readonly TimeSpan ReportedWithin = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("osv-v10", "SystemStatus", "No SystemStatus within 1 s", null)]
    [InlineData("avaya-aes-dmcc-8", "StartApplicationSession", "No StartApplicationSessionPosResponse within 1 s", "<StartApplicationSession")]
    public async Task ASilentSwitchIsAHardwareErrorNamingTheMissingMessageAndIsReconnectedNeverUp(string profileId, string element, string detail, string? gatewaySent)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var silent = new SilentSwitch();

        // Test-only profile: the shipped one with a 1 s start-up timeout.
        var profile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "firmware-profiles", profileId + ".json"), ct))!.AsObject();
        profile.Remove("$schema");
        profile["dialect"]!["startup-timeout-ms"] = (int)StartupTimeout.TotalMilliseconds;
        var session = profileId.StartsWith("avaya", StringComparison.Ordinal) ? """, "Session": { "CmName": "CM1" }""" : "";
        var control = ControlClient.NewSocketPath();
        using var config = new TempConfig($$"""
            {
              "TServer": { "Host": "127.0.0.1", "Port": 0 },
              "Switches": [ { "Name": "tel_sw", "Profile": {{JsonSerializer.Serialize(profileId + ".json")}}, "Links": [ { "Host": "127.0.0.1", "Port": {{silent.Port}} } ]{{session}} } ]
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(config.Directory, profileId + ".json"), profile.ToJsonString(), ct);

        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path, $"--Control:Socket={control}"]);
        var ready = await daemon.WaitForLineAsync(ReadyPattern, Timeout);
        await using var client = new TServerClient(new TServerClientOptions { ApplicationName = "startup-test" }.AddEndpoint("127.0.0.1:" + ready.Groups[1].Value));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var events = new ConcurrentQueue<(TlibMessage Event, DateTime At)>();
        var registered = await client.ConnectAsync(ct);
        events.Enqueue((registered, DateTime.UtcNow));
        var recording = Task.Run(async () =>
        {
            await foreach (var e in client.ReadEventsAsync(stop.Token))
            {
                events.Enqueue((e, DateTime.UtcNow));
            }
        }, CancellationToken.None);

        // The hardware error names the missing message, about the start-up timeout after the switch took the connection.
        var watch = Stopwatch.StartNew();
        (TlibMessage Event, DateTime At) error = default;
        while (error.Event is null)
        {
            error = events.FirstOrDefault(e => e.Event.Type == MessageType.EventHardwareError && Text(e.Event, "cause") == "startup-timeout");
            Assert.True(watch.Elapsed < Timeout, $"no EventHardwareError startup-timeout within {Timeout}; events: {Describe(events)}\n--- daemon ---\n{daemon.Output}");
            Assert.False(daemon.HasExited, daemon.Output);
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }

        Assert.Equal(("tel_sw", "tel_sw/1", element), (Text(error.Event, "switch"), Text(error.Event, "link"), Text(error.Event, "element")));
        Assert.Contains(detail, error.Event.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(detail, Text(error.Event, "detail"), StringComparison.Ordinal);
        var after = error.At - silent.FirstAcceptedAt!.Value;
        TestContext.Current.TestOutputHelper?.WriteLine($"{profileId}: EventHardwareError {after.TotalMilliseconds:0} ms after the switch accepted the connection (start-up timeout {StartupTimeout.TotalMilliseconds:0} ms)");
        Assert.True(after < ReportedWithin, $"the hardware error came {after} after the connection");
        if (gatewaySent is not null)
        {
            Assert.Contains(gatewaySent, silent.Received, StringComparison.Ordinal);
        }

        // The daemon drops the connection and reconnects with its backoff: the switch sees a second connection.
        await silent.WaitForAsync(s => s.Connections >= 2, Timeout, "second connection from the daemon");

        // Counted as down: server-info and the control socket's status.
        var info = await client.QueryServerAsync(ct);
        var details = Value(Value(info.Extensions!, "links").AsList(), "tel_sw").AsList();
        Assert.Equal("disconnected", Value(details, "state").ToString());
        Assert.StartsWith("startup-timeout: ", Value(details, "last-error").ToString(), StringComparison.Ordinal);
        using (var status = await ControlClient.WaitForStatusAsync(control, s => s.GetProperty("links")[0].GetProperty("reconnects").GetInt64() >= 1, Timeout))
        {
            var l = status.RootElement.GetProperty("links")[0];
            Assert.Equal(("tel_sw/1", "down", false), (l.GetProperty("link").GetString(), l.GetProperty("state").GetString(), l.GetProperty("switchConnected").GetBoolean()));
        }

        // Never up: no EventLinkConnected for the switch, from the registration answer on.
        Assert.DoesNotContain(events, e => e.Event.Type == MessageType.EventLinkConnected);
        // The log line comes by another path (the daemon's stdout) than the status: wait for it too.
        await daemon.WaitForLineAsync($"startup-timeout.*{Regex.Escape(element)}|{Regex.Escape(element)}.*startup-timeout", Timeout);
        Assert.DoesNotContain(daemon.StdoutLines, l => l.Contains("tel_sw/1 up", StringComparison.Ordinal));

        await stop.CancelAsync();
        await recording.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        daemon.Signal(Posix.SIGTERM);
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));
    }

    private static KeyValue Value(KeyValueList list, string key) =>
        list.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no '{key}' in {list}");

    private static string Text(TlibMessage message, string key) =>
        message.Extensions is { } extensions && extensions.TryGetValue(key, out var value) ? value.ToString() : string.Empty;

    private static string Describe(IEnumerable<(TlibMessage Event, DateTime At)> events) =>
        string.Join(" | ", events.Select(e => $"{e.At.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {e.Event.Type} {e.Event.Extensions}"));
}
