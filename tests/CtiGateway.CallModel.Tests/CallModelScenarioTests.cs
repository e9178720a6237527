using CtiGateway.Protocol;
using CtiGateway.Testing.CallModels;

namespace CtiGateway.CallModel.Tests;

/// <summary>
/// Every scenario of the reference call models (CM-AGENT-STATE with soft agents), driven by the shared table in
/// memory: each party's request planned by the call model and run on the simulator's switch model, the switch's CSTA
/// (through CSTA-XML and the real decoder) into the call model, each party's T-Library events compared with the
/// reference's rows, step by step. The same table runs end to end over real sockets in CtiGateway.Switching.Tests.
/// </summary>
public sealed class CallModelScenarioTests
{
    private static readonly string[] InternalDns = ["5001", "5002", "5003", "5004"];

    private const string ExternalNumber = "0612345678";

    public static TheoryData<string> Ids => [.. CallModelScenarios.All.Select(s => s.Id)];

    public static TheoryData<string> RecordedIds => [.. RecordedVariants.All.Select(v => v.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Scenario_gives_each_party_the_reference_events(string id)
    {
        var scenario = CallModelScenarios.Get(id);
        Run(scenario, id, "simulator switch model", scenario.Steps.Select(step => (Action<ScenarioDriver>)(d => d.Play(step))).ToList());
    }

    [Theory]
    [MemberData(nameof(RecordedIds))]
    public void Recorded_variant_gives_each_party_the_reference_events(string id)
    {
        var variant = RecordedVariants.All.Single(v => v.Id == id);
        Run(variant.Base, id, variant.Input, variant.Steps);
    }

    private static void Run(CallModelScenario scenario, string id, string input, IReadOnlyList<Action<ScenarioDriver>> steps)
    {
        Assert.Equal(scenario.Steps.Count, steps.Count);
        var rig = new SwitchRig(new CallModelOptions { DefaultRoutes = new Dictionary<string, string> { ["3001"] = InternalDns[3] } });
        var context = ScenarioContext.For(scenario, InternalDns, ExternalNumber);
        var driver = new ScenarioDriver(rig, scenario.ConnIdsFromSetup ? context : ScenarioContext.For(scenario, InternalDns, ExternalNumber));
        foreach (var step in scenario.Setup)
        {
            driver.Play(step);
        }

        Assert.Empty(rig.Sink.Faults);
        driver.ClearOutput();
        driver.Context = context;

        var actual = new List<(int Step, string Dn, TlibMessage Event)>();
        for (var step = 1; step <= steps.Count; step++)
        {
            steps[step - 1](driver);
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
            $"{id} ({input}):{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors)}{Environment.NewLine}events:{Environment.NewLine}"
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
            "CM-UDATA-THIRDPARTY", "CM-UDATA-DELETE", "CM-AGENT-STATE", "CM-RP-ROUTE", "CM-RP-DEFAULT", "CM-RP-DEFAULT-b-routetype-default-empty",
        ];
        Assert.Equal(inScope.Order(StringComparer.Ordinal), CallModelScenarios.All.Select(s => s.Id).Order(StringComparer.Ordinal));
    }
}
