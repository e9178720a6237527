using System.Globalization;
using System.Text.Json.Nodes;
using CtiGateway.CallModel;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Simulator;

namespace CtiGateway.Switching.Tests;

/// <summary>
/// <see cref="SwitchDirectory"/>: each switch's DNs and types from the firmware profile's numbering plan plus its own
/// <c>Switches:N:Dns</c> entries, the DNs it monitors, and every problem <see cref="SwitchSettings.Validate"/> reports
/// for the entries (key path and reason).
/// </summary>
public sealed class SwitchDirectoryTests
{
    private const string Osv = "firmware-profiles/osv-v10.json";
    private const string Aes = "firmware-profiles/avaya-aes-dmcc-8.json";

    private static readonly string ProfileDirectory = AppContext.BaseDirectory;

    [Fact]
    public void TheDemoSwitchesHoldTheContractPlanAndAgreeWithTheSimulatorsPlan()
    {
        // CONTRACT.md "The demo's switching plan": the demo links tel_sw with osv-v10 and tel_sw_1 with avaya-aes-dmcc-8.
        var telSw = Directory("tel_sw", Osv);
        Assert.Equal(101, telSw.Count);
        for (var dn = 5001; dn <= 5099; dn++)
        {
            Assert.Equal(DnKind.Extension, KindOf(telSw, dn.ToString(CultureInfo.InvariantCulture)));
        }

        Assert.Equal(DnKind.ACDQueue, KindOf(telSw, "4001"));
        Assert.Equal(DnKind.RoutingPoint, KindOf(telSw, "3001"));

        var telSw1 = Directory("tel_sw_1", Aes);
        Assert.Equal(999, telSw1.Count);
        Assert.All(telSw1.Entries, e => Assert.Equal(DnKind.Extension, e.Value));
        Assert.Equal(DnKind.Extension, KindOf(telSw1, "7001"));
        Assert.Equal(DnKind.Extension, KindOf(telSw1, "7778"));
        Assert.Equal(DnKind.Extension, KindOf(telSw1, "7999"));
        Assert.False(telSw1.TryGetKind("7000", out _));

        // The embedded simulator plays the same plan, DN by DN and type by type.
        var simulated = SwitchingPlan.Demo().Devices
            .GroupBy(d => d.SwitchName)
            .ToDictionary(g => g.Key, g => g.ToDictionary(d => d.DeviceId, d => SimKind(d.Kind)));
        Assert.Equal(simulated["tel_sw"].OrderBy(e => e.Key, StringComparer.Ordinal), telSw.Entries.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(simulated["tel_sw_1"].OrderBy(e => e.Key, StringComparer.Ordinal), telSw1.Entries.OrderBy(e => e.Key, StringComparer.Ordinal));

        // DemoPlan (the daemon's --demo and ctigw strategy try) names the same switches, agents and trunk access codes.
        var demoSwitch = DemoPlan.SwitchSettings(DemoPlan.Profile, "127.0.0.1", 1);
        var demoSwitch1 = DemoPlan.Switch1Settings(DemoPlan.Profile1, "127.0.0.1", 2);
        Assert.Equal(["tel_sw", "tel_sw_1"], [demoSwitch.Name, demoSwitch1.Name]);
        Assert.Equal(SwitchingPlan.Demo().Agents.Select(a => (a.AgentId, a.DeviceId, a.Group)), demoSwitch.Agents.Select(a => (a.AgentId, a.Dn, (string?)a.Queue)));
        Assert.Equal(SwitchingPlan.Demo().AccessNumber("tel_sw", "tel_sw_1"), Assert.Single(demoSwitch.AccessNumbers, a => a.Switch == "tel_sw_1").Code);
        Assert.Equal(SwitchingPlan.Demo().AccessNumber("tel_sw_1", "tel_sw"), Assert.Single(demoSwitch1.AccessNumbers, a => a.Switch == "tel_sw").Code);
        Assert.Equal(DemoPlan.AgentIds, DemoPlan.AgentGroup().Agents);
        Assert.Equal("3001", Assert.Single(demoSwitch.RoutePoints).Dn);
        Assert.EndsWith("/packaging/strategies/demo-route.scxml", DemoPlan.FindStrategy(), StringComparison.Ordinal);

        // The serial profiles carry tel_sw's plan as well.
        foreach (var serial in new[] { "firmware-profiles/serial-lapb-csta.json", "firmware-profiles/serial-bsc-csta.json" })
        {
            Assert.Equal(telSw.Entries.OrderBy(e => e.Key, StringComparer.Ordinal), Directory("tel_sw", serial).Entries.OrderBy(e => e.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void EntriesOverrideThePlansTypeAndAddDnsOutsideThePlan()
    {
        var directory = Directory("tel_sw", Osv,
            Dn("5050", "ACDPosition"),
            Range("5090", "5099", "ACDPosition"),
            Dn("4002", "ACDQueue"),
            Range("6001", "6050", "ACDPosition"),
            Dn("3002", "RoutingPoint"),
            Dn("T1", "Trunk"),
            Range("0100", "0102", "Extension"),
            Dn("+4989700", "Extension"));

        Assert.Equal(101 + 1 + 50 + 1 + 1 + 3 + 1, directory.Count);
        Assert.Equal(DnKind.ACDPosition, KindOf(directory, "5050"));
        Assert.Equal(DnKind.Extension, KindOf(directory, "5049"));
        Assert.Equal(DnKind.Extension, KindOf(directory, "5089"));
        Assert.Equal(DnKind.ACDPosition, KindOf(directory, "5090"));
        Assert.Equal(DnKind.ACDPosition, KindOf(directory, "5099"));
        Assert.Equal(DnKind.ACDQueue, KindOf(directory, "4001"));
        Assert.Equal(DnKind.ACDQueue, KindOf(directory, "4002"));
        Assert.Equal(DnKind.ACDPosition, KindOf(directory, "6001"));
        Assert.Equal(DnKind.ACDPosition, KindOf(directory, "6050"));
        Assert.False(directory.TryGetKind("6051", out _));
        Assert.Equal(DnKind.RoutingPoint, KindOf(directory, "3002"));
        Assert.Equal(DnKind.Trunk, KindOf(directory, "T1"));
        Assert.Equal(DnKind.Extension, KindOf(directory, "0100"));
        Assert.Equal(DnKind.Extension, KindOf(directory, "0102"));
        Assert.False(directory.TryGetKind("100", out _));
        Assert.Equal(DnKind.Extension, KindOf(directory, "+4989700"));
        Assert.False(directory.IsInternal("T1"));
        Assert.True(directory.IsInternal("6001"));

        // Every DN but the trunk is monitored: shortest first, then in order.
        var monitored = SwitchDirectory.MonitoredDns(directory);
        Assert.Equal(directory.Count - 1, monitored.Count);
        Assert.DoesNotContain("T1", monitored);
        Assert.Equal(["0100", "0101", "0102", "3001", "3002", "4001", "4002", "5001"], monitored.Take(8));
        Assert.Equal("+4989700", monitored[^1]);
    }

    [Fact]
    public void TheWorkedExampleOfTheConfigurationDocsHoldsWhatItSays()
    {
        // docs/configuration.md, "The switching domain".
        var directory = Directory("tel_sw", Osv,
            Range("5090", "5099", "ACDPosition"),
            Range("6001", "6050", "ACDPosition"),
            Dn("4002", "ACDQueue"),
            Dn("3002", "RoutingPoint"),
            Dn("T1", "Trunk"));
        Assert.Equal(154, directory.Count);
        Assert.Equal(153, SwitchDirectory.MonitoredDns(directory).Count);
        Assert.Equal(89, directory.Entries.Count(e => e.Value == DnKind.Extension));
        Assert.Equal(60, directory.Entries.Count(e => e.Value == DnKind.ACDPosition));
        Assert.Equal(["4001", "4002"], directory.Entries.Where(e => e.Value == DnKind.ACDQueue).Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["3001", "3002"], directory.Entries.Where(e => e.Value == DnKind.RoutingPoint).Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["T1"], directory.Entries.Where(e => e.Value == DnKind.Trunk).Select(e => e.Key));
    }

    [Fact]
    public void ProfilePlansMayNameAcdPositionsAndTrunks()
    {
        var profile = JsonNode.Parse(File.ReadAllText(Path.Combine(ProfileDirectory, Osv)))!.AsObject();
        profile.Remove("$schema");
        profile["id"] = "osv-positions";
        profile["numbering-plan"] = JsonNode.Parse("""
            [ { "from": "5001", "to": "5010", "type": "acd-position" }, { "from": "5011", "to": "5020", "type": "extension" },
              { "from": "8001", "to": "8004", "type": "trunk" }, { "from": "4001", "to": "4001", "type": "acd-queue" },
              { "from": "3001", "to": "3001", "type": "route-point" } ]
            """);
        var dir = Path.Combine(Path.GetTempPath(), "ctigw-directory-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "osv-positions.json");
            File.WriteAllText(path, profile.ToJsonString());
            var settings = new SwitchSettings { Name = "tel_sw", Profile = path };
            var directory = SwitchDirectory.BuildDirectory(settings, SwitchLinkService.LoadProfile(settings, dir));
            Assert.Equal(26, directory.Count);
            Assert.Equal(DnKind.ACDPosition, KindOf(directory, "5001"));
            Assert.Equal(DnKind.ACDPosition, KindOf(directory, "5010"));
            Assert.Equal(DnKind.Extension, KindOf(directory, "5011"));
            Assert.Equal(DnKind.Trunk, KindOf(directory, "8004"));
            Assert.Equal(DnKind.ACDQueue, KindOf(directory, "4001"));
            Assert.Equal(DnKind.RoutingPoint, KindOf(directory, "3001"));
            Assert.Equal(22, SwitchDirectory.MonitoredDns(directory).Count);
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AFullDirectoryIsMonitoredWholeShortestFirst()
    {
        // The plan's 101 DNs plus 99,899 entries: the most one switch may hold, and every one is monitored.
        var directory = Directory("tel_sw", Osv, Range("100000", "199898", "Extension"));
        Assert.Equal(SwitchDirectory.MaxDns, directory.Count);
        var monitored = SwitchDirectory.MonitoredDns(directory);
        Assert.Equal(SwitchDirectory.MaxMonitoredDns, monitored.Count);
        Assert.Equal(SwitchLinkService.MaxMonitoredDns, monitored.Count);
        Assert.Equal("3001", monitored[0]);
        Assert.Equal("5099", monitored[100]);
        Assert.Equal("100000", monitored[101]);
        Assert.Equal("199898", monitored[^1]);
    }

    [Fact]
    public void BuildDirectoryRefusesEntriesThatValidationRefuses()
    {
        var settings = new SwitchSettings { Name = "tel_sw", Profile = Osv, Dns = [Dn("4002", "Queue"), Dn("4003", "ACDQueue"), Dn("4003", "ACDQueue")] };
        var ex = Assert.Throws<SwitchConfigException>(() => SwitchDirectory.BuildDirectory(settings, SwitchLinkService.LoadProfile(settings, ProfileDirectory)));
        Assert.Equal(
            "switch tel_sw: Dns:0:Type: 'Queue' is not a DN type (one of Extension, ACDPosition, ACDQueue, RoutingPoint, Trunk); "
            + "Dns:2:Number: DN 4003 is listed twice (also in Dns:1: 4003): list each DN once",
            ex.Message);
    }

    public static TheoryData<string, SwitchDnSettings[], string[]> OneSwitchMistakes => new()
    {
        { "unknown type", [Dn("4002", "Queue")], ["Switches:0:Dns:0:Type: 'Queue' is not a DN type (one of Extension, ACDPosition, ACDQueue, RoutingPoint, Trunk)"] },
        { "type spelt as displayed", [Dn("4002", "ACD Queue")], ["Switches:0:Dns:0:Type: 'ACD Queue' is not a DN type (one of Extension, ACDPosition, ACDQueue, RoutingPoint, Trunk); did you mean 'ACDQueue'?"] },
        { "type in the wrong case", [Dn("3002", "routingpoint")], ["Switches:0:Dns:0:Type: 'routingpoint' is not a DN type (one of Extension, ACDPosition, ACDQueue, RoutingPoint, Trunk); did you mean 'RoutingPoint'?"] },
        { "type missing", [Dn("4002", "")], ["Switches:0:Dns:0:Type: a DN type is required (one of Extension, ACDPosition, ACDQueue, RoutingPoint, Trunk)"] },
        { "Number with From and To", [new SwitchDnSettings { Number = "6001", From = "6001", To = "6050", Type = "ACDPosition" }], ["Switches:0:Dns:0:Number: '6001' is given with From: an entry is one DN (Number) or one range (From and To), not both"] },
        { "Number with To", [new SwitchDnSettings { Number = "6001", To = "6050", Type = "ACDPosition" }], ["Switches:0:Dns:0:Number: '6001' is given with To: an entry is one DN (Number) or one range (From and To), not both"] },
        { "From above To", [Range("6050", "6001", "ACDPosition")], ["Switches:0:Dns:0:To: '6001' is below From '6050'"] },
        { "digit lengths differ", [Range("9990", "10010", "Extension")], ["Switches:0:Dns:0:To: '10010' has 5 digits and From '9990' has 4: a range's From and To have as many digits"] },
        { "range beyond the bound", [Range("1000000", "1200000", "Extension")], ["Switches:0:Dns:0: the range 1000000-1200000 is 200,001 DNs, more than a switch holds (at most 100,000 DNs per switch, numbering plan and Dns together)"] },
        { "switch beyond the bound", [Range("100000", "159999", "Extension"), Range("200000", "259999", "Extension")], ["Switches:0:Dns: switch tel_sw holds 120,101 DNs (the numbering plan of profile osv-v10 and Dns together): at most 100,000 DNs per switch"] },
        { "empty Number", [Dn("", "Extension")], ["Switches:0:Dns:0:Number: empty: give the DN in Number, or a range in From and To"] },
        { "From without To", [new SwitchDnSettings { From = "6001", Type = "ACDPosition" }], ["Switches:0:Dns:0:To: empty: a range needs From and To (From is '6001')"] },
        { "range of non-digits", [Range("A100", "A199", "Extension")], ["Switches:0:Dns:0:From: 'A100' is not all digits: a range runs over digit DNs (list other DNs one by one with Number)", "Switches:0:Dns:0:To: 'A199' is not all digits: a range runs over digit DNs (list other DNs one by one with Number)"] },
        { "control character", [Dn("50\u000101", "Extension")], ["Switches:0:Dns:0:Number: '50\\u000101' has a control character at position 3: a DN is printable text"] },
        { "DN too long", [Dn(new string('9', 65), "Extension")], [$"Switches:0:Dns:0:Number: '{new string('9', 65)}' is 65 characters long: a DN has at most 64 (the T-Library limit)"] },
        { "range bound too long", [Range(new string('1', 65), new string('2', 65), "Extension")], ["Switches:0:Dns:0:From: 65 digits: a DN has at most 64 characters", "Switches:0:Dns:0:To: 65 digits: a DN has at most 64 characters"] },
        { "DN listed twice", [Dn("4002", "ACDQueue"), Dn("3002", "RoutingPoint"), Dn("4002", "ACDQueue")], ["Switches:0:Dns:2:Number: DN 4002 is listed twice (also in Switches:0:Dns:0: 4002): list each DN once"] },
        { "DN inside a range listed", [Range("6001", "6010", "ACDPosition"), Dn("6005", "Extension")], ["Switches:0:Dns:1:Number: DN 6005 is listed twice (also in Switches:0:Dns:0: 6001-6010): list each DN once"] },
        { "ranges overlap", [Range("6001", "6010", "ACDPosition"), Range("6008", "6020", "ACDPosition")], ["Switches:0:Dns:1:From: 6008-6020 overlaps Switches:0:Dns:0 (6001-6010) at DN 6008: list each DN once"] },
        { "empty entry", [new SwitchDnSettings()], ["Switches:0:Dns:0:Type: a DN type is required (one of Extension, ACDPosition, ACDQueue, RoutingPoint, Trunk)", "Switches:0:Dns:0:Number: empty: give the DN in Number, or a range in From and To"] },
    };

    [Theory]
    [MemberData(nameof(OneSwitchMistakes))]
    public void EachMistakeInOneSwitchIsOneLineWithItsKeyPath(string mistake, SwitchDnSettings[] dns, string[] expected)
    {
        var problems = SwitchSettings.Validate([Switch("tel_sw", Osv, "pbx1", dns)], "Switches", ProfileDirectory);
        Assert.True(expected.SequenceEqual(problems), $"{mistake}:\n  expected {string.Join("\n           ", expected)}\n  got      {string.Join("\n           ", problems)}");
    }

    [Fact]
    public void AValidDomainHasNoProblem()
    {
        var problems = SwitchSettings.Validate(
            [
                Switch("tel_sw", Osv, "pbx1", [Dn("5050", "ACDPosition"), Dn("4002", "ACDQueue"), Range("6001", "6050", "ACDPosition"), Dn("T1", "Trunk"), Dn("4001", "ACDQueue")]),
                Switch("tel_sw_1", Aes, "aes", [Dn("T2", "Trunk"), Range("7100", "7199", "ACDPosition"), Range("8000", "8999", "Extension")]),
            ],
            "Switches",
            ProfileDirectory);
        Assert.Empty(problems);
    }

    public static TheoryData<string, SwitchDnSettings[], SwitchDnSettings[], string[]> TwoSwitchMistakes => new()
    {
        { "entry in the other switch's plan", [], [Dn("4001", "ACDQueue")], ["Switches:1:Dns:0:Number: DN 4001 is also a DN of switch tel_sw (numbering plan of profile osv-v10: 4001 acd-queue): a DN belongs to one switch"] },
        { "entry before the other switch's plan", [Dn("7005", "Extension")], [], ["Switches:0:Dns:0:Number: DN 7005 is also a DN of switch tel_sw_1 (numbering plan of profile avaya-aes-dmcc-8: 7001-7999 extension): a DN belongs to one switch"] },
        { "range into the other switch's plan", [], [Range("5090", "5110", "Extension")], ["Switches:1:Dns:0:From: 5090-5110 overlaps switch tel_sw at DN 5090 (numbering plan of profile osv-v10: 5001-5099 extension): a DN belongs to one switch"] },
        { "entries of both switches", [Dn("9005", "Extension")], [Range("9000", "9010", "Extension")], ["Switches:0:Dns:0:Number: DN 9005 is also a DN of switch tel_sw_1 (Switches:1:Dns:0: 9000-9010): a DN belongs to one switch"] },
        { "one trunk in both switches", [Dn("T1", "Trunk")], [Dn("T1", "Trunk")], ["Switches:1:Dns:0:Number: DN T1 is also a DN of switch tel_sw (Switches:0:Dns:0: T1): a DN belongs to one switch"] },
    };

    [Theory]
    [MemberData(nameof(TwoSwitchMistakes))]
    public void ADnOfTwoSwitchesIsReportedOnTheEntry(string mistake, SwitchDnSettings[] first, SwitchDnSettings[] second, string[] expected)
    {
        var problems = SwitchSettings.Validate([Switch("tel_sw", Osv, "pbx1", first), Switch("tel_sw_1", Aes, "aes", second)], "Switches", ProfileDirectory);
        Assert.True(expected.SequenceEqual(problems), $"{mistake}:\n  expected {string.Join("\n           ", expected)}\n  got      {string.Join("\n           ", problems)}");
    }

    [Theory]
    [InlineData("separate", ConsultUserDataPolicy.Separate)]
    [InlineData("Inherited", ConsultUserDataPolicy.Inherited)]
    [InlineData("joint", ConsultUserDataPolicy.Joint)]
    public void ConsultUserDataNamesThePolicy(string value, ConsultUserDataPolicy policy)
    {
        var settings = Switch("tel_sw", Osv, "pbx1", []);
        settings.ConsultUserData = value;
        Assert.Equal(policy, settings.ConsultUserDataPolicy);
        Assert.Empty(SwitchSettings.Validate([settings], "Switches", ProfileDirectory));
    }

    [Fact]
    public void AnUnknownConsultUserDataIsOneLineWithItsKeyPath()
    {
        var settings = Switch("tel_sw", Osv, "pbx1", []);
        settings.ConsultUserData = "shared";
        Assert.Equal(["Switches:0:ConsultUserData: 'shared' is not a consult user-data policy (separate, inherited, joint)"], SwitchSettings.Validate([settings], "Switches", ProfileDirectory));
    }

    [Fact]
    public void EveryTypeNameIsADnKind()
    {
        Assert.Equal(["Extension", "ACDPosition", "ACDQueue", "RoutingPoint", "Trunk"], SwitchDirectory.TypeNames);
        foreach (var name in SwitchDirectory.TypeNames)
        {
            Assert.True(SwitchDirectory.TryParseType(name, out var kind));
            Assert.Equal(name, kind.ToString());
        }

        Assert.False(SwitchDirectory.TryParseType("1", out _));
        Assert.False(SwitchDirectory.TryParseType("extension", out _));
        Assert.Equal(DnKind.ACDPosition, SwitchDirectory.KindOf(DnType.AcdPosition));
        Assert.Equal(DnKind.RoutingPoint, SwitchDirectory.KindOf(DnType.RoutePoint));
    }

    internal static SwitchDnSettings Dn(string number, string type) => new() { Number = number, Type = type };

    internal static SwitchDnSettings Range(string from, string to, string type) => new() { From = from, To = to, Type = type };

    private static SwitchSettings Switch(string name, string profile, string host, SwitchDnSettings[] dns) =>
        new()
        {
            Name = name,
            Profile = profile,
            Links = [profile.Contains("serial", StringComparison.Ordinal) ? new SwitchLinkSettings { Device = "/dev/ttyS0" } : new SwitchLinkSettings { Host = host, Port = 1040 }],
            Dns = [.. dns],
            Session = profile == Aes ? new SwitchSessionSettings { CmName = "CM1" } : new SwitchSessionSettings(),
        };

    private static DnDirectory Directory(string name, string profile, params SwitchDnSettings[] dns)
    {
        var settings = new SwitchSettings { Name = name, Profile = profile, Dns = [.. dns] };
        Assert.Empty(SwitchSettings.Validate([Switch(name, profile, "pbx", dns)], "Switches", ProfileDirectory));
        return SwitchDirectory.BuildDirectory(settings, SwitchLinkService.LoadProfile(settings, ProfileDirectory));
    }

    private static DnKind KindOf(DnDirectory directory, string dn)
    {
        Assert.True(directory.TryGetKind(dn, out var kind), $"DN {dn} is not in the directory");
        return kind;
    }

    private static DnKind SimKind(SimDeviceKind kind) => kind switch
    {
        SimDeviceKind.Extension => DnKind.Extension,
        SimDeviceKind.AcdQueue => DnKind.ACDQueue,
        SimDeviceKind.RoutePoint => DnKind.RoutingPoint,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
