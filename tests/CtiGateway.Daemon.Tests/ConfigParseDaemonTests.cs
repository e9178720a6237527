using System.Text.RegularExpressions;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// The config file's JSON, read by a real <c>ctigatewayd</c>: a mistake is one <c>FILE:LINE:COL: message</c> line on
/// stderr and exit 2 (with <c>--check-config</c> and with <c>--config</c>, before any port is bound), or one
/// <c>Reload rejected ... FILE:LINE:COL: message</c> log line on SIGHUP; comments and trailing commas are accepted.
/// </summary>
public sealed class ConfigParseDaemonTests
{
    private const string ReadyPattern = @"ready: T-Library server on (\S+), port (\d+)";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A comma missing after <c>"Port": 0</c>: the next key, line 6, column 22 (characters: the comment before it
    /// holds a two-byte "ü", so a byte count would say 23).
    /// </summary>
    private const string MissingComma = """
        {
          // The T-Library server.
          "TServer": {
            "Host": "127.0.0.1",
            "Port": 0
            /* Zürich PBX */ "MaxClients": 10
          }
        }
        """;

    /// <summary>Comments of both kinds and trailing commas in an object and an array, as an admin writes them.</summary>
    private const string CommentsAndTrailingCommas = """
        // ctigateway.json on the Zürich appliance
        {
          "TServer": {
            "Host": "127.0.0.1", // loopback only while testing
            "Port": 0,
            /* a small site */
            "MaxClients": 50,
            "AllowedClients": [ "127.0.0.0/8", ],
          },
          "Logging": { "Level": "Information", },
        }
        """;

    [Fact]
    public async Task ASyntaxErrorIsOneFileLineColumnLineAndExit2WithCheckConfigAndWithConfig()
    {
        using var config = new TempConfig(MissingComma);
        await using var check = ManagedProcess.Start(RepoPaths.DaemonDll, ["--check-config", config.Path]);
        await using var run = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        foreach (var daemon in new[] { check, run })
        {
            Assert.Equal(2, await daemon.WaitForExitAsync(Timeout));
            var line = Assert.Single(daemon.StderrLines);
            Assert.Equal($"{config.Path}:6:22: JSON syntax error: '\"' is invalid after a value. Expected either ',', '}}', or ']'", line);
            Assert.DoesNotContain(daemon.StdoutLines, l => l.Contains("ready", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task EachJsonMistakeIsReportedAtItsPosition()
    {
        using var dir = new TempConfig("{}");
        var mistakes = new (string Name, string Json, string Expected)[]
        {
            ("unclosed object", "{\n  \"TServer\": {\n    \"Port\": 3000,\n  }\n", "5:1: JSON syntax error: Expected depth to be zero at the end of the JSON payload"),
            ("bad number", "{ \"TServer\": { \"Port\": 30x0 } }", "1:26: JSON syntax error: 'x' is an invalid end of a number"),
            ("single quotes", "{\n  'TServer': {}\n}", "2:3: JSON syntax error: ''' is an invalid start of a property name"),
            ("text after the object", "{ }\n{ }\n", "2:1: JSON syntax error: '{' is invalid after a single JSON value"),
            ("empty file", "\n", "1:1: the file is empty: expected a JSON object"),
            ("array at the top", "[ { \"TServer\": {} } ]", "1:1: the top level must be a JSON object ({ ... }), not an array"),
            ("key given twice", "{\n  \"TServer\": { \"Port\": 3000 },\n  \"tserver\": { \"port\": 3001 }\n}", "3:16: duplicate key 'tserver:port' (first at line 2, column 16)"),
        };

        foreach (var (name, json, expected) in mistakes)
        {
            var file = Path.Combine(dir.Directory, Regex.Replace(name, "[^a-z]", "-") + ".json");
            await File.WriteAllTextAsync(file, json, TestContext.Current.CancellationToken);
            await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--check-config", file]);
            Assert.True(2 == await daemon.WaitForExitAsync(Timeout), $"{name}: exit code {daemon.ExitCode}, not 2:\n{daemon.Output}");
            var line = Assert.Single(daemon.StderrLines);
            Assert.True(line.StartsWith($"{file}:{expected}", StringComparison.Ordinal), $"{name}: '{line}' does not start with '{file}:{expected}'");
        }
    }

    [Fact]
    public async Task CommentsAndTrailingCommasAreAcceptedByCheckConfigAndByTheRunningDaemon()
    {
        using var config = new TempConfig(CommentsAndTrailingCommas);
        await using var check = ManagedProcess.Start(RepoPaths.DaemonDll, ["--check-config", config.Path]);
        Assert.True(0 == await check.WaitForExitAsync(Timeout), check.Output);
        Assert.Equal($"{config.Path}: configuration is valid", Assert.Single(check.StdoutLines));

        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        var ready = await daemon.WaitForLineAsync(ReadyPattern, Timeout);
        Assert.StartsWith("127.0.0.1:", ready.Groups[1].Value, StringComparison.Ordinal); // Host from the commented file
        daemon.Signal(Posix.SIGTERM);
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));
        Assert.Empty(daemon.StderrLines);
    }

    [Fact]
    public async Task AReloadOfABrokenFileLogsThePositionAndKeepsRunning()
    {
        using var config = new TempConfig(CommentsAndTrailingCommas);
        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        await daemon.WaitForLineAsync(ReadyPattern, Timeout);

        config.Rewrite(MissingComma);
        daemon.Signal(Posix.SIGHUP);
        var rejected = await daemon.WaitForLineAsync(@"Reload rejected, the running configuration stays in force: (.*)$", Timeout);
        Assert.Equal($"{config.Path}:6:22: JSON syntax error: '\"' is invalid after a value. Expected either ',', '}}', or ']'", rejected.Groups[1].Value);

        // Still serving, and a fixed file reloads.
        config.Rewrite(CommentsAndTrailingCommas.Replace("\"Information\"", "\"Debug\"", StringComparison.Ordinal));
        daemon.Signal(Posix.SIGHUP);
        await daemon.WaitForLineAsync("Reload applied: log level Debug", Timeout);
        Assert.Single(daemon.StdoutLines, l => l.Contains("Reload rejected", StringComparison.Ordinal));
        daemon.Signal(Posix.SIGTERM);
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));
    }
}
