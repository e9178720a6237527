namespace CtiGateway.Scxml.Tests;

/// <summary>Strategies that never stop asking: memory in one script, and a session that never lets virtual time move.</summary>
public sealed class RunawayStrategyTests
{
    [Fact]
    public void AScriptThatAllocatesWithoutEndIsStoppedByTheMemoryLimitWithAnErrorNamingIt()
    {
        var document = Charts.Load("""
            <state id="s">
              <onentry><script>var a = []; while (true) { a.push(new Array(10000).join('x')); }</script></onentry>
              <transition event="error.execution" target="stopped"><log expr="_event.data.message"/></transition>
            </state>
            <final id="stopped"/>
            """, rootAttributes: "profile=\"ecmascript\"");
        var logs = new List<string>();

        var result = Charts.RunVirtual(document, new ScxmlRuntimeOptions
        {
            MaxScriptMemoryBytes = 8L * 1024 * 1024,
            ScriptTimeout = TimeSpan.FromMinutes(1),
            LogSink = (_, _, value) => logs.Add(value),
        });

        Assert.Equal("stopped", result?.FinalStateId);
        Assert.Contains("memory limit exceeded", Assert.Single(logs), StringComparison.Ordinal);
    }

    [Fact]
    public void ASessionThatNeverLetsTheClockMoveEndsTheRunAtTheWallLimit()
    {
        var document = Charts.Load("""
            <datamodel><data id="ticks" expr="0"/></datamodel>
            <state id="s">
              <onentry><send event="tick"/></onentry>
              <transition event="tick" target="s"><assign location="ticks" expr="ticks + 1"/></transition>
            </state>
            """);
        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler);
        var session = runtime.Start(document);

        var finished = scheduler.RunUntil(() => session.Completion.IsCompleted, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(300));

        Assert.False(finished);
        Assert.False(session.Completion.IsCompleted);
        Assert.Equal(DateTimeOffset.UnixEpoch, scheduler.Now);
    }
}
