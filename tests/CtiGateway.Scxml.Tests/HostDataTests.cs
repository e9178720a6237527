namespace CtiGateway.Scxml.Tests;

/// <summary>Per-session host objects, host updates delivered with events, actions that complete later, snapshots.</summary>
public sealed class HostDataTests
{
    private const string OrsRoot = "profile=\"ecmascript\"";

    [Fact]
    public async Task EachSessionHasItsOwnHostObjectAndSeesUpdatesBeforeTheEvent()
    {
        var document = Charts.Load("""
            <datamodel><data id="seen" expr="''"/></datamodel>
            <state id="s">
              <transition event="party.added" cond="_genesys.ixn.interactions[_event.data.id].parties.length === 2" target="check">
                <assign location="seen" expr="_genesys.ixn.interactions[_event.data.id].parties[1].device + '/' + _genesys.ixn.getuData(_event.data.id).k"/>
              </transition>
              <transition event="*" target="fail"/>
            </state>
            <state id="check">
              <transition event="ixn.gone" cond="_genesys.ixn.interactions[_event.data.id] === undefined" target="pass"/>
              <transition event="*" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """, rootAttributes: OrsRoot);
        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler);

        ScxmlSessionHandle StartWith(string sessionId, string device) => runtime.Start(document, new ScxmlSessionOptions
        {
            SessionId = sessionId,
            HostObjects =
            [
                new ScxmlHostObject
                {
                    Name = "_genesys",
                    Properties = new Dictionary<string, string>
                    {
                        ["ixn"] = """{"interactions":{"i1":{"parties":[{"device":"3001"}],"udata":{}}}}""",
                    },
                    Functions = new Dictionary<string, Func<IReadOnlyList<string?>, string?>>
                    {
                        ["ixn.getuData"] = _ => $$"""{"k":"{{device}}"}""",
                    },
                },
            ],
        });

        var a = StartWith("session-a", "A");
        var b = StartWith("session-b", "B");
        Assert.Equal("session-a", a.SessionId);
        Assert.Throws<ArgumentException>(() => StartWith("session-a", "C"));

        a.Send("party.added", """{"id":"i1"}""", [new ScxmlHostUpdate(["_genesys", "ixn", "interactions", "i1", "parties"], """[{"device":"3001"},{"device":"5001"}]""")]);
        b.Send("party.added", """{"id":"i1"}""");
        scheduler.RunUntil(() => b.Completion.IsCompleted, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));
        var snapshot = a.SnapshotAsync();
        scheduler.RunUntil(() => snapshot.IsCompleted, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));

        Assert.Equal("fail", (await b.Completion).FinalStateId);
        var taken = await snapshot;
        Assert.NotNull(taken);
        Assert.Equal(["check"], taken.ActiveStates);
        Assert.Equal("""{"args_":{},"seen":"5001/A"}""", taken.DataModelJson);

        a.Send("ixn.gone", """{"id":"i1"}""", [new ScxmlHostUpdate(["_genesys", "ixn", "interactions", "i1"], null)]);
        scheduler.RunUntil(() => a.Completion.IsCompleted, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));
        Assert.Equal("pass", (await a.Completion).FinalStateId);
        Assert.Null(await a.SnapshotAsync());
    }

    [Fact]
    public async Task AnActionThatCompletesLaterHoldsVirtualTimeUntilItsEventIsPosted()
    {
        var handler = new LaterHandler();
        var document = Charts.Load("""
            <datamodel><data id="reqid"/></datamodel>
            <state id="s">
              <onentry>
                <send event="'too.late'" delay="'5s'"/>
                <later:redirect xmlns:later="urn:test:later" requestid="reqid"/>
              </onentry>
              <transition event="interaction.redirect.done" cond="_event.data.requestid === reqid" target="pass"/>
              <transition event="too.late" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """, rootAttributes: OrsRoot);
        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions { ActionHandlers = [handler] });
        var session = runtime.Start(document);

        // The switch answers on another thread after the scheduler has started waiting: the 5 s timer must not fire first.
        var answered = Task.Run(async () =>
        {
            var pending = await handler.Pending.Task;
            await Task.Yield();
            Assert.True(pending.Complete("interaction.redirect.done", """{"requestid":"R7"}"""));
            Assert.False(pending.Complete("interaction.redirect.done", """{"requestid":"R7"}"""));
        }, TestContext.Current.CancellationToken);
        scheduler.RunUntil(() => session.Completion.IsCompleted, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));
        await answered.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal("pass", (await session.Completion).FinalStateId);
    }

    [Fact]
    public async Task HostObjectsBuiltOnFirstUseBehaveAsPlainObjects()
    {
        var document = Charts.Load("""
            <state id="s">
              <transition event="go" target="pass">
                <log label="uneval" expr="uneval(_genesys.ixn)"/>
                <log label="keys" expr="Object.keys(_genesys.ixn.interactions.i1).join(',')"/>
                <log label="json" expr="JSON.stringify(_genesys.ixn.interactions.i1.voice)"/>
                <log label="function" expr="typeof _genesys.ixn.getuData + ' ' + Object.keys(_genesys.ixn).join(',')"/>
              </transition>
            </state>
            <final id="pass"/>
            """, rootAttributes: OrsRoot);
        var logs = new Dictionary<string, string>();
        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions { LogSink = (_, label, value) => logs[label ?? string.Empty] = value });
        var session = runtime.Start(document, new ScxmlSessionOptions
        {
            HostObjects =
            [
                new ScxmlHostObject
                {
                    Name = "_genesys",
                    Properties = new Dictionary<string, string> { ["ixn"] = """{"interactions":{"i1":{"voice":{"ani":"5551234","n":2},"parties":[1,"x"]}}}""" },
                    Functions = new Dictionary<string, Func<IReadOnlyList<string?>, string?>> { ["ixn.getuData"] = _ => "{}" },
                },
            ],
        });

        session.Send("go", null, [new ScxmlHostUpdate(["_genesys", "ixn", "interactions", "i2"], """{"voice":{"ani":"777"}}""")]);
        scheduler.RunUntil(() => session.Completion.IsCompleted, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));

        Assert.Equal("pass", (await session.Completion).FinalStateId);
        Assert.Equal("""({interactions:({i1:({voice:({ani:"5551234", n:2}), parties:[1, "x"]}), i2:({voice:({ani:"777"})})})})""", logs["uneval"]);
        Assert.Equal("voice,parties", logs["keys"]);
        Assert.Equal("""{"ani":"5551234","n":2}""", logs["json"]);
        Assert.Equal("function interactions", logs["function"]);
    }

    [Fact]
    public void ScheduledHostWorkRunsOnTheVirtualClock()
    {
        var scheduler = new VirtualTimeScxmlScheduler();
        var ranAt = DateTimeOffset.MinValue;
        var start = scheduler.Now;
        scheduler.Schedule(TimeSpan.FromSeconds(30), () => ranAt = scheduler.Now);

        scheduler.RunUntil(() => ranAt != DateTimeOffset.MinValue, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(30), ranAt - start);
    }

    private sealed class LaterHandler : IScxmlActionHandler
    {
        public TaskCompletionSource<ScxmlPendingAction> Pending { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Namespace => "urn:test:later";

        public void Execute(ScxmlActionContext context)
        {
            context.Assign(context.Attributes["requestid"], "\"R7\"");
            Pending.SetResult(context.BeginAsync());
        }
    }
}
