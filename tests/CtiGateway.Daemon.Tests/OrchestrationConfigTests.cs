using System.Text;
using Microsoft.Extensions.Configuration;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// The <c>Orchestration</c> section and <c>Switches:N:RoutePoints:M:Strategy</c>, in process: every strategy is loaded
/// and checked with the config, problems name the key and give the document's FILE:LINE:COL, relative paths resolve
/// against the config file's folder, and the options orchestration runs with list every routing point as DN@switch.
/// </summary>
public sealed class OrchestrationConfigTests : IDisposable
{
    private readonly TempConfig _dir = new("{}");

    public void Dispose() => _dir.Dispose();

    private static string Profile => Path.Combine(RepoPaths.Root, "firmware-profiles", "osv-v10.json").Replace("\\", "\\\\", StringComparison.Ordinal);

    private string Config(string routePoint, string orchestration = "{}") => $$"""
        {
          "Switches": [ { "Name": "tel_sw", "Profile": "{{Profile}}", "Links": [ { "Host": "127.0.0.1", "Port": 1040 } ],
                          "RoutePoints": [ {{routePoint}} ] } ],
          "Orchestration": {{orchestration}}
        }
        """;

    private IReadOnlyList<string> Validate(string json, out GatewaySettings settings)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return ConfigValidator.Validate(configuration, out settings, _dir.Directory);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.Directory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void AStrategyOnARoutingPointLoadsFromTheConfigFolderAndEveryRoutingPointIsListed()
    {
        var file = Write("strategies/hold.scxml", TestStrategies.Hold());
        var problems = Validate(Config("""{ "Dn": "3001", "DefaultDestination": "4001", "Strategy": "strategies/hold.scxml" }""", """{ "MaxSessions": 50, "SessionTtlSeconds": 120, "RequestTimeoutSeconds": 3 }"""), out var settings);

        Assert.Empty(problems);
        var options = OrchestrationPlan.Build(settings.Orchestration, settings.Switches, settings.ProfileBaseDirectory);
        var binding = Assert.Single(options.Strategies);
        Assert.Equal("3001@tel_sw", binding.RoutePoint);
        Assert.Equal(file, binding.File);
        Assert.Equal(["3001@tel_sw"], options.RoutePoints);
        Assert.Null(options.DefaultStrategy);
        Assert.Equal(50, options.MaxSessions);
        Assert.Equal(TimeSpan.FromSeconds(120), options.SessionTimeToLive);
        Assert.Equal(TimeSpan.FromSeconds(3), options.RequestTimeout);
        Assert.True(OrchestrationPlan.HasStrategies(options));
    }

    [Fact]
    public void TheDefaultStrategyServesRoutingPointsWithoutOneAndNoStrategyMeansNoOrchestration()
    {
        var file = Write("default.scxml", TestStrategies.Hold());
        Assert.Empty(Validate(Config("""{ "Dn": "3001" }""", """{ "DefaultStrategy": "default.scxml" }"""), out var settings));
        var options = OrchestrationPlan.Build(settings.Orchestration, settings.Switches, settings.ProfileBaseDirectory);
        Assert.Empty(options.Strategies);
        Assert.Equal(file, options.DefaultStrategy);
        Assert.True(OrchestrationPlan.HasStrategies(options));

        Assert.Empty(Validate(Config("""{ "Dn": "3001" }"""), out var none));
        var off = OrchestrationPlan.Build(none.Orchestration, none.Switches, none.ProfileBaseDirectory);
        Assert.False(OrchestrationPlan.HasStrategies(off));
        Assert.Equal(CtiGateway.Orchestration.OrchestrationOptions.DefaultMaxSessions, off.MaxSessions);
        Assert.Equal(TimeSpan.FromHours(1), off.SessionTimeToLive);
    }

    [Fact]
    public void AStrategyThatDoesNotLoadIsOneLinePerProblemNamingTheKeyAndFileLineColumn()
    {
        var bad = Write("bad.scxml", TestStrategies.Broken);
        var problems = Validate(Config("""{ "Dn": "3001", "Strategy": "bad.scxml" }"""), out _);

        var line = Assert.Single(problems);
        Assert.Matches($@"^Switches:0:RoutePoints:0:Strategy: {System.Text.RegularExpressions.Regex.Escape(bad)}:4:\d+: .*nowhere", line);
    }

    [Fact]
    public void AMissingStrategyFileOrFolderIsAnErrorNamingTheKey()
    {
        Directory.CreateDirectory(Path.Combine(_dir.Directory, "folder.scxml"));
        var missing = Validate(Config("""{ "Dn": "3001", "Strategy": "missing.scxml" }"""), out _);
        Assert.Equal([$"Switches:0:RoutePoints:0:Strategy: strategy file {Path.Combine(_dir.Directory, "missing.scxml")} does not exist"], missing);

        var folder = Validate(Config("""{ "Dn": "3001" }""", """{ "DefaultStrategy": "folder.scxml" }"""), out _);
        Assert.Equal([$"Orchestration:DefaultStrategy: {Path.Combine(_dir.Directory, "folder.scxml")} is a folder, not a strategy file"], folder);
    }

    [Fact]
    public void LimitsOutOfRangeNameTheirKeys()
    {
        var problems = Validate(Config("""{ "Dn": "3001" }""", """{ "MaxSessions": 0, "SessionTtlSeconds": 0, "RequestTimeoutSeconds": 301 }"""), out _);
        Assert.Equal(
            [
                "Orchestration:MaxSessions: 0 must be 1-1000000",
                "Orchestration:SessionTtlSeconds: 0 must be 1-86400 seconds",
                "Orchestration:RequestTimeoutSeconds: 301 must be 1-300 seconds",
            ],
            problems);
    }

    [Fact]
    public void WithOrchestrationDisabledStrategiesAreNeitherLoadedNorChecked()
    {
        Write("bad.scxml", TestStrategies.Broken);
        Assert.Empty(Validate(Config("""{ "Dn": "3001", "Strategy": "bad.scxml" }""", """{ "Enabled": false }"""), out var settings));
        Assert.False(settings.Orchestration.Enabled);
    }

    [Fact]
    public void StrategiesReloadAndEnabledNeedsARestart()
    {
        var running = new GatewaySettings();
        var next = new GatewaySettings();
        next.Orchestration.DefaultStrategy = "other.scxml";
        next.Orchestration.MaxSessions = 7;
        Assert.Empty(ReloadHandler.RestartKeys(running, next));

        next.Orchestration.Enabled = false;
        Assert.Equal(["Orchestration:Enabled"], ReloadHandler.RestartKeys(running, next));
    }
}
