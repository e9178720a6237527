using System.Globalization;

namespace CtiGateway.Switching;

/// <summary>
/// The demo's switching plan (CONTRACT.md "The demo's switching plan"), as switch settings: <c>tel_sw</c> on profile
/// osv-v10 (extensions 5001-5099, agents <c>A5001</c>-<c>A5020</c> ready on 5001-5020 in ACD queue 4001 and agent
/// group <c>DemoAgents</c>, route point 3001 with default destination 4001) and <c>tel_sw_1</c> on profile
/// avaya-aes-dmcc-8 (extensions 7001-7999), with the access numbers of the trunk between them. The daemon's
/// <c>--demo</c> and <c>ctigw strategy try</c> both build their switches here; the simulator's
/// <c>SwitchingPlan.Demo()</c> plays the same plan on the switch side.
/// </summary>
public static class DemoPlan
{
    /// <summary>The first switch.</summary>
    public const string Switch = "tel_sw";

    /// <summary>The first switch's firmware profile (relative to the repo root or the installation).</summary>
    public const string Profile = "firmware-profiles/osv-v10.json";

    /// <summary>The second switch.</summary>
    public const string Switch1 = "tel_sw_1";

    /// <summary>The second switch's firmware profile.</summary>
    public const string Profile1 = "firmware-profiles/avaya-aes-dmcc-8.json";

    /// <summary>The agent group of the demo's agents.</summary>
    public const string Group = "DemoAgents";

    /// <summary>The ACD queue of the demo's agents, and the route point's default destination.</summary>
    public const string Queue = "4001";

    /// <summary>The route point, which runs the default strategy.</summary>
    public const string RoutePoint = "3001";

    /// <summary>The demo's default routing strategy for the route point, in the repository.</summary>
    public const string Strategy = "packaging/strategies/demo-route.scxml";

    /// <summary>Where an installation keeps <see cref="Strategy"/>, under PREFIX/share/ctigateway.</summary>
    public const string InstalledStrategy = "strategies/demo-route.scxml";

    /// <summary>The access code tel_sw dials to reach tel_sw_1 over the trunk (the simulator's plan dials the same).</summary>
    public const string AccessToSwitch1 = "8";

    /// <summary>The access code tel_sw_1 dials to reach tel_sw over the trunk.</summary>
    public const string AccessToSwitch = "9";

    /// <summary>The demo's agents: A5001-A5020, each logged in on the DN of its number.</summary>
    public static IReadOnlyList<string> AgentIds { get; } =
        [.. Enumerable.Range(5001, 20).Select(dn => "A" + dn.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The station an agent of the plan is logged in at (A5001 at 5001).</summary>
    public static string DnOfAgent(string agentId)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        return agentId[1..];
    }

    /// <summary>
    /// <c>tel_sw</c> linked to a switch (or simulator) at <paramref name="host"/>:<paramref name="port"/>: the demo's
    /// agents, and route point 3001 whose calls go to queue 4001 when no router takes them (or after the router timeout).
    /// </summary>
    public static SwitchSettings SwitchSettings(string profile, string host, int port)
    {
        var settings = Settings(Switch, profile, host, port, Switch1, AccessToSwitch1);
        settings.Agents = [.. AgentIds.Select(id => new SwitchAgentSettings { AgentId = id, Dn = DnOfAgent(id), Queue = Queue })];
        settings.RoutePoints = [new RoutePointSettings { Dn = RoutePoint, DefaultDestination = Queue }];
        return settings;
    }

    /// <summary><c>tel_sw_1</c>, an Avaya AES with an ECMA-354 application session to communication manager CM1.</summary>
    public static SwitchSettings Switch1Settings(string profile, string host, int port)
    {
        var settings = Settings(Switch1, profile, host, port, Switch, AccessToSwitch);
        // The AES names stations by GetDeviceId against its switch connection; the simulator answers any name.
        settings.Session = new SwitchSessionSettings { CmName = "CM1" };
        return settings;
    }

    /// <summary>The agent group <c>DemoAgents</c>: every agent of the plan.</summary>
    public static AgentGroupSettings AgentGroup() => new() { Name = Group, Agents = [.. AgentIds] };

    /// <summary>Finds the demo's default strategy: <see cref="Strategy"/> in the repository, or <see cref="InstalledStrategy"/> in an installation.</summary>
    /// <exception cref="SwitchConfigException">It is nowhere to be found.</exception>
    public static string FindStrategy()
    {
        try
        {
            return FindProfile(Strategy);
        }
        catch (SwitchConfigException)
        {
            return FindProfile(InstalledStrategy);
        }
    }

    /// <summary>
    /// Finds a demo file (e.g. firmware-profiles/osv-v10.json) next to the executable or in a parent folder (the repo
    /// root), or under the current folder or its parents; in an installation (executables in PREFIX/lib/ctigateway)
    /// under PREFIX/share/ctigateway.
    /// </summary>
    /// <exception cref="SwitchConfigException">The file is nowhere to be found.</exception>
    public static string FindProfile(string relativePath)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, relativePath), Path.Combine(dir.FullName, "share", "ctigateway", relativePath) })
                {
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }

        throw new SwitchConfigException($"demo firmware profile {relativePath} not found next to {AppContext.BaseDirectory} or in a parent folder");
    }

    private static SwitchSettings Settings(string name, string profile, string host, int port, string other, string accessCode) => new()
    {
        Name = name,
        Profile = profile,
        Links = [new SwitchLinkSettings { Host = host, Port = port, Priority = 1 }],
        // The demo's trunk between its switches: the simulator's plan dials the same access codes.
        AccessNumbers = [new SwitchAccessNumber { Switch = other, Code = accessCode }],
    };
}
