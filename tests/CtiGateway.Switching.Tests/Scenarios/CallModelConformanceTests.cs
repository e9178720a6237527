using CtiGateway.Testing.CallModels;

namespace CtiGateway.Switching.Tests;

/// <summary>
/// Call-model conformance end to end (issues 9 and 10): every scenario of the shared table (the reference call models,
/// CM-RP-* excepted) on each profile (CM-AGENT-STATE: soft agents on osv-v10 and serial-lapb-csta, SetAgentState on
/// avaya-aes-dmcc-8): the PBX simulator, the gateway (TlibServer and
/// SwitchLinkService in process) and one T-Library client per party, all over real sockets (the serial profile over a
/// socat pseudo-terminal pair). Each party's client checks its exact event sequence, the attributes the reference
/// requires, and the ReferenceID of the events answering its requests (rule 11).
/// </summary>
public sealed class CallModelConformanceTests(ConformanceRigs rigs) : IClassFixture<ConformanceRigs>
{
    /// <summary>Every (profile, scenario).</summary>
    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var profile in ConformanceProfile.All)
            {
                foreach (var scenario in CallModelScenarios.All)
                {
                    cases.Add(profile.Id, scenario.Id);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Scenario_gives_each_party_the_reference_events(string profile, string scenario)
    {
        var ct = TestContext.Current.CancellationToken;
        var rig = await rigs.GetAsync(ConformanceProfile.All.Single(p => p.Id == profile), ct);
        var table = CallModelScenarios.Get(scenario);
        var run = new EndToEndScenarioRun(rig, table);
        await run.RunAsync(ct);

        var result = ScenarioChecker.Check(table, run.Context, run.Actual, run.ReferenceIds);
        var output = TestContext.Current.TestOutputHelper;
        foreach (var line in run.Log)
        {
            output?.WriteLine(line);
        }

        foreach (var (step, dn, evt) in run.Actual)
        {
            output?.WriteLine($"step {step} {dn}: ReferenceID={evt.ReferenceID?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {ScenarioChecker.Describe(evt, run.Context)}");
        }

        foreach (var warning in result.Warnings)
        {
            output?.WriteLine("warning: " + warning);
        }

        var errors = run.Errors.Concat(result.Errors).ToList();
        Assert.True(
            errors.Count == 0,
            $"{scenario} on {profile}:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}{Environment.NewLine}steps:{Environment.NewLine}  "
            + string.Join(Environment.NewLine + "  ", run.Log) + Environment.NewLine + "events:" + Environment.NewLine
            + string.Join(Environment.NewLine, run.Actual.Select(a => $"  step {a.Step} {a.Dn}: ReferenceID={a.Event.ReferenceID?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {ScenarioChecker.Describe(a.Event, run.Context)}")));
    }
}
