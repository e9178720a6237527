using System.Diagnostics;
using CtiGateway.Cli.Tests.Support;
using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Cli.Tests;

/// <summary>
/// <c>ctigw strategy try</c> as a real process: seed 003 from ../shared (read where it is), strategies written here,
/// the scripted call (answer, abandon, agents, ANI, DNIS, user data), broken documents and the timeout. Each run starts
/// its own in-process gateway with the demo's simulated switches and runs in virtual time.
/// </summary>
public sealed class StrategyTryProcessTests
{
    private const string Seed003 = "seed003-detach-redirect.scxml";

    /// <summary>Wall time a run may take on a loaded 2-core box: loose, not a benchmark (a run takes a few seconds).</summary>
    private static readonly TimeSpan LooseWallLimit = TimeSpan.FromSeconds(40);

    [Fact(Timeout = TestTimeout.Test)]
    public async Task Seed003DetachesRedirectsToTheSecondSwitchAndPassesInVirtualTime()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 55);
        var seed = RepoFiles.Shared("strategies/" + Seed003);
        var clock = Stopwatch.StartNew();

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "strategy", "try", seed);

        clock.Stop();
        Assert.True(exit == 0, $"exit {exit}: {string.Join('\n', stdout)}\n{stderr}");
        Assert.Equal("final: exit", stdout[^1]);
        Assert.Contains(stdout, l => l.EndsWith("] log: G_G_GOT SESSION TERMINATION WITH TEST_RESULT = PASSED", StringComparison.Ordinal));
        Assert.DoesNotContain(stdout, l => l.Contains("ABNORMAL", StringComparison.Ordinal));
        Assert.Contains(stdout, l => l.Contains("] event: interaction.notcontrolled {", StringComparison.Ordinal) && l.Contains("\"resultof\":\"detaching\"", StringComparison.Ordinal));
        Assert.Contains(stdout, l => l.Contains("] event: interaction.detach.done {", StringComparison.Ordinal));
        Assert.Contains(stdout, l => l.Contains("] event: interaction.redirect.done {", StringComparison.Ordinal));
        Assert.Contains(stdout, l => l.Contains("] log: G_G_GOT redirect done: ", StringComparison.Ordinal));

        // The call really rings at 7778 on the second switch: the gateway's own event for it.
        Assert.Contains(stdout, l => l.Contains("] call: EventRinging 7778@tel_sw_1 ConnID ", StringComparison.Ordinal));

        // The 33 s delay passed on the virtual clock: the last log line is stamped 33 s after the start.
        Assert.StartsWith("[   33.000] log: G_G_GOT SESSION TERMINATION", stdout.Single(l => l.Contains("TEST_RESULT", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < LooseWallLimit, $"the run took {clock.Elapsed} of wall time");
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task AnHourLongDelayCostsNoWallTime()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 55);
        using var dir = new TempFolder();
        var file = dir.Write("hour.scxml", """
            <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml" initial="waiting">
              <state id="waiting">
                <transition event="interaction.added" target="later"/>
              </state>
              <state id="later">
                <onentry><send event="'anHourLater'" delay="'3600s'"/></onentry>
                <transition event="anHourLater" target="done"/>
              </state>
              <final id="done"><onentry><log expr="'an hour passed'"/></onentry></final>
            </scxml>
            """);
        var clock = Stopwatch.StartNew();

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "strategy", "try", file, "--timeout", "7200");

        clock.Stop();
        Assert.True(exit == 0, $"exit {exit}: {string.Join('\n', stdout)}\n{stderr}");
        Assert.Equal("final: done", stdout[^1]);
        Assert.Contains("[ 3600.000] log: an hour passed", stdout);
        Assert.True(clock.Elapsed < LooseWallLimit, $"the run took {clock.Elapsed} of wall time");
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task ACallerWhoHangsUpGivesAbandonedThenNotControlledByDeletion()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 55);
        using var dir = new TempFolder();
        var file = dir.Write("hold.scxml", """
            <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml" initial="holding">
              <state id="holding">
                <transition event="interaction.abandoned"><log expr="'abandoned: ' + _event.data.reason"/></transition>
                <transition event="interaction.deleted" target="gone"/>
              </state>
              <final id="gone"/>
            </scxml>
            """);

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "strategy", "try", file, "--abandon", "12.5");

        Assert.True(exit == 0, $"exit {exit}: {string.Join('\n', stdout)}\n{stderr}");
        Assert.Equal("final: gone", stdout[^1]);
        var hangUp = IndexOf(stdout, "[   12.500] script: the caller 302118840100 hangs up");
        var abandonedCall = IndexOf(stdout, "] call: EventAbandoned 3001@tel_sw ConnID ");
        var abandoned = IndexOf(stdout, "[   12.500] event: interaction.abandoned {");
        var notControlled = IndexOf(stdout, "[   12.500] event: interaction.notcontrolled {");
        var deleted = IndexOf(stdout, "[   12.500] event: interaction.deleted {");
        Assert.True(hangUp < abandonedCall && abandonedCall < abandoned && abandoned < notControlled && notControlled < deleted, string.Join('\n', stdout));
        Assert.Contains("\"resultof\":\"deletion\"", stdout[notControlled], StringComparison.Ordinal);
        Assert.Contains(stdout, l => l.EndsWith("] log: abandoned: the caller hung up at 3001", StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task TheStationTheCallIsRoutedToAnswersWhenScripted()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 55);
        using var dir = new TempFolder();
        var file = dir.Write("route.scxml", """
            <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml" xmlns:ixn="http://www.genesyslab.com/modules/interaction" initial="waiting">
              <datamodel><data id="ixnid" expr="''"/></datamodel>
              <state id="waiting">
                <transition event="interaction.added" target="routing"><script>_data.ixnid = _event.data.interactionid;</script></transition>
              </state>
              <state id="routing">
                <onentry><ixn:redirect interactionid="_data.ixnid" to="'5005'"/></onentry>
                <transition event="interaction.redirect.done" target="talking"/>
                <transition event="error.interaction.redirect" target="failed"/>
              </state>
              <state id="talking">
                <onentry><send event="'enough'" delay="'60s'"/></onentry>
                <transition event="enough" target="done"/>
              </state>
              <final id="done"/>
              <final id="failed"/>
            </scxml>
            """);

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "strategy", "try", file, "--answer", "4");

        Assert.True(exit == 0, $"exit {exit}: {string.Join('\n', stdout)}\n{stderr}");
        Assert.Equal("final: done", stdout[^1]);
        Assert.True(IndexOf(stdout, "] call: EventRinging 5005@tel_sw ConnID ") < IndexOf(stdout, "[    4.000] script: 5005 answers"), string.Join('\n', stdout));
        Assert.Contains(stdout, l => l.StartsWith("[    4.000] call: EventEstablished 5005@tel_sw ConnID ", StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task TheCallCarriesTheScriptedAniDnisAndUserData()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 55);
        using var dir = new TempFolder();
        var file = dir.Write("data.scxml", """
            <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml" initial="waiting">
              <state id="waiting">
                <transition event="interaction.added" target="done">
                  <script>var ixn = _genesys.ixn.interactions[_event.data.interactionid];</script>
                  <log expr="'ani=' + ixn.voice.ani + ' dnis=' + ixn.voice.dnis + ' segment=' + ixn.udata.segment + ' lang=' + ixn.udata.lang"/>
                </transition>
              </state>
              <final id="done"/>
            </scxml>
            """);

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "strategy", "try", file,
            "--ani", "4989123456", "--dnis", "08001234", "--udata", "segment=gold", "--udata", "lang=de");

        Assert.True(exit == 0, $"exit {exit}: {string.Join('\n', stdout)}\n{stderr}");
        Assert.Contains("[    0.000] log: ani=4989123456 dnis=08001234 segment=gold lang=de", stdout);
        Assert.Contains(stdout, l => l.Contains("] call: EventRouteRequest 3001@tel_sw ConnID ", StringComparison.Ordinal) && l.EndsWith(" UserData segment,lang", StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task AgentsBusyAndAgentReadySetTheAgentsTheGatewaySees()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 55);
        using var dir = new TempFolder();
        var file = dir.Write("end.scxml", """
            <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml" initial="waiting">
              <state id="waiting"><transition event="interaction.added" target="done"/></state>
              <final id="done"/>
            </scxml>
            """);

        var busy = await CtigwProcess.RunAsync(ct, "strategy", "try", file, "--agents-busy");
        var two = await CtigwProcess.RunAsync(ct, "strategy", "try", file, "--agent-ready", "A5007", "--agent-ready", "A5003");

        // The sandbox prints these only once the gateway's own agent states say so.
        Assert.True(busy.ExitCode == 0, busy.Stderr);
        Assert.Contains("[    0.000] script: no agent of DemoAgents is ready", busy.Stdout);
        Assert.True(two.ExitCode == 0, two.Stderr);
        Assert.Contains("[    0.000] script: ready agents of DemoAgents: A5003, A5007; the others are not ready", two.Stdout);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task TheTimeoutPrintsTimeoutAndExitsOne()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 55);
        using var dir = new TempFolder();
        var file = dir.Write("forever.scxml", """
            <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml" initial="waiting">
              <state id="waiting">
                <onentry><send event="'tooLate'" delay="'3600s'"/></onentry>
                <transition event="tooLate" target="done"/>
              </state>
              <final id="done"/>
            </scxml>
            """);

        var (exit, stdout, _) = await CtigwProcess.RunAsync(ct, "strategy", "try", file, "--timeout", "10");

        Assert.Equal(1, exit);
        Assert.Equal("timeout", stdout[^1]);
        Assert.Contains(stdout, l => l.Contains("] event: interaction.added {", StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task TheOrsDialectIsTheDefaultAndDialectW3cReadsLiteralAttributes()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 55);
        using var dir = new TempFolder();
        var file = dir.Write("w3c.scxml", """
            <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml" datamodel="ecmascript" initial="waiting">
              <state id="waiting"><transition event="interaction.added" target="later"/></state>
              <state id="later">
                <onentry><send event="tick" delay="90s"/></onentry>
                <transition event="tick" target="done"/>
              </state>
              <final id="done"/>
            </scxml>
            """);

        var w3c = await CtigwProcess.RunAsync(ct, "strategy", "try", file, "--dialect", "w3c");
        var ors = await CtigwProcess.RunAsync(ct, "strategy", "try", file, "--timeout", "120");

        Assert.True(w3c.ExitCode == 0, w3c.Stderr);
        Assert.Equal("final: done", w3c.Stdout[^1]);
        // In the ORS dialect event and delay are expressions: tick is an undefined variable.
        Assert.Equal(1, ors.ExitCode);
        Assert.Equal("timeout", ors.Stdout[^1]);
        Assert.Contains(ors.Stdout, l => l.Contains("] error: ", StringComparison.Ordinal) && l.Contains("error.execution at line 4 ", StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task AnErrorInTheStrategyIsPrintedWithItsLine()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 55);
        using var dir = new TempFolder();
        var file = dir.Write("throws.scxml", """
            <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml" initial="waiting">
              <state id="waiting"><transition event="interaction.added" target="working"/></state>
              <state id="working">
                <onentry><script>throw new Error('no such customer');</script></onentry>
                <transition event="error.execution" target="failed"/>
              </state>
              <final id="failed"/>
            </scxml>
            """);

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "strategy", "try", file);

        Assert.True(exit == 0, $"exit {exit}: {string.Join('\n', stdout)}\n{stderr}");
        Assert.Equal("final: failed", stdout[^1]);
        Assert.Contains(stdout, l => l.Contains("] error: ", StringComparison.Ordinal) && l.Contains("error.execution at line 4 ", StringComparison.Ordinal)
            && l.EndsWith("no such customer", StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task ABrokenStrategyPrintsFileLineAndColumnAndExitsTwo()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 55);
        using var dir = new TempFolder();
        var file = dir.Write("broken.scxml", """
            <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml" initial="waiting">
              <state id="waiting">
                <transition event="interaction.added" target="nowhere"/>
              </state>
            </scxml>
            """);

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "strategy", "try", file);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith(file + ":3:", stderr, StringComparison.Ordinal);
        Assert.Contains("target 'nowhere'", stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task TheDemosDefaultStrategyValidatesInTheOrsDialect()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 55);
        var file = Path.Combine(RepoFiles.Root(), "packaging", "strategies", "demo-route.scxml");

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "scxml", "validate", file, "--dialect", "ors");

        Assert.True(exit == 0, stderr);
        Assert.Equal([file + ": ok"], stdout);
        Assert.Empty(stderr);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task TheDemosDefaultStrategyRoutesToAReadyAgentOrOverflowsToQueue4001()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 55);
        var file = Path.Combine(RepoFiles.Root(), "packaging", "strategies", "demo-route.scxml");

        var ready = await CtigwProcess.RunAsync(ct, "strategy", "try", file, "--agent-ready", "A5007");
        var busy = await CtigwProcess.RunAsync(ct, "strategy", "try", file, "--agents-busy");

        Assert.True(ready.ExitCode == 0, $"{string.Join('\n', ready.Stdout)}\n{ready.Stderr}");
        Assert.Equal("final: routed", ready.Stdout[^1]);
        Assert.Contains(ready.Stdout, l => l.Contains("] log: target selected: 5007@tel_sw.DN (A5007@tel_sw.A of DemoAgents.GA)", StringComparison.Ordinal));
        Assert.Contains(ready.Stdout, l => l.Contains("] call: EventRinging 5007@tel_sw ConnID ", StringComparison.Ordinal));

        // No agent ready: the submit's 30 s timeout passes on the virtual clock, then the call goes to queue 4001.
        Assert.True(busy.ExitCode == 0, $"{string.Join('\n', busy.Stdout)}\n{busy.Stderr}");
        Assert.Equal("final: queued", busy.Stdout[^1]);
        Assert.Contains(busy.Stdout, l => l.StartsWith("[   30.000] event: error.queue.submit {", StringComparison.Ordinal) && l.Contains("\"error\":\"timeout\"", StringComparison.Ordinal));
        Assert.Contains(busy.Stdout, l => l.StartsWith("[   30.000] call: EventQueued 4001@tel_sw ConnID ", StringComparison.Ordinal));
        Assert.Contains(busy.Stdout, l => l.EndsWith(" queued at 4001", StringComparison.Ordinal));
    }

    [Theory(Timeout = TestTimeout.Test)]
    [InlineData("--dn", "5001@tel_sw", "5001 is an extension of the demo plan on tel_sw")]
    [InlineData("--dn", "3001@tel_sw_1", "route point 3001 is on tel_sw, not tel_sw_1")]
    [InlineData("--dn", "3001@pbx9", "the sandbox's switches are tel_sw and tel_sw_1, not 'pbx9'")]
    [InlineData("--agent-ready", "A9999", "--agent-ready A9999: not an agent of DemoAgents")]
    [InlineData("--udata", "novalue", "--udata novalue: give KEY=VALUE")]
    [InlineData("--dialect", "scxml", "--dialect must be w3c or ors, not 'scxml'")]
    public async Task BadOptionsAreUsageErrors(string option, string value, string message)
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 55);
        using var dir = new TempFolder();
        var file = dir.Write("end.scxml", """
            <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml"><final id="done"/></scxml>
            """);

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "strategy", "try", file, option, value);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    private static int IndexOf(IReadOnlyList<string> lines, string part)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Contains(part, StringComparison.Ordinal))
            {
                return i;
            }
        }

        Assert.Fail($"no line contains '{part}':\n{string.Join('\n', lines)}");
        return -1;
    }
}
