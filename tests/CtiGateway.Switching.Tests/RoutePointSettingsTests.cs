namespace CtiGateway.Switching.Tests;

/// <summary><c>Switches:N:RoutePoints</c> and <c>RouteHopLimit</c>: each mistake is one line with its key path and reason.</summary>
public sealed class RoutePointSettingsTests
{
    private static readonly string ProfileDirectory = AppContext.BaseDirectory;

    private static SwitchSettings Osv(params RoutePointSettings[] routePoints) => new()
    {
        Name = "tel_sw",
        Profile = "firmware-profiles/osv-v10.json",
        Links = [new SwitchLinkSettings { Host = "pbx1", Port = 1040 }],
        RoutePoints = [.. routePoints],
    };

    [Fact]
    public void TheDemoRoutePointIsValid()
    {
        Assert.Empty(SwitchSettings.Validate([Osv(new RoutePointSettings { Dn = "3001", DefaultDestination = "4001" })], "Switches", ProfileDirectory));
    }

    public static TheoryData<string, RoutePointSettings[], int, string[]> Mistakes => new()
    {
        { "no DN", [new RoutePointSettings()], 8, ["Switches:0:RoutePoints:0:Dn: the routing point DN is required"] },
        { "a station", [new RoutePointSettings { Dn = "5001" }], 8, ["Switches:0:RoutePoints:0:Dn: 5001 has type Extension, not RoutingPoint"] },
        { "not a DN of the switch", [new RoutePointSettings { Dn = "3999" }], 8, ["Switches:0:RoutePoints:0:Dn: 3999 is not a DN of this switch (add it to Dns with Type RoutingPoint)"] },
        {
            "listed twice", [new RoutePointSettings { Dn = "3001" }, new RoutePointSettings { Dn = "3001" }], 8,
            ["Switches:0:RoutePoints:1:Dn: routing point 3001 is already configured at Switches:0:RoutePoints:0"]
        },
        { "default is itself", [new RoutePointSettings { Dn = "3001", DefaultDestination = "3001" }], 8, ["Switches:0:RoutePoints:0:DefaultDestination: 3001 is the routing point itself"] },
        { "timeout 0", [new RoutePointSettings { Dn = "3001", RouterTimeoutSeconds = 0 }], 8, ["Switches:0:RoutePoints:0:RouterTimeoutSeconds: 0 must be 1-3600 seconds"] },
        { "hop limit 0", [], 0, ["Switches:0:RouteHopLimit: 0 must be 1-64 (routing points one call may pass)"] },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void EachMistakeIsOneLineWithItsKeyPath(string mistake, RoutePointSettings[] routePoints, int hopLimit, string[] expected)
    {
        var settings = Osv(routePoints);
        settings.RouteHopLimit = hopLimit;
        var problems = SwitchSettings.Validate([settings], "Switches", ProfileDirectory);
        Assert.True(expected.SequenceEqual(problems), $"{mistake}:\n  expected {string.Join("\n           ", expected)}\n  got      {string.Join("\n           ", problems)}");
    }

    [Fact]
    public void ARoutePointAddedInDnsIsAccepted()
    {
        var settings = Osv(new RoutePointSettings { Dn = "3002", DefaultDestination = "4001", RouterTimeoutSeconds = 5 });
        settings.Dns = [new SwitchDnSettings { Number = "3002", Type = "RoutingPoint" }];
        Assert.Empty(SwitchSettings.Validate([settings], "Switches", ProfileDirectory));
        var plan = new RoutePlan(settings);
        Assert.Equal(TimeSpan.FromSeconds(5), plan.RouterTimeoutOf("3002"));
        Assert.Equal(RoutePlan.DefaultRouterTimeout, plan.RouterTimeoutOf("3001"));
        Assert.Equal("4001", RoutePlan.DefaultRoutes(settings)["3002"]);
    }
}
