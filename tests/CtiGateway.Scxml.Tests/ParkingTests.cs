using CtiGateway.Scxml.Model;
using CtiGateway.Scxml.Runtime;

namespace CtiGateway.Scxml.Tests;

/// <summary>
/// Parked data models: an idle session that stored its values and released its engine behaves exactly as one that kept
/// its engine (values, typeof, -0, NaN, BigInt, nested and shared objects, variables created by expressions, In(),
/// _event), sessions stay isolated, and charts whose values or expressions cannot be restored exactly never park.
/// </summary>
public sealed class ParkingTests
{
    private const string ValuesChart = """
        <datamodel>
          <data id="negZero" expr="-0"/>
          <data id="nan" expr="NaN"/>
          <data id="undef"/>
          <data id="text" expr="'h\u00e9llo'"/>
          <data id="big" expr="10n"/>
          <data id="flag" expr="true"/>
          <data id="nothing" expr="null"/>
          <data id="obj" expr="{a: 1, b: [1, 'two', {c: null}], '2': 'x', e: {}, neg: -0}"/>
          <data id="alias" expr="null"/>
          <data id="kept" expr="null"/>
          <data id="count" expr="0"/>
        </datamodel>
        <state id="wait1">
          <transition event="first" target="wait2">
            <assign location="alias" expr="obj.b"/>
            <assign location="kept" expr="_event.data"/>
            <assign location="kept.k" expr="kept.k + 1"/>
            <assign location="count" expr="(created = 5) + 1"/>
            <assign location="obj.b[2].d" expr="[undefined, NaN, -0]"/>
          </transition>
        </state>
        <state id="wait2">
          <transition event="again" target="wait2">
            <assign location="count" expr="count + 1"/>
            <assign location="alias[0]" expr="alias[0] + 100"/>
          </transition>
          <transition event="check" cond="In('wait2') &amp;&amp; !In('wait1')" target="done">
            <log label="typeof" expr="[typeof negZero, typeof nan, typeof undef, typeof text, typeof big, typeof flag, typeof nothing, typeof obj, typeof created].join(',')"/>
            <log label="numbers" expr="[1 / negZero, nan !== nan, 1 / obj.neg, String(obj.b[2].d[1]), 1 / obj.b[2].d[2], obj.b[2].d[0] === undefined, obj.b[2].d.length].join(',')"/>
            <log label="text" expr="text + ':' + text.length + ':' + String(big * 2n)"/>
            <log label="obj" expr="JSON.stringify(obj)"/>
            <log label="shared" expr="(alias === obj.b) + ':' + alias[0] + ':' + kept.k + ':' + kept.other + ':' + created + ':' + count"/>
            <log label="event" expr="_event.name + ':' + _event.type + ':' + _event.data.z + ':' + In('done') + ':' + In('wait2')"/>
          </transition>
        </state>
        <final id="done"/>
        """;

    [Fact]
    public void AParkedSessionResumesWithExactlyTheSameValues()
    {
        var (parkedLogs, parkedCount, sawParked) = RunValues(park: true);
        var (keptLogs, keptCount, _) = RunValues(park: false);

        Assert.True(sawParked, "the session should have been parked while it waited");
        Assert.True(parkedCount >= 2, $"parked {parkedCount} times");
        Assert.Equal(0, keptCount);
        Assert.Equal(keptLogs, parkedLogs);
        Assert.Equal(
        [
            "typeof=number,number,undefined,string,bigint,boolean,object,object,number",
            "numbers=-Infinity,true,-Infinity,NaN,-Infinity,true,3",
            "text=h\u00e9llo:5:20",
            """obj={"2":"x","a":1,"b":[101,"two",{"c":null,"d":[null,null,0]}],"e":{},"neg":0}""",
            "shared=true:101:6:o:5:7",
            "event=check:external:1:false:false",
        ], parkedLogs);
    }

