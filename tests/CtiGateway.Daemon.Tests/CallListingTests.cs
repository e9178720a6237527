using System.Text.Json;
using CtiGateway.CallModel;
using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;
using CtiGateway.Switching;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// What <c>ctigw calls</c> and <c>ctigw status</c> get from the daemon, in process: the phase of a call from its
/// parties' states, the counts per switch, and the bounded JSON listing.
/// </summary>
public sealed class CallListingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static CallInfo Call(ulong connId, double ageSeconds, params (string Dn, PartyState State, DNRole Role)[] parties) => new(
        new ConnId(connId),
        connId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "UUID" + connId,
        CallType.Internal,
        CallState.Ok,
        parties.Length > 0 ? parties[0].Dn : null,
        parties.Length > 1 ? parties[1].Dn : null,
        null,
        Now - TimeSpan.FromSeconds(ageSeconds),
        [.. parties.Select(p => new PartyInfo(p.Dn, p.State, p.Role, new CstaConnectionId(connId.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Dn), true))],
        new KeyValueList());

    [Theory]
    [InlineData(new[] { PartyState.Dialing }, "dialing")]
    [InlineData(new[] { PartyState.Initiated }, "dialing")]
    [InlineData(new[] { PartyState.Dialing, PartyState.Alerting }, "ringing")]
    [InlineData(new[] { PartyState.Connected, PartyState.Queued }, "queued")]
    [InlineData(new[] { PartyState.Connected, PartyState.Connected }, "established")]
    [InlineData(new[] { PartyState.Held, PartyState.Connected }, "held")]
    [InlineData(new[] { PartyState.Held, PartyState.Alerting }, "held")]
    [InlineData(new[] { PartyState.Connected, PartyState.Alerting, PartyState.Connected }, "ringing")]
    [InlineData(new[] { PartyState.Failed }, "failed")]
    [InlineData(new PartyState[0], "other")]
    public void APhaseComesFromThePartiesByTheFirstRuleThatHolds(PartyState[] states, string phase)
    {
        var call = Call(1, 0, [.. states.Select((s, i) => ($"50{i:00}", s, DNRole.Destination))]);
        Assert.Equal(phase, CallTally.NameOf(CallTally.PhaseOf(call)));
    }

    [Fact]
    public void EverySwitchHasARowAndTheCountsAddUp()
    {
        var tally = CallTally.Of(
            ["tel_sw_1", "tel_sw"],
            [
                new SwitchCall("tel_sw", Call(1, 1, ("5050", PartyState.Dialing, DNRole.Origination), ("5051", PartyState.Alerting, DNRole.Destination))),
                new SwitchCall("tel_sw", Call(2, 1, ("5001", PartyState.Connected, DNRole.Destination), ("302118840100", PartyState.Connected, DNRole.Origination))),
                new SwitchCall("tel_sw", Call(3, 1, ("5002", PartyState.Alerting, DNRole.Destination))),
            ]);

        Assert.Null(tally.Note);
        Assert.Equal(3, tally.Total);
        Assert.Equal(["tel_sw", "tel_sw_1"], tally.Switches.Select(s => s.Switch));
        Assert.Equal([0L, 2, 0, 1, 0, 0, 0], tally.Combined);
        Assert.Equal([0L, 0, 0, 0, 0, 0, 0], tally.Switches.Last().Counts);
        Assert.Equal(["dialing", "ringing", "queued", "established", "held", "failed", "other"], CallTally.Phases.Select(CallTally.NameOf));

        var unavailable = CallTally.Unavailable("no switches configured");
        Assert.Equal(0, unavailable.Total);
        Assert.Empty(unavailable.Switches);
        Assert.Equal("no switches configured", unavailable.Note);
    }

    [Fact]
    public void TheListingIsOldestFirstWithConnIdsAsHexAndOnlyTheUserDataKeys()
    {
        var young = Call(0xab, 2, ("5050", PartyState.Dialing, DNRole.Origination), ("5051", PartyState.Alerting, DNRole.Destination));
        var data = new KeyValueList().Add("Customer", "secret value").Add("Priority", 5);
        var old = Call(0x6b16df70000004, 30.26, ("5001", PartyState.Connected, DNRole.Destination)) with { UserData = data, CallType = CallType.Inbound, PreviousConnId = new ConnId(7) };

        using var json = JsonDocument.Parse(CallListing.ToJsonBytes([new SwitchCall("tel_sw", young), new SwitchCall("tel_sw", old)], Now));
        var root = json.RootElement;

        Assert.True(root.GetProperty("ok").GetBoolean());
        Assert.Equal(2, root.GetProperty("count").GetInt32());
        Assert.Equal(2, root.GetProperty("listed").GetInt32());
        Assert.False(root.GetProperty("truncated").GetBoolean());
        Assert.False(root.TryGetProperty("note", out _));
        var calls = root.GetProperty("calls");
        var first = calls[0];
        Assert.Equal("006b16df70000004", first.GetProperty("ConnID").GetString());
        Assert.Equal("0000000000000007", first.GetProperty("PreviousConnID").GetString());
        Assert.Equal("Inbound", first.GetProperty("CallType").GetString());
        Assert.Equal(30.3, first.GetProperty("AgeSeconds").GetDouble());
        Assert.Equal("established", first.GetProperty("Phase").GetString());
        Assert.Equal(["Customer", "Priority"], first.GetProperty("UserDataKeys").EnumerateArray().Select(k => k.GetString()));
        Assert.DoesNotContain("secret value", root.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("00000000000000ab", calls[1].GetProperty("ConnID").GetString());
        Assert.Equal(
            [("5050", "Dialing", "Origination", true), ("5051", "Alerting", "Destination", true)],
            calls[1].GetProperty("Parties").EnumerateArray().Select(p => (p.GetProperty("DN").GetString(), p.GetProperty("PartyState").GetString(), p.GetProperty("Role").GetString(), p.GetProperty("Internal").GetBoolean())));
    }

    [Fact]
    public void AHugeCallTableIsCutAtTheLimitAndSaysSo()
    {
        var many = Enumerable.Range(1, CallListing.MaxCalls + 5)
            .Select(i => new SwitchCall("tel_sw", Call((ulong)i, i % 100, ("5001", PartyState.Connected, DNRole.Destination))))
            .ToList();
        var keys = new KeyValueList();
        for (var i = 0; i < CallListing.MaxKeysPerCall + 20; i++)
        {
            keys.Add("key" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), i);
        }

        many[0] = many[0] with { Call = many[0].Call with { UserData = keys } };

        var bytes = CallListing.ToJsonBytes(many, Now, "partial");
        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;

        Assert.True(bytes.Length <= CallListing.MaxBytes + 4096);
        Assert.Equal(CallListing.MaxCalls + 5, root.GetProperty("count").GetInt32());
        Assert.Equal(CallListing.MaxCalls, root.GetProperty("listed").GetInt32());
        Assert.Equal(CallListing.MaxCalls, root.GetProperty("calls").GetArrayLength());
        Assert.True(root.GetProperty("truncated").GetBoolean());
        Assert.Equal("partial", root.GetProperty("note").GetString());
        var withKeys = root.GetProperty("calls").EnumerateArray().Single(c => c.TryGetProperty("UserDataKeyCount", out _));
        Assert.Equal(CallListing.MaxKeysPerCall, withKeys.GetProperty("UserDataKeys").GetArrayLength());
        Assert.Equal(CallListing.MaxKeysPerCall + 20, withKeys.GetProperty("UserDataKeyCount").GetInt32());
    }
}
