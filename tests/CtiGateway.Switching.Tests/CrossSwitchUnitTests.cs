using CtiGateway.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Switching.Tests;

/// <summary>
/// The pure parts of calls across switches: DN@switch, access codes and their validation, and the bounded table of
/// transfers waiting for their second leg (virtual time for its timeout).
/// </summary>
public sealed class CrossSwitchUnitTests
{
    private static string Profiles => Path.Combine(AppContext.BaseDirectory, "firmware-profiles");

    private static SwitchSettings Switch(string name, string profile, params SwitchAccessNumber[] access) => new()
    {
        Name = name,
        Profile = profile,
        Links = [new SwitchLinkSettings { Host = "127.0.0.1", Port = 4000 }],
        Session = profile.StartsWith("avaya", StringComparison.Ordinal) ? new SwitchSessionSettings { CmName = "CM1" } : new SwitchSessionSettings(),
        AccessNumbers = [.. access],
    };

    [Theory]
    [InlineData("7778@tel_sw_1", true, "7778", "tel_sw_1")]
    [InlineData("a@b@tel_sw", true, "a@b", "tel_sw")]
    [InlineData("7778", false, "7778", "")]
    [InlineData("@tel_sw", false, "@tel_sw", "")]
    [InlineData("7778@", false, "7778@", "")]
    public void DnAtSwitchSplitsAtTheLastAt(string text, bool split, string dn, string switchName)
    {
        Assert.Equal(split, CrossSwitchPlan.TrySplit(text, out var d, out var s));
        Assert.Equal((dn, switchName), (d, s));
    }

    [Theory]
    [InlineData("8", true)]
    [InlineData("+49*1#", true)]
    [InlineData("1234567890123456", true)]
    [InlineData("12345678901234567", false)]
    [InlineData("+", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("9x", false)]
    public void AccessCodesAreDigitsStarHashWithAnOptionalPlus(string? code, bool valid) =>
        Assert.Equal(valid, CrossSwitchPlan.IsAccessCode(code));

    [Fact]
    public void AccessNumbersAreValidatedWithTheirKeyPathAndReason()
    {
        SwitchSettings[] switches =
        [
            Switch("tel_sw", "osv-v10.json",
                new SwitchAccessNumber { Switch = "tel_sw_1", Code = "8" },
                new SwitchAccessNumber { Switch = "tel_sw_1", Code = "81" },
                new SwitchAccessNumber { Switch = "tel_sw_2", Code = "7" }),
            Switch("tel_sw_1", "avaya-aes-dmcc-8.json",
                new SwitchAccessNumber { Switch = "tel_sw_1", Code = "9" },
                new SwitchAccessNumber { Switch = "tel_sw", Code = "9x" }),
        ];
        var problems = SwitchSettings.Validate(switches, "Switches", Profiles);
        Assert.Equal(
            [
                "Switches:0:AccessNumbers:1:Switch: switch tel_sw_1 already has an access number (Switches:0:AccessNumbers:0)",
                "Switches:0:AccessNumbers:2:Switch: 'tel_sw_2' is not a switch of this gateway (tel_sw, tel_sw_1)",
                "Switches:1:AccessNumbers:0:Switch: a switch needs no access number for itself (tel_sw_1)",
                "Switches:1:AccessNumbers:1:Code: '9x' is not an access code (1-16 of 0-9 * #, optional leading +)",
            ],
            problems);

        switches = [Switch("tel_sw", "osv-v10.json", new SwitchAccessNumber { Switch = "tel_sw_1", Code = "8" }), Switch("tel_sw_1", "avaya-aes-dmcc-8.json")];
        switches[0].MonitorRetrySeconds = 0;
        Assert.Equal(["Switches:0:MonitorRetrySeconds: 0 is not 1..3600 seconds"], SwitchSettings.Validate(switches, "Switches", Profiles));
    }

    [Fact]
    public void APendingTransferMatchesTheOldestLegForItsSwitchAndDnUntilItTimesOut()
    {
        var time = new VirtualTimeProvider();
        var table = new CrossSwitchTransfers(time, NullLogger.Instance);
        var first = table.Add("tel_sw", new ConnId(1), "tel_sw_1", "7778");
        table.SetUserData(first, new KeyValueList().Add("k", "first"));
        time.Advance(TimeSpan.FromSeconds(3));
        var second = table.Add("tel_sw", new ConnId(2), "tel_sw_1", "7778");
        table.Add("tel_sw", new ConnId(3), "tel_sw_1", "7779");

        Assert.Null(table.TryTake("tel_sw", "7778"));
        Assert.Same(first, table.TryTake("tel_sw_1", "7778"));
        Assert.Equal("first", first.UserData!.TryGetValue("k", out var v) ? v.AsString() : null);

        // Past the first entries' timeout only ConnID 2 (added 3 s later) is left for 7778; 7779's has expired.
        time.Advance(CrossSwitchTransfers.LegTimeout - TimeSpan.FromSeconds(1));
        Assert.Same(second, table.TryTake("tel_sw_1", "7778"));
        Assert.Equal(1, table.Count);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(table.TryTake("tel_sw_1", "7779"));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void TheTableIsBoundedAndDropsTheOldest()
    {
        var table = new CrossSwitchTransfers(new VirtualTimeProvider(), NullLogger.Instance);
        for (var i = 0; i <= CrossSwitchTransfers.MaxPending; i++)
        {
            table.Add("tel_sw", new ConnId((ulong)i + 1), "tel_sw_1", i == 0 ? "7001" : "7002");
        }

        Assert.Equal(CrossSwitchTransfers.MaxPending, table.Count);
        Assert.Null(table.TryTake("tel_sw_1", "7001"));
        Assert.Equal(new ConnId(2), table.TryTake("tel_sw_1", "7002")!.SourceConnId);
    }
}