    [Fact]
    public void ParkedSessionsStayIsolated()
    {
        const string chart = """
            <datamodel><data id="call" expr="{id: '', hops: []}"/></datamodel>
            <state id="idle">
              <transition event="call.arrived" target="routing">
                <assign location="call.id" expr="_event.data.id"/>
                <assign location="call.hops" expr="call.hops.concat([_event.data.id])"/>
              </transition>
            </state>
            <state id="routing">
              <transition event="hop" target="routing"><assign location="call.hops" expr="call.hops.concat([_event.data.to])"/></transition>
              <transition event="report" target="done"><log expr="call.id + '=' + call.hops.join('>')"/></transition>
            </state>
            <final id="done"/>
            """;
        var document = Charts.Load(chart, rootAttributes: "initial=\"idle\"");
        var logs = new List<string>();
        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions { LogSink = (_, _, value) => { lock (logs) { logs.Add(value); } } });
        var first = runtime.Start(document);
        var second = runtime.Start(document);
        Drain(scheduler);
        first.Send("call.arrived", """{"id":"A"}""");
        second.Send("call.arrived", """{"id":"B"}""");
        Drain(scheduler);
        Assert.True(first.IsDataModelParked && second.IsDataModelParked);
        first.Send("hop", """{"to":"5001"}""");
        Drain(scheduler);
        second.Send("hop", """{"to":"6001"}""");
        second.Send("hop", """{"to":"6002"}""");
        Drain(scheduler);
        first.Send("report");
        Drain(scheduler);
        second.Send("report");
        scheduler.RunUntil(() => first.Completion.IsCompleted && second.Completion.IsCompleted, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));
        Assert.Equal(["A=A>5001", "B=B>6001>6002"], logs);
    }

    [Theory]
    [InlineData("""<datamodel><data id="f" expr="function () { return 1; }"/><data id="n" expr="0"/></datamodel>""")]
    [InlineData("""<datamodel><data id="f" expr="null"/><data id="n" expr="0"/></datamodel><script>var helper = 1;</script>""")]
    [InlineData("""<datamodel><data id="f" expr="Math"/><data id="n" expr="0"/></datamodel>""")]
    [InlineData("""<datamodel><data id="f" expr="new Date(0)"/><data id="n" expr="0"/></datamodel>""")]
    public void ChartsWithFunctionsScriptsOrBuiltinsNeverPark(string datamodel)
    {
        var document = Charts.Load(datamodel + WaitingStates, rootAttributes: "initial=\"s1\"");
        Assert.False(document.CanPark);
        var (logs, parked, _) = RunWaiting(document);
        Assert.Equal(0, parked);
        Assert.Equal(["n=2"], logs);
    }

    [Theory]
    [InlineData("""<datamodel><data id="f" expr="{}"/><data id="n" expr="0"/></datamodel>""", "f.self = f")]
    [InlineData("""<datamodel><data id="f" expr="[1, 2]"/><data id="n" expr="0"/></datamodel>""", "f[5] = 1")]
    [InlineData("""<datamodel><data id="f" expr="[1, 2]"/><data id="n" expr="0"/></datamodel>""", "f.extra = 1")]
    [InlineData("""<datamodel><data id="f" expr="{}"/><data id="n" expr="0"/></datamodel>""", "f.__proto__ = null")]
    [InlineData("""<datamodel><data id="f" expr="{}"/><data id="n" expr="0"/></datamodel>""", "f.g = {__proto__: {x: 1}}")]
    public void ValuesThatCannotBeStoredExactlyKeepTheEngine(string datamodel, string statement)
    {
        // The first idle (before the statement ran) may park; once the value cannot be stored, the engine stays.
        var document = Charts.Load(datamodel + WaitingStates.Replace("n + 1\"/>", "n + 1\"/><assign location=\"n\" expr=\"(" + statement.Replace("\"", "&quot;") + ", n)\"/>", StringComparison.Ordinal),
            rootAttributes: "initial=\"s1\"");
        var (logs, _, parkedAfterFirstEvent) = RunWaiting(document);
        Assert.False(parkedAfterFirstEvent);
        Assert.Equal(["n=2"], logs);
    }

    [Theory]
    [InlineData("a + 1", true)]
    [InlineData("Math.max(a, b) + parseInt(c, 10)", true)]
    [InlineData("In('s1') && _event.data.x === 1", true)]
    [InlineData("a.push(1), a[0], a['k'], `t${a}`", true)]
    [InlineData("created = {x: [1, 2], y: -0}", true)]
    [InlineData("a.toString() + a.name + a.length", true)]
    [InlineData("a.toString.x = 1", false)]
    [InlineData("f = a.push", false)]
    [InlineData("a['hasOwnProperty']", false)]
    [InlineData("Math.x = 1", false)]
    [InlineData("Math.max", false)]
    [InlineData("a.__proto__", false)]
    [InlineData("a['constructor']", false)]
    [InlineData("a[k]", false)]
    [InlineData("this.x", false)]
    [InlineData("Object.keys(a)", false)]
    [InlineData("delete _event", false)]
    [InlineData("_event = 1", false)]
    [InlineData("a.push.call(b, 1)", false)]
    [InlineData("new Date()", false)]
    [InlineData("(function () { return 1; })", false)]
    [InlineData("(() => 1)", false)]
    [InlineData("globalThis", false)]
    [InlineData("In", false)]
    [InlineData("Array = 1", false)]
    public void TheStaticCheckAcceptsOnlyExpressionsWhoseEffectsStayInChartValues(string expression, bool safe)
    {
        var expr = ScriptExpr.Expression(expression, default);
        Assert.NotNull(expr.Prepared);
        Assert.Equal(safe, ParkSafety.IsSafe(expr.Prepared.Value.Program!, []));
    }

    [Fact]
    public async Task ParkedSessionsOnTheThreadPoolKeepTheirOwnValuesUnderConcurrentEvents()
    {
        const string chart = """
            <datamodel><data id="call" expr="{id: '', hops: []}"/><data id="count" expr="0"/></datamodel>
            <state id="idle">
              <transition event="call.arrived" target="routing"><assign location="call.id" expr="_event.data.id"/></transition>
            </state>
            <state id="routing">
              <transition event="hop" target="routing">
                <assign location="call.hops" expr="call.hops.concat([_event.data.to])"/>
                <assign location="count" expr="count + 1"/>
              </transition>
              <transition event="report" target="done"><log expr="call.id + '=' + count + ':' + call.hops.join(',')"/></transition>
            </state>
            <final id="done"/>
            """;
        var document = Charts.Load(chart, rootAttributes: "initial=\"idle\"");
        var logs = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        using var runtime = new ScxmlRuntime(new ThreadPoolScxmlScheduler(), new ScxmlRuntimeOptions
        {
            LogSink = (id, _, value) => logs[id] = value,
        });
        var sessions = Enumerable.Range(0, 200).Select(_ => runtime.Start(document)).ToList();
        for (var i = 0; i < sessions.Count; i++)
        {
            sessions[i].Send("call.arrived", $$"""{"id":"c{{i}}"}""");
        }

        // Every session parks once call.arrived is processed (polled with a generous deadline).
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!sessions.All(s => s.IsDataModelParked) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.True(sessions.All(s => s.IsDataModelParked), "not every session parked after call.arrived");

        // Ten hops per session, sent from several threads at once, each session's own hops in order.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(part => Task.Run(() =>
        {
            for (var hop = 0; hop < 10; hop++)
            {
                for (var i = part; i < sessions.Count; i += 4)
                {
                    sessions[i].Send("hop", $$"""{"to":"{{hop}}"}""");
                }
            }
        }, TestContext.Current.CancellationToken)));
        foreach (var session in sessions)
        {
            session.Send("report");
        }

        for (var i = 0; i < sessions.Count; i++)
        {
            var result = await sessions[i].Completion.WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
            Assert.Equal("done", result.FinalStateId);
            Assert.Equal($"c{i}=10:0,1,2,3,4,5,6,7,8,9", logs[sessions[i].SessionId]);
        }

        Assert.True(runtime.DataModelsParked >= sessions.Count);
    }

    [Theory]
    [InlineData(ParkCapture.MaxDepth, true)]
    [InlineData(ParkCapture.MaxDepth + 1, false)]
    public void NestingDeeperThanTheLimitIsNotStored(int depth, bool stored)
    {
        var engine = new Jint.Engine();
        var value = engine.Evaluate($"var a = 1; for (var i = 0; i < {depth}; i++) a = i % 2 ? [a] : {{v: a}}; a");
        Assert.Equal(stored, new ParkCapture(engine).TryStore(value, out _));
    }

    [Fact]
    public void ParkingCanBeTurnedOff()
    {
        var document = Charts.Load("""<datamodel><data id="n" expr="0"/></datamodel>""" + WaitingStates, rootAttributes: "initial=\"s1\"");
        Assert.True(document.CanPark);
        Assert.True(RunWaiting(document).Parked > 0);
        Assert.Equal(0, RunWaiting(document, new ScxmlRuntimeOptions { ParkIdleDataModels = false }).Parked);
    }

    [Fact]
    public void WithADelayASessionParksOnlyAfterBeingIdleThatLong()
    {
        var document = Charts.Load("""<datamodel><data id="n" expr="0"/></datamodel>""" + WaitingStates, rootAttributes: "initial=\"s1\"");
        var logs = new List<string>();
        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions
        {
            ParkIdleDataModelsAfter = TimeSpan.FromSeconds(30),
            LogSink = (_, _, value) => logs.Add(value),
        });
        var session = runtime.Start(document);
        Drain(scheduler);
        session.Send("go");
        Drain(scheduler);
        Assert.True(session.HasEngine);
        Assert.False(session.IsDataModelParked);

        // 20 s idle: not yet. Then the 30 s are reached and the timer's check parks it.
        scheduler.RunUntil(() => false, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));
        Assert.False(session.IsDataModelParked);
        scheduler.RunUntil(() => session.IsDataModelParked, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30));
        Assert.True(session.IsDataModelParked);
        Assert.False(session.HasEngine);
        Assert.Equal(1, runtime.DataModelsParked);

        session.Send("go");
        scheduler.RunUntil(() => session.Completion.IsCompleted, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));
        Assert.Equal("done", FinalState(session));
        Assert.Equal(["n=2"], logs);
    }

    private const string WaitingStates = """
        <state id="s1">
          <transition event="go" target="s2"><assign location="n" expr="n + 1"/></transition>
        </state>
        <state id="s2">
          <transition event="go" target="done"><assign location="n" expr="n + 1"/><log expr="'n=' + n"/></transition>
        </state>
        <final id="done"/>
        """;

    private static (List<string> Logs, long Parked, bool ParkedAfterFirstEvent) RunWaiting(ScxmlDocument document, ScxmlRuntimeOptions? options = null)
    {
        var logs = new List<string>();
        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions
        {
            ParkIdleDataModels = options?.ParkIdleDataModels ?? true,
            LogSink = (_, _, value) => logs.Add(value),
        });
        var session = runtime.Start(document);
        Drain(scheduler);
        session.Send("go");
        Drain(scheduler);
        var parkedAfterFirstEvent = session.IsDataModelParked;
        Assert.NotEqual(parkedAfterFirstEvent, session.HasEngine);
        session.Send("go");
        scheduler.RunUntil(() => session.Completion.IsCompleted, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));
        Assert.Equal("done", session.Completion.Result.FinalStateId);
        return (logs, runtime.DataModelsParked, parkedAfterFirstEvent);
    }

    private static (List<string> Logs, long Parked, bool SawParked) RunValues(bool park)
    {
        var logs = new List<string>();
        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions
        {
            ParkIdleDataModels = park,
            LogSink = (_, label, value) => logs.Add(label + "=" + value),
        });
        var session = runtime.Start(Charts.Load(ValuesChart, rootAttributes: "initial=\"wait1\""));
        Drain(scheduler);
        session.Send("first", """{"k":5,"other":"o"}""");
        Drain(scheduler);
        var sawParked = session.IsDataModelParked && !session.HasEngine;
        session.Send("again");
        Drain(scheduler);
        sawParked &= !park || session.IsDataModelParked;
        session.Send("check", """{"z":1}""");
        scheduler.RunUntil(() => session.Completion.IsCompleted, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));
        Assert.Equal("done", session.Completion.Result.FinalStateId);
        return (logs, runtime.DataModelsParked, sawParked);
    }

    private static string? FinalState(ScxmlSessionHandle session) => session.Completion.Result.FinalStateId;

    private static void Drain(VirtualTimeScxmlScheduler scheduler) => scheduler.RunUntil(() => false, TimeSpan.Zero, TimeSpan.Zero);
}
