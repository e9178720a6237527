namespace CtiGateway.Scxml.Tests;

/// <summary>The Genesys ORS (2009 draft) dialect: data, initial, log levels, expression attributes, cancel answers, args_.</summary>
public sealed class OrsDialectTests
{
    private const string Ors = "profile=\"ecmascript\"";

    [Fact]
    public void DataWithUpperCaseIdWithoutExprAndWithGenesysAttributesIsAccepted()
    {
        var document = Charts.Load("""
            <datamodel>
              <data ID="stateName" expr="'initial'" _type="string" _desc="the current step"/>
              <data id="empty"/>
              <data id="count" expr="2" _persist="true"/>
            </datamodel>
            <state id="s">
              <transition cond="stateName === 'initial' &amp;&amp; _data.stateName === 'initial' &amp;&amp; typeof empty === 'undefined' &amp;&amp; count === 2" target="pass"/>
              <transition target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """, rootAttributes: Ors + " _persist=\"false\"");

        Assert.Empty(document.Diagnostics);
        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);
    }

    [Fact]
    public void UpperCaseIdIsRefusedInTheW3cDialectAndNotAllowedBesideId()
    {
        var w3c = Assert.Throws<ScxmlLoadException>(() => Charts.Load("""<datamodel><data ID="x" expr="1"/></datamodel><final id="f"/>"""));
        var both = Assert.Throws<ScxmlLoadException>(() => Charts.Load("""<datamodel><data id="x" ID="y" expr="1"/></datamodel><final id="f"/>""", rootAttributes: Ors));

        Assert.Contains("unknown attribute 'ID' on <data>", w3c.Message, StringComparison.Ordinal);
        Assert.Contains("may not have both 'id' and 'ID'", both.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATopLevelInitialElementEntersADeepTargetAndRunsItsContent()
    {
        var logs = new List<string>();
        var document = Charts.Load("""
            <initial><transition target="waiting"><log expr="'initial transition'"/></transition></initial>
            <state id="main" initial="other">
              <state id="other"><transition target="fail"/></state>
              <state id="waiting"><transition cond="In('main')" target="pass"/></state>
            </state>
            <final id="pass"/><final id="fail"/>
            """, rootAttributes: Ors);

        var result = Charts.RunVirtual(document, new ScxmlRuntimeOptions { LogSink = (_, _, value) => logs.Add(value) });

        Assert.Equal("pass", result?.FinalStateId);
        Assert.Equal(["initial transition"], logs);
    }

    [Fact]
    public void ATopLevelInitialElementIsAnErrorInW3cAndBesideAnInitialAttribute()
    {
        const string body = """<initial><transition target="f"/></initial><final id="f"/>""";
        var w3c = Assert.Throws<ScxmlLoadException>(() => Charts.Load(body));
        var both = Assert.Throws<ScxmlLoadException>(() => Charts.Load(body, rootAttributes: Ors + " initial=\"f\""));

        Assert.Contains("<initial> is not allowed in <scxml>", w3c.Message, StringComparison.Ordinal);
        Assert.Contains("both an 'initial' attribute and an <initial> element", both.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LogLevelsArePassedOnAndABadLevelIsAWarning()
    {
        var entries = new List<ScxmlLogEntry>();
        var plain = new List<string>();
        var document = Charts.Load("""
            <state id="s">
              <onentry>
                <log expr="'one'" level="1"/>
                <log expr="'four'" level="4"/>
                <log expr="'none'"/>
                <log label="only label"/>
                <log expr="'bad'" level="high"/>
              </onentry>
              <transition target="pass"/>
            </state>
            <final id="pass"/>
            """, rootAttributes: Ors);

        var result = Charts.RunVirtual(document, new ScxmlRuntimeOptions
        {
            LogEntrySink = entries.Add,
            LogSink = (_, label, value) => plain.Add($"{label}|{value}"),
        });

        Assert.Equal("pass", result?.FinalStateId);
        var warning = Assert.Single(document.Diagnostics);
        Assert.True(warning.IsWarning);
        Assert.Contains("log level 'high' is not a number from 1 to 4", warning.Message, StringComparison.Ordinal);
        Assert.Equal(7, warning.Line);
        Assert.Equal(
            [("one", 1), ("four", 4), ("none", null), (string.Empty, null), ("bad", null)],
            entries.Select(e => (e.Value, e.Level)).ToList());
        Assert.Equal("only label", entries[3].Label);
        Assert.Equal(["|one", "|four", "|none", "only label|", "|bad"], plain);
    }

    [Fact]
    public async Task EventTargetDelayAndSendidAreExpressionsAndDelaysRunInVirtualTime()
    {
        var scheduler = new VirtualTimeScxmlScheduler();
        var seen = new List<(string Value, TimeSpan At)>();
        var document = Charts.Load("""
            <datamodel>
              <data id="prefix" expr="'t'"/>
              <data id="short" expr="'100ms'"/>
              <data id="internal" expr="'#_internal'"/>
              <data id="sid" expr="''"/>
            </datamodel>
            <state id="s">
              <onentry>
                <send event="prefix + '.3s'" delay="'3s'"/>
                <send event="prefix + '.33s'" delay="'33s'"/>
                <send event="prefix + '.100ms'" delay="short"/>
                <send event="prefix + '.bare'" delay="2"/>
                <send event="prefix + '.cancelled'" delay="'10s'" idlocation="sid"/>
                <send event="'now'" target="internal"/>
                <send event="'literal.id'" delay="'20s'" id="fixed"/>
                <cancel sendid="sid"/>
              </onentry>
              <transition event="now" cond="_event.type === 'internal'"><log expr="'now'"/></transition>
              <transition event="t.33s" target="pass"><log expr="_event.name"/></transition>
              <transition event="t.*"><log expr="_event.name"/></transition>
              <transition event="literal.id"><log expr="_event.name + ':' + _event.sendid"/></transition>
            </state>
            <final id="pass"/>
            """, rootAttributes: Ors);

        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions { LogSink = (_, _, value) => seen.Add((value, scheduler.Now - DateTimeOffset.UnixEpoch)) });
        var session = runtime.Start(document);
        Assert.True(scheduler.RunUntil(() => session.Completion.IsCompleted, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30)), string.Join("\n", seen));

        Assert.Equal("pass", (await session.Completion).FinalStateId);
        Assert.Equal(
            [
                ("now", TimeSpan.Zero),
                ("t.100ms", TimeSpan.FromMilliseconds(100)),
                ("t.bare", TimeSpan.FromSeconds(2)),
                ("t.3s", TimeSpan.FromSeconds(3)),
                ("literal.id:fixed", TimeSpan.FromSeconds(20)),
                ("t.33s", TimeSpan.FromSeconds(33)),
            ],
            seen);
    }

    [Fact]
    public void CancelTakesAnExpressionAndAnswersCancelSuccessfulOrErrorNotAllowed()
    {
        var document = Charts.Load("""
            <datamodel><data id="App_Wait" expr="({})"/></datamodel>
            <state id="s">
              <onentry>
                <send event="'wait.timeout'" delay="'10s'" idlocation="App_Wait['requestid']"/>
                <cancel sendid="App_Wait['requestid']"/>
              </onentry>
              <transition event="cancel.successful" cond="_event.data.sendid === App_Wait['requestid']" target="again"/>
              <transition event="*" target="fail"/>
            </state>
            <state id="again">
              <onentry><cancel sendid="App_Wait['requestid']"/></onentry>
              <transition event="error.notallowed" cond="_event.data.sendid === App_Wait['requestid']" target="quiet"/>
              <transition event="*" target="fail"/>
            </state>
            <state id="quiet">
              <onentry><send event="'later'" delay="'20s'"/></onentry>
              <transition event="later" target="pass"/>
              <transition event="*" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """, rootAttributes: Ors);

        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);
    }

    [Fact]
    public void CancelInTheW3cDialectRaisesNoAnswer()
    {
        var document = Charts.Load("""
            <state id="s">
              <onentry><send event="late" delay="1s" id="x"/><cancel sendid="x"/><cancel sendid="unknown"/><send event="end" delay="2s"/></onentry>
              <transition event="end" target="pass"/>
              <transition event="*" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """);

        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);
    }

    [Fact]
    public void AnOrsDocumentRunOnItsOwnHasAnEmptyArgsObject()
    {
        var document = Charts.Load("""
            <state id="s">
              <transition cond="typeof args_ === 'object' &amp;&amp; Object.keys(args_).length === 0 &amp;&amp; args_.vQueue === undefined" target="pass"/>
              <transition target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """, rootAttributes: Ors);

        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);
    }

    [Fact]
    public void AnInvokedOrsDocumentGetsItsParamsAndNamelistInArgs()
    {
        var logs = new List<string>();
        var document = Charts.Load("""
            <datamodel><data id="queueName" expr="'VQ_Sales'"/></datamodel>
            <state id="s">
              <invoke id="sub" namelist="queueName">
                <content>
                  <scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" profile="ecmascript">
                    <datamodel><data id="Timeout" expr="'unset'"/></datamodel>
                    <final id="done">
                      <donedata>
                        <param name="seen" expr="args_.Timeout + ',' + args_.queueName + ',' + args_.Nested.a + ',' + Timeout"/>
                      </donedata>
                    </final>
                  </scxml>
                </content>
                <param name="Timeout" expr="'5s'"/>
                <param name="Nested" expr="({ a: [1, 2] })"/>
              </invoke>
              <transition event="done.invoke.sub" target="pass"><log expr="_event.data.seen"/></transition>
            </state>
            <final id="pass"/>
            """, rootAttributes: Ors);

        var result = Charts.RunVirtual(document, new ScxmlRuntimeOptions { LogSink = (_, _, value) => logs.Add(value) });

        Assert.Equal("pass", result?.FinalStateId);
        Assert.Equal(["5s,VQ_Sales,1,2,5s"], logs);
    }
}
