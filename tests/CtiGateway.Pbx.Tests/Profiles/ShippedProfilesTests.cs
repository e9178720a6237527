using System.Text.Json;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Pbx.Tests.Profiles;

/// <summary>The profiles in firmware-profiles/ validate clean and hold the values the references give.</summary>
public sealed class ShippedProfilesTests
{
    private const string Ed4 = "http://www.ecma-international.org/standards/ecma-323/csta/ed4";

    [Fact]
    public void EveryShippedProfileValidatesClean()
    {
        var files = RepoFolders.ShippedProfiles();
        Assert.Superset(
            new HashSet<string> { "osv-v10.json", "avaya-aes-dmcc-8.json", "serial-lapb-csta.json", "serial-bsc-csta.json" },
            files.Select(Path.GetFileName).ToHashSet()!);
        foreach (var file in files)
        {
            Assert.Empty(FirmwareProfileLoader.Validate(file).Select(p => p.ToString()));
        }
    }

    [Fact]
    public void OsvV10IsCstaXmlOverTcpWithEd4SystemStatusFirstAndTheDemoPlan()
    {
        var profile = Load("osv-v10");

        Assert.Equal(TransportKind.Tcp, profile.Transport.Kind);
        Assert.Null(profile.Transport.Serial);
        Assert.Equal(FramingKind.CstaXmlTcp, profile.Framing.Kind);
        Assert.Equal(Ed4, profile.Dialect.Namespace);
        Assert.True(profile.Dialect.SwitchSendsSystemStatusFirst);
        Assert.Equal("9999", profile.Dialect.EventInvokeId);
        Assert.Equal(new KeepAliveSettings(TimeSpan.FromSeconds(10), 3, KeepAliveMethod.SystemStatus), profile.KeepAlive);
        Assert.Equal(
            [new DnRange("5001", "5099", DnType.Extension), new DnRange("4001", "4001", DnType.AcdQueue), new DnRange("3001", "3001", DnType.RoutePoint)],
            profile.NumberingPlan);
        Assert.Equal(DnType.Extension, profile.RangeOf("5042")?.Type);
        Assert.Equal(DnType.RoutePoint, profile.RangeOf("3001")?.Type);
        Assert.Null(profile.RangeOf("5100"));
        Assert.True(profile.Supports("MonitorStart"));
        Assert.True(profile.Supports("SingleStepTransferCall"));
    }

    [Fact]
    public void AvayaDmccUsesEd3AndResetsTheSessionTimerAtHalfTheDuration()
    {
        var profile = Load("avaya-aes-dmcc-8");

        Assert.Equal(FramingKind.CstaXmlTcp, profile.Framing.Kind);
        Assert.Equal("http://www.ecma-international.org/standards/ecma-323/csta/ed3", profile.Dialect.Namespace);
        Assert.StartsWith("http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv", profile.Dialect.PrivateNamespace, StringComparison.Ordinal);
        Assert.False(profile.Dialect.SwitchSendsSystemStatusFirst);
        var session = Assert.IsType<ApplicationSessionSettings>(profile.Dialect.ApplicationSession);
        Assert.Equal(TimeSpan.FromSeconds(80), session.RequestedDuration);
        Assert.Equal(TimeSpan.FromSeconds(80), session.CleanupDelay);
        Assert.Equal(TimeSpan.FromSeconds(40), session.ResetInterval(session.RequestedDuration));
        Assert.Equal(KeepAliveMethod.ResetApplicationSessionTimer, profile.KeepAlive.Method);
        Assert.True(profile.HasQuirk("agent-events-not-reported-poll-agent-state"));
        Assert.True(profile.Supports("GetAgentState"));
        Assert.Equal([new DnRange("7001", "7999", DnType.Extension)], profile.NumberingPlan);
    }

    [Fact]
    public void SerialLapbHasMeridianLinkDefaults()
    {
        var profile = Load("serial-lapb-csta");

        Assert.Equal(new SerialSettings(19200, 8, SerialParity.None, 1, SerialFlowControl.None), profile.Transport.Serial);
        var lapb = Assert.IsType<LapbFraming>(profile.Framing.Lapb);
        Assert.Equal(TimeSpan.FromSeconds(3), lapb.T1);
        Assert.Equal(7, lapb.N2);
        Assert.Equal(7, lapb.K);
        Assert.Equal(135, lapb.N1);
        Assert.Equal((1, 3), (lapb.AddressLocal, lapb.AddressRemote));
        Assert.Contains("CtiGateway's own choice", profile.Notes, StringComparison.Ordinal);
        Assert.Equal(1920, profile.Transport.Serial!.BytesPerSecond);
    }

    [Fact]
    public void SerialBscHasNeaxPmsTimersAndRetries()
    {
        var profile = Load("serial-bsc-csta");

        Assert.Equal(TransportKind.Serial, profile.Transport.Kind);
        var bsc = Assert.IsType<BscFraming>(profile.Framing.Bsc);
        Assert.Equal(TimeSpan.FromSeconds(1), bsc.SenderTimeout);
        Assert.Equal(TimeSpan.FromSeconds(35), bsc.ReceiverTimeout);
        Assert.Equal((15, 32, 3), (bsc.StartRetries, bsc.QueryRetries, bsc.NakRetries));
        Assert.Contains("CtiGateway's own choice", profile.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void SchemaIsDraft202012AndListsTheSameVocabularyAsTheValidator()
    {
        using var schema = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(RepoFolders.FirmwareProfiles(), "schema", "firmware-profile.schema.json")));
        var root = schema.RootElement;
        var properties = root.GetProperty("properties");

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal(
            ProfileVocabulary.Quirks.Keys.Order(StringComparer.Ordinal),
            properties.GetProperty("quirks").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(
            ProfileVocabulary.Services.Order(StringComparer.Ordinal),
            properties.GetProperty("services").GetProperty("items").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
        var serial = properties.GetProperty("transport").GetProperty("allOf")[1].GetProperty("then").GetProperty("properties");
        Assert.Equal(ProfileVocabulary.BaudRates.Order(), serial.GetProperty("baud").GetProperty("enum").EnumerateArray().Select(e => e.GetInt32()).Order());
    }

    private static FirmwareProfile Load(string id) => FirmwareProfileLoader.Load(Path.Combine(RepoFolders.FirmwareProfiles(), id + ".json"));
}
