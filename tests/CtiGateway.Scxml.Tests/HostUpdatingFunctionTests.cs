namespace CtiGateway.Scxml.Tests;

/// <summary>
/// A host function that changes host data (<c>_genesys.ixn.setuData</c>) has its updates applied when it returns: the
/// rest of the same script, and the next executable content of the same block, already read the new values.
/// </summary>
public sealed class HostUpdatingFunctionTests
{
    [Fact]
    public async Task UpdatesOfAnUpdatingFunctionAreVisibleBeforeTheScriptGoesOn()
    {
        var document = Charts.Load("""
            <state id="s">
              <transition event="go">
                <script>var r = _genesys.ixn.setuData('i1', {Segment: 'Gold'}); var inScript = _genesys.ixn.interactions.i1.udata.Segment;</script>
                <log label="result" expr="r + ' ' + inScript + ' ' + _genesys.ixn.interactions.i1.udata.Segment + ' ' + _genesys.ixn.interactions.i1.voice.ani"/>
                <raise event="next"/>
              </transition>
              <transition event="next" target="pass"/>
            </state>
            <final id="pass"/>
            """, rootAttributes: "profile=\"ecmascript\"");
        var logs = new Dictionary<string, string>();
        var calls = new List<string>();
        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions { LogSink = (_, label, value) => logs[label ?? string.Empty] = value });
        var session = runtime.Start(document, new ScxmlSessionOptions
        {
            HostObjects =
            [
                new ScxmlHostObject
                {
                    Name = "_genesys",
                    Properties = new Dictionary<string, string> { ["ixn"] = """{"interactions":{"i1":{"voice":{"ani":"555"},"udata":{}}}}""" },
                    UpdatingFunctions = new Dictionary<string, Func<IReadOnlyList<string?>, ScxmlHostCallResult>>
                    {
                        ["ixn.setuData"] = args =>
                        {
                            calls.Add(string.Join(" ", args));
                            return new ScxmlHostCallResult("true", [new ScxmlHostUpdate(["_genesys", "ixn", "interactions", "i1"], """{"voice":{"ani":"555"},"udata":{"Segment":"Gold"}}""")]);
                        },
                    },
                },
            ],
        });

        session.Send("go");
        scheduler.RunUntil(() => session.Completion.IsCompleted, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30));

        Assert.Equal("pass", (await session.Completion).FinalStateId);
        Assert.Equal("true Gold Gold 555", logs["result"]);
        Assert.Equal(["\"i1\" {\"Segment\":\"Gold\"}"], calls);
    }
}
