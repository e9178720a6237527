using System.Globalization;
using CtiGateway.Protocol;
using Serilog.Events;
using Serilog.Parsing;

namespace CtiGateway.Daemon.Tests;

/// <summary>The daemon's console logs as a real process writes them: journald lines, the terminal template, run-time areas.</summary>
public sealed class LoggingTests
{
    private const string ReadyPattern = @"ready: T-Library server on \S+, port (\d+)";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task UnderJournaldEachEventIsOneLineWithItsPriorityEvenWithLineBreaksAndExceptions()
    {
        using var config = new TempConfig("""
            { "TServer": { "Host": "127.0.0.1", "Port": 0 }, "Logging": { "Level": "Debug", "Areas": { "ProtocolTrace": true } } }
            """);
        await using var daemon = ManagedProcess.Start(
            RepoPaths.DaemonDll,
            ["--config", config.Path],
            new Dictionary<string, string> { ["JOURNAL_STREAM"] = "8:12345" });
        var ready = await daemon.WaitForLineAsync(ReadyPattern, Timeout);
        await using (var client = await TlibEventRecorder.ConnectRegisteredAsync(int.Parse(ready.Groups[1].Value, CultureInfo.InvariantCulture), Timeout))
        {
            await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "5001" }, MessageType.EventRegistered, Timeout);
            var userData = new KeyValueList().Add("note", "first line\nsecond line\r\nthird line");
            await client.RequestAsync(new TlibMessage(MessageType.RequestDistributeUserEvent) { ThisDN = "5001", UserData = userData }, MessageType.EventACK, Timeout);
        }

        // A multi-line message (the protocol trace of that request) is one line.
        await daemon.WaitForLineAsync(@"^<7>CtiGateway\.ProtocolTrace\[90\] Client \d+ -> RequestDistributeUserEvent .*note=first line second line third line", Timeout);

        // An exception (a config file that can no longer be read, logged at Debug with its stack trace) is one line
        // too. The file becomes a link to /proc/self/mem: it exists, opens, and its first read fails with EIO, even
        // for root (a JSON mistake is a positioned problem line, not an exception).
        File.Delete(config.Path);
        File.CreateSymbolicLink(config.Path, "/proc/self/mem");
        daemon.Signal(Posix.SIGHUP);
        await daemon.WaitForLineAsync(@"^<4>CtiGateway\.Daemon\.ReloadHandler\[5\] Reload rejected", Timeout);
        await daemon.WaitForLineAsync(@"^<7>CtiGateway\.Daemon\.ReloadHandler\[62\] Config file \S+ could not be read on reload System\.\S*Exception", Timeout);
        var exceptionLine = daemon.StdoutLines.Single(l => l.Contains("[62]", StringComparison.Ordinal));
        Assert.Contains(" at CtiGateway.Daemon.GatewayConfiguration.Build(", exceptionLine, StringComparison.Ordinal);

        daemon.Signal(Posix.SIGTERM);
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(5)));

        var lines = daemon.StdoutLines.ToList();
        Assert.All(lines, l => Assert.Matches(@"^<[2-7]>\S+(\[\d+\])? \S", l));
        Assert.Contains(lines, l => l.StartsWith("<6>CtiGateway.Daemon.TServerHostedService[1] ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("<4>", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("<7>", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("[62]", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("[90]", StringComparison.Ordinal) && l.Contains("RequestDistributeUserEvent", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("second line", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal) || l.Contains("--- End of", StringComparison.Ordinal) && !l.StartsWith('<'));
    }

    [Fact]
    public async Task OnATerminalLinesUseTheTimestampTemplate()
    {
        using var config = new TempConfig("""{ "TServer": { "Host": "127.0.0.1", "Port": 0 } }""");
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        var ready = await daemon.WaitForLineAsync(ReadyPattern, Timeout);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} \[INF\] CtiGateway\.Daemon\.TServerHostedService: CtiGateway \S+ ready", daemon.StdoutLines.First(l => l.Contains(ready.Value, StringComparison.Ordinal)));
        Assert.DoesNotContain(daemon.StdoutLines, l => l.StartsWith('<'));
    }

    [Fact]
    public async Task TraceAreasAndLevelsSwitchOnAtRunTimeWithSighup()
    {
        using var config = new TempConfig("""
            { "TServer": { "Host": "127.0.0.1", "Port": 0 }, "Demo": { "CallsPerSecond": 5 } }
            """);
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--demo", "--config", config.Path]);
        var ready = await daemon.WaitForLineAsync(ReadyPattern, Timeout);
        await daemon.WaitForLineAsync(@"Switch tel_sw: MonitorStart sent for \d+ DNs", Timeout);
        await using var client = await TlibEventRecorder.ConnectRegisteredAsync(int.Parse(ready.Groups[1].Value, CultureInfo.InvariantCulture), Timeout);
        await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer), MessageType.EventServerInfo, Timeout);
        Assert.DoesNotContain(daemon.StdoutLines, l => l.Contains("CtiGateway.ProtocolTrace", StringComparison.Ordinal) || l.Contains("CtiGateway.LinkTrace", StringComparison.Ordinal));

        config.Rewrite("""
            { "TServer": { "Host": "127.0.0.1", "Port": 0 }, "Demo": { "CallsPerSecond": 5 },
              "Logging": { "Level": "Information", "RateLimitPerSecond": 0, "Areas": { "LinkTrace": true, "ProtocolTrace": true, "Switching": "Debug" } } }
            """);
        daemon.Signal(Posix.SIGHUP);
        await daemon.WaitForLineAsync("Reload applied: logging level Information, Switching Debug, TServer Information, LinkTrace on, ProtocolTrace on, no rate limit$", Timeout);
        await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer), MessageType.EventServerInfo, Timeout);
        await daemon.WaitForLineAsync(@"\[VRB\] CtiGateway\.ProtocolTrace: Client \d+ -> RequestQueryServer", Timeout);
        await daemon.WaitForLineAsync(@"\[VRB\] CtiGateway\.ProtocolTrace: Client \d+ <- EventServerInfo", Timeout);
        await daemon.WaitForLineAsync(@"\[VRB\] CtiGateway\.LinkTrace: Switch tel_sw: link tel_sw/1 <- \S+", Timeout);
        Assert.False(daemon.HasExited);
    }

    [Theory]
    [InlineData(LogEventLevel.Verbose, "<7>")]
    [InlineData(LogEventLevel.Debug, "<7>")]
    [InlineData(LogEventLevel.Information, "<6>")]
    [InlineData(LogEventLevel.Warning, "<4>")]
    [InlineData(LogEventLevel.Error, "<3>")]
    [InlineData(LogEventLevel.Fatal, "<2>")]
    public void JournaldFormatterWritesThePriorityAndExactlyOneLine(LogEventLevel level, string priority)
    {
        Exception exception;
        try
        {
            throw new InvalidOperationException("outer\nsecond line", new IOException("inner\r\nthird line"));
        }
        catch (InvalidOperationException ex)
        {
            exception = ex;
        }

        var template = new MessageTemplateParser().Parse("Switch {Switch}: {Detail}");
        var evt = new LogEvent(
            DateTimeOffset.UtcNow,
            level,
            exception,
            template,
            [
                new LogEventProperty("Switch", new ScalarValue("tel_sw")),
                new LogEventProperty("Detail", new ScalarValue("line one\nline two\u2028line three\tTab")),
                new LogEventProperty("SourceContext", new ScalarValue("CtiGateway.Switching")),
                new LogEventProperty("EventId", new StructureValue([new LogEventProperty("Id", new ScalarValue(4003))])),
            ]);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        new JournaldTextFormatter().Format(evt, output);
        var text = output.ToString();

        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Count(c => c == '\n'));
        Assert.DoesNotContain('\r', text);
        Assert.StartsWith($"{priority}CtiGateway.Switching[4003] Switch tel_sw: line one line two line three\tTab System.InvalidOperationException: outer second line", text, StringComparison.Ordinal);
        Assert.Contains("---> System.IO.IOException: inner third line", text, StringComparison.Ordinal);
        Assert.Contains(" at CtiGateway.Daemon.Tests.LoggingTests.JournaldFormatterWritesThePriorityAndExactlyOneLine(", text, StringComparison.Ordinal);
    }
}
