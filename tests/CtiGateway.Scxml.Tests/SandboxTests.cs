namespace CtiGateway.Scxml.Tests;

/// <summary>Sessions are isolated from each other, and runaway scripts are stopped by the engine constraints.</summary>
public sealed class SandboxTests
{
    private const string Polluter = """
        <state id="s">
          <onentry>
            <script>Object.prototype.polluted = 1; Array.prototype.push = null; Math.max = function () { return 42; }; leaked = 'yes';</script>
          </onentry>
          <transition cond="({}).polluted === 1 &amp;&amp; typeof leaked === 'string'" target="pass"/>
          <transition target="fail"/>
        </state>
        <final id="pass"/><final id="fail"/>
        """;

    private const string Observer = """
        <state id="s">
          <transition cond="({}).polluted === undefined &amp;&amp; typeof leaked === 'undefined' &amp;&amp; Math.max(1, 2) === 2 &amp;&amp; typeof [].push === 'function'" target="pass"/>
          <transition target="fail"/>
        </state>
        <final id="pass"/><final id="fail"/>
        """;

    [Fact]
    public async Task AGlobalOrPrototypeChangeInOneSessionIsInvisibleToOthers()
    {
        var polluter = Charts.Load(Polluter);
        var observer = Charts.Load(Observer);
        using var runtime = new ScxmlRuntime(new ThreadPoolScxmlScheduler());
        var sessions = new List<(ScxmlSessionHandle Handle, bool Polluting)>();
        for (var i = 0; i < 20; i++)
        {
            sessions.Add((runtime.Start(polluter), true));
            sessions.Add((runtime.Start(observer), false));
        }

        foreach (var (handle, polluting) in sessions)
        {
            var result = await handle.Completion.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            Assert.Equal("pass", result.FinalStateId);
        }

        // The same document again, after the polluters: still clean.
        var after = Charts.RunVirtual(observer);
        Assert.Equal("pass", after?.FinalStateId);
    }

    [Fact]
    public async Task AnEndlessScriptRaisesErrorExecutionInItsSessionOnlyWhileAnotherSessionRuns()
    {
        var runaway = Charts.Load("""
            <state id="s">
              <onentry><script>var n = 0; while (true) { n++; }</script><raise event="not.reached"/></onentry>
              <transition event="error.execution" cond="_event.data.message.indexOf('script stopped') &gt;= 0" target="stopped"/>
              <transition event="*" target="fail"/>
            </state>
            <final id="stopped"/><final id="fail"/>
            """);
        var counter = Charts.Load("""
            <datamodel><data id="i" expr="0"/></datamodel>
            <state id="loop">
              <transition cond="i &lt; 1000" target="loop"><assign location="i" expr="i + 1"/></transition>
              <transition target="done"/>
            </state>
            <final id="done"/>
            """);
        var options = new ScxmlRuntimeOptions { ScriptTimeout = TimeSpan.FromMilliseconds(500), MaxStatements = 200_000 };
        using var runtime = new ScxmlRuntime(new ThreadPoolScxmlScheduler(), options);

        var stuck = runtime.Start(runaway);
        var healthy = runtime.Start(counter);

        var healthyResult = await healthy.Completion.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var stuckResult = await stuck.Completion.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal("done", healthyResult.FinalStateId);
        Assert.Equal("stopped", stuckResult.FinalStateId);
    }

    [Fact]
    public void EndlessRecursionIsStopped()
    {
        var document = Charts.Load("""
            <state id="s">
              <onentry><script>function f(x) { return f(x + 1) + 1; } f(0);</script></onentry>
              <transition event="error.execution" target="stopped"/>
            </state>
            <final id="stopped"/>
            """);

        Assert.Equal("stopped", Charts.RunVirtual(document)?.FinalStateId);
    }

    [Fact]
    public void ScriptsHaveNoClrAccess()
    {
        var document = Charts.Load("""
            <state id="s">
              <transition cond="typeof System === 'undefined' &amp;&amp; typeof importNamespace === 'undefined' &amp;&amp; typeof require === 'undefined'" target="pass"/>
              <transition target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """);

        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);
    }

    [Fact]
    public void AnEndlessEventlessLoopStopsTheSessionAsFailed()
    {
        var document = Charts.Load("""
            <state id="a"><transition target="b"/></state>
            <state id="b"><transition target="a"/></state>
            """);

        var result = Charts.RunVirtual(document, new ScxmlRuntimeOptions { MaxMicrostepsPerMacrostep = 10_000 });

        Assert.Equal(ScxmlSessionEnd.Failed, result?.End);
        Assert.Contains("microsteps", result!.Error, StringComparison.Ordinal);
    }
}
