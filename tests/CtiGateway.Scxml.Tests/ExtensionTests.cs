namespace CtiGateway.Scxml.Tests;

/// <summary>Dialects, custom action elements by namespace, host objects, virtual time.</summary>
public sealed class ExtensionTests
{
    [Fact]
    public void AProfileAttributeSelectsTheOrsDialectWhereSendAttributesAreExpressions()
    {
        var document = Charts.Load("""
            <datamodel><data id="name" expr="'go'"/><data id="wait" expr="'2s'"/></datamodel>
            <state id="s">
              <onentry><send event="name + '.now'" delay="wait" id="t1"/></onentry>
              <transition event="go.now" target="pass"/>
            </state>
            <final id="pass"/>
            """, rootAttributes: "profile=\"ecmascript\" _persist=\"false\"");

        Assert.Equal(ScxmlDialect.Ors, document.Dialect);
        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);
    }

    [Fact]
    public void OrsDocumentsGetUnevalToSourceDataAliasLogAndRaise()
    {
        var logs = new List<string>();
        var document = Charts.Load("""
            <datamodel><data id="x" expr="1"/></datamodel>
            <state id="s">
              <onentry>
                <script>
                  _data.x = 2;
                  var copy = eval(uneval({ a: [1, 'two'], b: { c: null } }));
                  var source = ({ n: 1 }).toSource();
                  __Log('checked', x);
                  if (x === 2 &amp;&amp; copy.a[1] === 'two' &amp;&amp; copy.b.c === null &amp;&amp; source === '({n:1})' &amp;&amp; _my_prefix === '') { __Raise('ors.ok', { v: 1 }); }
                </script>
              </onentry>
              <transition event="ors.ok" cond="_event.data.v === 1" target="pass"/>
              <transition event="*" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """, rootAttributes: "profile=\"ecmascript\"");

        var result = Charts.RunVirtual(document, new ScxmlRuntimeOptions { LogSink = (_, _, value) => logs.Add(value) });

        Assert.Equal("pass", result?.FinalStateId);
        Assert.Contains("checked 2", logs);
    }

    [Fact]
    public void AGenesysModuleNamespaceSelectsOrsAndTheOptionOverridesIt()
    {
        const string body = """<final id="f"/>""";
        var detected = Charts.Load(body, rootAttributes: "xmlns:queue=\"http://www.genesyslab.com/modules/queue\"");
        var forced = Charts.Load(body, new ScxmlLoadOptions { Dialect = ScxmlDialect.W3c }, "xmlns:queue=\"http://www.genesyslab.com/modules/queue\"");
        var plain = Charts.Load(body);

        Assert.Equal(ScxmlDialect.Ors, detected.Dialect);
        Assert.Equal(ScxmlDialect.W3c, forced.Dialect);
        Assert.Equal(ScxmlDialect.W3c, plain.Dialect);
    }

    [Fact]
    public void ACustomActionHandlerRunsElementsOfItsNamespace()
    {
        var handler = new QueueHandler();
        var document = Charts.Load("""
            <datamodel><data id="reqid"/><data id="vq" expr="'VQ_Sales'"/></datamodel>
            <state id="s">
              <onentry><queue:submit xmlns:queue="urn:test:queue" queue="vq" requestid="reqid"/></onentry>
              <transition event="queue.submit.done" cond="_event.data.queue === 'VQ_Sales' &amp;&amp; reqid === 'R1'" target="pass"/>
              <transition event="*" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """);

        var result = Charts.RunVirtual(document, new ScxmlRuntimeOptions { ActionHandlers = [handler] });

        Assert.Equal("pass", result?.FinalStateId);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public void AFailingCustomActionRaisesErrorExecutionAndSkipsTheRestOfTheBlock()
    {
        var document = Charts.Load("""
            <state id="s">
              <onentry><queue:fail xmlns:queue="urn:test:queue"/><raise event="not.reached"/></onentry>
              <transition event="error.execution" target="pass"/>
              <transition event="*" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """);

        Assert.Equal("pass", Charts.RunVirtual(document, new ScxmlRuntimeOptions { ActionHandlers = [new QueueHandler()] })?.FinalStateId);
    }

    [Fact]
    public void HostObjectsAreReadOnlyGlobalsWithJsonFunctions()
    {
        var host = new ScxmlHostObject
        {
            Name = "_host",
            Properties = new Dictionary<string, string> { ["tenant"] = "\"Resources\"" },
            Functions = new Dictionary<string, Func<IReadOnlyList<string?>, string?>>
            {
                ["add"] = args => (int.Parse(args[0]!, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(args[1]!, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        var document = Charts.Load("""
            <state id="s">
              <onentry><script>_host = null;</script></onentry>
              <transition cond="_host.tenant === 'Resources' &amp;&amp; _host.add(2, 3) === 5" target="pass"/>
              <transition target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """);

        Assert.Equal("pass", Charts.RunVirtual(document, new ScxmlRuntimeOptions { HostObjects = [host] })?.FinalStateId);
    }

    [Fact]
    public void AssigningToAHostObjectOrInRaisesErrorExecution()
    {
        var host = new ScxmlHostObject { Name = "_host" };
        var document = Charts.Load("""
            <state id="s">
              <onentry><assign location="_host" expr="1"/><raise event="not.reached"/></onentry>
              <transition event="error.execution" target="t"/>
              <transition event="*" target="fail"/>
            </state>
            <state id="t">
              <onentry><assign location="In" expr="1"/><raise event="not.reached"/></onentry>
              <transition event="error.execution" cond="typeof _host === 'object' &amp;&amp; typeof In === 'function'" target="pass"/>
              <transition event="*" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """);

        Assert.Equal("pass", Charts.RunVirtual(document, new ScxmlRuntimeOptions { HostObjects = [host] })?.FinalStateId);
    }

    [Fact]
    public void LongDelaysCostNoWallTimeInVirtualTime()
    {
        var document = Charts.Load("""
            <state id="s">
              <onentry><send event="later" delay="3600s"/></onentry>
              <transition event="later" target="pass"/>
            </state>
            <final id="pass"/>
            """);
        var started = DateTime.UtcNow;

        var result = Charts.RunVirtual(document, limit: TimeSpan.FromHours(2));

        Assert.Equal("pass", result?.FinalStateId);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task TheHostCanSendEventsWithJsonData()
    {
        var document = Charts.Load("""
            <state id="s">
              <transition event="call.arrived" cond="_event.data.dnis === '3001'" target="pass"/>
              <transition event="*" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """);
        using var runtime = new ScxmlRuntime(new ThreadPoolScxmlScheduler());
        var session = runtime.Start(document);

        session.Send("call.arrived", """{"dnis":"3001"}""");

        var result = await session.Completion.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal("pass", result.FinalStateId);
    }

    private sealed class QueueHandler : IScxmlActionHandler
    {
        public string Namespace => "urn:test:queue";

        public int Calls { get; private set; }

        public void Execute(ScxmlActionContext context)
        {
            if (context.LocalName == "fail")
            {
                throw new ScxmlActionException("queue refused");
            }

            Calls++;
            var queue = context.Evaluate(context.Attributes["queue"]);
            context.Assign(context.Attributes["requestid"], "\"R1\"");
            context.Raise("queue.submit.done", $$"""{"queue":{{queue}}}""");
        }
    }
}
