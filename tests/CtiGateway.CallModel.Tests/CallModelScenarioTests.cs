using CtiGateway.Protocol;

namespace CtiGateway.CallModel.Tests;

/// <summary>
/// Every scenario of the reference call models (CM-RP-* and CM-AGENT-STATE excepted), driven by one table: the
/// simulator's CSTA (through CSTA-XML and the real decoder) into the call model, each party's T-Library events compared
/// with the reference's rows, step by step.
/// </summary>
public sealed class CallModelScenarioTests
{
    public static TheoryData<string> Ids => [.. CallModelScenarios.All.Select(s => s.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Scenario_gives_each_party_the_reference_events(string id)
    {
        var scenario = CallModelScenarios.All.Single(s => s.Id == id);
        var rig = new SwitchRig();
        var context = new ScenarioContext(scenario.Parties);
        var driver = new ScenarioDriver(rig, scenario.ConnIdsFromSetup ? context : new ScenarioContext(scenario.Parties));
        scenario.Setup?.Invoke(driver);
        Assert.Empty(rig.Sink.Faults);
        driver.ClearOutput();
        driver.Context = context;

        var actual = new List<(int Step, string Dn, TlibMessage Event)>();
        for (var step = 1; step <= scenario.Steps.Count; step++)
        {
            scenario.Steps[step - 1](driver);
            actual.AddRange(rig.Sink.Events.Select(e => (step, e.Dn, e.Event)));
            Assert.Empty(rig.Sink.Faults);
            driver.ClearOutput();
        }

        var result = ScenarioChecker.Check(scenario, context, actual);
        var output = TestContext.Current.TestOutputHelper;
        foreach (var (step, dn, evt) in actual)
        {
            output?.WriteLine($"step {step} {dn}: {ScenarioChecker.Describe(evt, context)}");
        }

        foreach (var warning in result.Warnings)
        {
            output?.WriteLine("warning: " + warning);
        }

        Assert.True(
            result.Errors.Count == 0,
            $"{id} ({scenario.Input}):{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors)}{Environment.NewLine}events:{Environment.NewLine}"
            + string.Join(Environment.NewLine, actual.Select(a => $"  step {a.Step} {a.Dn}: {ScenarioChecker.Describe(a.Event, context)}")));
    }

    [Fact]
    public void The_table_covers_every_scenario_of_the_reference_in_scope()
    {
        string[] inScope =
        [
            "CM-BASIC-INTERNAL", "CM-BASIC-INTERNAL-ABANDON", "CM-BASIC-INTERNAL-BUSY", "CM-BASIC-INBOUND", "CM-BASIC-INBOUND-ABANDON",
            "CM-BASIC-OUTBOUND", "CM-OUTBOUND-BUSY", "CM-RELEASE-BY-A", "CM-RELEASE-BY-B", "CM-HOLD-RETRIEVE", "CM-XFER-2STEP",
            "CM-XFER-SINGLE-STEP", "CM-XFER-MUTE", "CM-CONF-2STEP", "CM-CONF-SINGLE-STEP", "CM-REDIRECT", "CM-UDATA-ATTACH",
            "CM-UDATA-THIRDPARTY", "CM-UDATA-DELETE",
        ];
        var ids = CallModelScenarios.All.Select(s => s.Id.Split('/')[0]).ToHashSet();
        Assert.All(inScope, id => Assert.Contains(id, ids));
    }
}
