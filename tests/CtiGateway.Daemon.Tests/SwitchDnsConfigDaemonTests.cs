namespace CtiGateway.Daemon.Tests;

/// <summary>
/// <c>Switches:N:Dns</c> mistakes through a real ctigatewayd: each is one <c>FILE:LINE:COL: KEY:PATH: reason</c> line on
/// stderr pointing at the offending value (or at the entry that lacks a key), exit 2 before any port is bound, with
/// <c>--check-config</c> and with <c>--config</c>; a value from the command line has no file position; on SIGHUP the
/// same line is logged and the daemon keeps running.
/// </summary>
public sealed class SwitchDnsConfigDaemonTests
{
    private const string ReadyPattern = @"ready: T-Library server on \S+, port (\d+)";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private const string Mistakes = """
        {
          "TServer": { "Host": "127.0.0.1", "Port": 0 },
          "Switches": [
            {
              "Name": "tel_sw",
              "Profile": "osv-v10",
              "Links": [ { "Host": "127.0.0.1", "Port": 1 } ],
              "Dns": [
                { "Number": "4002", "Type": "ACDQueue" },
                { "Number": "T1", "Type": "Trunk" },
                { "From": "6001", "To": "6050", "Type": "ACD Position" },
                { "Number": "4003", "From": "4004", "Type": "ACDQueue" },
                { "From": "9990", "To": "10010", "Type": "Extension" },
                { "Number": "4002", "Type": "ACDQueue" },
                { "Type": "Extension" }
              ]
            },
            {
              "Name": "tel_sw_1",
              "Profile": "avaya-aes-dmcc-8",
              "Links": [ { "Host": "127.0.0.1", "Port": 1 } ],
              "Session": { "CmName": "CM1" },
              "Dns": [ { "Number": "3001", "Type": "RoutingPoint" } ]
            }
          ]
        }
        """;

    [Fact]
    public async Task EachDnsMistakeIsOneLineAtTheFilePositionOfItsValueAndExit2()
    {
        using var config = new TempConfig(Mistakes);
        string[] expected =
        [
            $"{At(config.Path, "\"ACD Position\"")}: Switches:0:Dns:2:Type: 'ACD Position' is not a DN type (one of Extension, ACDPosition, ACDQueue, RoutingPoint, Trunk); did you mean 'ACDPosition'?",
            $"{At(config.Path, "\"4003\"")}: Switches:0:Dns:3:Number: '4003' is given with From: an entry is one DN (Number) or one range (From and To), not both",
            $"{At(config.Path, "\"10010\"")}: Switches:0:Dns:4:To: '10010' has 5 digits and From '9990' has 4: a range's From and To have as many digits",
            $"{At(config.Path, "{ \"Type\": \"Extension\" }")}: Switches:0:Dns:6:Number: empty: give the DN in Number, or a range in From and To",
            $"{At(config.Path, "\"4002\", \"Type\": \"ACDQueue\" },\n        { \"Type\"")}: Switches:0:Dns:5:Number: DN 4002 is listed twice (also in Switches:0:Dns:0: 4002): list each DN once",
            $"{At(config.Path, "\"3001\"")}: Switches:1:Dns:0:Number: DN 3001 is also a DN of switch tel_sw (numbering plan of profile osv-v10: 3001 route-point): a DN belongs to one switch",
        ];

        await using var check = ManagedProcess.Start(RepoPaths.DaemonDll, ["--check-config", config.Path]);
        await using var run = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        foreach (var daemon in new[] { check, run })
        {
            Assert.True(2 == await daemon.WaitForExitAsync(Timeout), daemon.Output);
            Assert.True(expected.SequenceEqual(daemon.StderrLines), "expected:\n" + string.Join('\n', expected) + "\ngot:\n" + string.Join('\n', daemon.StderrLines));
            Assert.DoesNotContain(daemon.StdoutLines, l => l.Contains("ready", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AValueFromTheCommandLineHasNoFilePosition()
    {
        using var config = new TempConfig(Mistakes);
        await using var daemon = ManagedProcess.Start(
            RepoPaths.DaemonDll,
            ["--check-config", config.Path, "--Switches:0:Dns:2:Type=ACDPosition", "--Switches:0:Dns:3:From=", "--Switches:0:Dns:4:To=9999", "--Switches:0:Dns:5:Number=4005", "--Switches:0:Dns:6:Number=4006", "--Switches:1:Dns:0:Type=Queue", "--Switches:1:Dns:0:Number=8001"]);
        Assert.True(2 == await daemon.WaitForExitAsync(Timeout), daemon.Output);
        var line = Assert.Single(daemon.StderrLines);
        Assert.Equal("ctigatewayd: config: Switches:1:Dns:0:Type: 'Queue' is not a DN type (one of Extension, ACDPosition, ACDQueue, RoutingPoint, Trunk)", line);
    }

    [Fact]
    public async Task AValidDomainPassesAndABadDnsEntryOnSighupIsLoggedAtItsPositionAndChangesNothing()
    {
        const string Valid = """
            {
              "TServer": { "Host": "127.0.0.1", "Port": 0 },
              "Switches": [
                {
                  "Name": "tel_sw",
                  "Profile": "osv-v10",
                  "Links": [ { "Host": "127.0.0.1", "Port": 1 } ],
                  "Dns": [
                    { "Number": "4002", "Type": "ACDQueue" },
                    { "From": "6001", "To": "6050", "Type": "ACDPosition" },
                    { "Number": "5050", "Type": "ACDPosition" },
                    { "Number": "T1", "Type": "Trunk" }
                  ]
                }
              ]
            }
            """;
        using var config = new TempConfig(Valid);
        await using var check = ManagedProcess.Start(RepoPaths.DaemonDll, ["--check-config", config.Path]);
        Assert.True(0 == await check.WaitForExitAsync(Timeout), check.Output);

        await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, ["--config", config.Path]);
        await daemon.WaitForLineAsync(ReadyPattern, Timeout);
        config.Rewrite(Valid.Replace("\"Type\": \"Trunk\"", "\"Type\": \"Trunk group\"", StringComparison.Ordinal));
        daemon.Signal(Posix.SIGHUP);
        var rejected = await daemon.WaitForLineAsync(@"Reload rejected, the running configuration stays in force: (.*)$", Timeout);
        Assert.Equal(
            $"{At(config.Path, "\"Trunk group\"")}: Switches:0:Dns:3:Type: 'Trunk group' is not a DN type (one of Extension, ACDPosition, ACDQueue, RoutingPoint, Trunk)",
            rejected.Groups[1].Value);

        daemon.Signal(Posix.SIGTERM);
        Assert.Equal(0, await daemon.WaitForExitAsync(Timeout));
        Assert.Empty(daemon.StderrLines);
    }

    /// <summary><c>FILE:LINE:COL</c> of the first occurrence of <paramref name="marker"/> in the file (1-based, in characters).</summary>
    private static string At(string path, string marker)
    {
        var text = File.ReadAllText(path);
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{marker}' not in {path}");
        var line = 1 + text.AsSpan(0, index).Count('\n');
        var column = index - (text.LastIndexOf('\n', index) + 1) + 1;
        return $"{path}:{line}:{column}";
    }
}
