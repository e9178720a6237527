using System.Text;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Simulator.Tests.Scenarios;

/// <summary>
/// Every scenario of <see cref="ScenarioTable"/> on the simulator playing each shipped CSTA-XML profile (OSV-style
/// osv-v10, the strict AES avaya-aes-dmcc-8, and the serial-lapb-csta dialect and services served over TCP), driven
/// by CSTA requests over a real loopback link: each step's events are checked per monitored party, exactly and in order.
/// </summary>
public sealed class CallScenarioTests
{
    public static readonly string[] Profiles = ["osv-v10", "avaya-aes-dmcc-8", "serial-lapb-csta"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var profile in Profiles)
        {
            var hasQueue = LoadProfile(profile).NumberingPlan.Any(r => r.Type == DnType.AcdQueue);
            foreach (var scenario in ScenarioTable.All.Where(s => hasQueue || !s.NeedsQueue))
            {
                data.Add(profile, scenario.Id);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ScenarioGivesEachMonitoredPartyItsEvents(string profile, string scenarioId)
    {
        var scenario = ScenarioTable.All.Single(s => s.Id == scenarioId);
        await using var run = await ScenarioRun.StartAsync(LoadProfile(profile), scenario.Monitored);
        var checkedSteps = 0;
        foreach (var step in scenario.Steps)
        {
            await step.Act(run);
            var received = await run.TakeStepEventsAsync();
            if (step.Expect is null)
            {
                continue;
            }

            checkedSteps++;
            Assert.Empty(received.Keys.Except(scenario.Monitored));
            foreach (var party in scenario.Monitored)
            {
                var expected = step.Expect.TryGetValue(party, out var events) ? events : [];
                var actual = received.TryGetValue(party, out var got) ? got : [];
                Assert.True(expected.SequenceEqual(actual), Mismatch(profile, scenario.Id, step.Trigger, party, expected, actual));
            }
        }

        Assert.True(checkedSteps > 0, $"{scenario.Id} checks no step");
    }

    [Fact]
    public void TheTableCoversEveryCallModelScenarioThatReachesTheSwitch()
    {
        Assert.Empty(ScenarioTable.CallModelIds.Except(ScenarioTable.All.Select(s => s.Id)));
        Assert.Equal(ScenarioTable.All.Count, ScenarioTable.All.Select(s => s.Id).Distinct().Count());
        foreach (var scenario in ScenarioTable.All)
        {
            var parties = scenario.Steps.Where(s => s.Expect is not null).SelectMany(s => s.Expect!.Keys);
            Assert.Empty(parties.Except(scenario.Monitored));
        }
    }

    [Fact]
    public void EveryProfileOffersTheServicesTheScenariosUse()
    {
        string[] used =
        [
            "MakeCall", "AnswerCall", "ClearConnection", "HoldCall", "RetrieveCall", "ConsultationCall", "TransferCall", "ConferenceCall",
            "DeflectCall", "SingleStepTransferCall", "SingleStepConferenceCall", "AlternateCall", "ReconnectCall", "GenerateDigits", "SnapshotDevice",
        ];
        foreach (var profile in Profiles.Append("serial-bsc-csta"))
        {
            Assert.Empty(used.Except(LoadProfile(profile).Services));
        }
    }

    internal static FirmwareProfile LoadProfile(string id)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "firmware-profiles", id + ".json");
            if (File.Exists(candidate))
            {
                return FirmwareProfileLoader.Load(candidate);
            }
        }

        throw new FileNotFoundException($"firmware-profiles/{id}.json not found above {AppContext.BaseDirectory}");
    }

    private static string Mismatch(string profile, string scenario, string trigger, string party, IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var text = new StringBuilder();
        text.AppendLine($"{scenario} on {profile}, step '{trigger}', party {party}:");
        text.AppendLine("expected:");
        foreach (var line in expected)
        {
            text.Append("  ").AppendLine(line);
        }

        text.AppendLine("actual:");
        foreach (var line in actual)
        {
            text.Append("  ").AppendLine(line);
        }

        return text.ToString();
    }
}
