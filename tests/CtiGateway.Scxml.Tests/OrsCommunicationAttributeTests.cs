namespace CtiGateway.Scxml.Tests;

/// <summary>
/// ORS's <c>sendid</c> on &lt;send&gt; (the Genesys SCXML reference: "sendid: full support", "id (replaces sendid)"), and
/// its <c>hints</c> and <c>timeout</c>: a strategy that uses them loads and its timers can be cancelled. Likewise ORS's
/// <c>targettype</c> and <c>invokeid</c> on &lt;invoke&gt; ("type (replaces targettype)", "invokeid: full support").
/// </summary>
public sealed class OrsCommunicationAttributeTests
{
    private const string Ors = "profile=\"ecmascript\"";

    [Fact]
    public void ALiteralSendidNamesTheSendSoCancelStopsIt()
    {
        var document = Charts.Load("""
            <state id="s">
              <onentry>
                <send event="'late'" delay="'10s'" sendid="'timerA'"/>
                <send event="'soon'" delay="'1s'"/>
              </onentry>
              <transition event="soon"><cancel sendid="'timerA'"/></transition>
              <transition event="cancel.successful" cond="_event.data.sendid == 'timerA'"><send event="'end'" delay="'20s'"/></transition>
              <transition event="late" target="fail"/>
              <transition event="end" target="pass"/>
              <transition event="error.*" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """, rootAttributes: Ors);

        Assert.Empty(document.Diagnostics);
        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);
    }

    [Fact]
    public void AnEmptyLocationReceivesAGeneratedIdAndAFilledOneNamesTheSend()
    {
        var document = Charts.Load("""
            <datamodel><data ID="timer"/><data ID="named" expr="'mine'"/></datamodel>
            <state id="s">
              <onentry>
                <send event="'late'" delay="'10s'" sendid="timer"/>
                <send event="'late'" delay="'10s'" sendid="named"/>
                <send event="'soon'" delay="'1s'"/>
              </onentry>
              <transition event="soon" cond="typeof timer == 'string' &amp;&amp; timer.length &gt; 0 &amp;&amp; named == 'mine'">
                <cancel sendid="timer"/><cancel sendid="'mine'"/><send event="'end'" delay="'20s'"/>
              </transition>
              <transition event="late" target="fail"/>
              <transition event="end" target="pass"/>
              <transition event="error.*" target="fail"/>
              <transition event="soon" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """, rootAttributes: Ors);

        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);
    }

    [Fact]
    public void AnEmptyValueThatIsNoLocationIsAnExecutionError()
    {
        var document = Charts.Load("""
            <state id="s">
              <onentry><send event="'x'" sendid="null"/></onentry>
              <transition event="error.execution" cond="_event.data.message.indexOf('sendid') &gt;= 0" target="pass"/>
              <transition event="*" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """, rootAttributes: Ors);

        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);
    }

    [Fact]
    public void HintsAndTimeoutLoadWithAWarningAndSendidIsExclusiveAndOrsOnly()
    {
        var document = Charts.Load("""
            <state id="s">
              <onentry><send event="'ping'" target="'#_internal'" hints="({a: 1})" timeout="'5s'"/></onentry>
              <transition event="ping" target="pass"/>
            </state>
            <final id="pass"/>
            """, rootAttributes: Ors);
        Assert.All(document.Diagnostics, d => Assert.True(d.IsWarning));
        Assert.Contains(document.Diagnostics, d => d.Message.Contains("'hints' on <send> has no effect", StringComparison.Ordinal) && d.Line == 2 && d.Column > 0);
        Assert.Contains(document.Diagnostics, d => d.Message.Contains("'timeout' on <send> has no effect", StringComparison.Ordinal));
        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);

        var both = Assert.Throws<ScxmlLoadException>(() => Charts.Load("""<state id="s"><onentry><send event="'e'" sendid="'a'" id="b"/></onentry></state>""", rootAttributes: Ors));
        Assert.Contains("'sendid'", both.Message, StringComparison.Ordinal);
        var w3c = Assert.Throws<ScxmlLoadException>(() => Charts.Load("""<state id="s"><onentry><send event="e" sendid="a"/></onentry></state>"""));
        Assert.Contains("unknown attribute 'sendid' on <send>", w3c.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvokeTakesTargettypeAndInvokeidInOrsOnly()
    {
        const string Invoke = """
            <state id="s">
              <invoke targettype="scxml" invokeid="child">
                <content><scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" initial="c"><final id="c"/></scxml></content>
              </invoke>
              <transition event="done.invoke.child" target="pass"/>
              <transition event="*" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """;
        var document = Charts.Load(Invoke, rootAttributes: Ors);
        Assert.Empty(document.Diagnostics);
        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);

        var both = Assert.Throws<ScxmlLoadException>(() => Charts.Load("""<state id="s"><invoke invokeid="a" id="b" type="scxml" src="x.scxml"/></state>""", rootAttributes: Ors));
        Assert.Contains("may not have both 'invokeid' and 'id'", both.Message, StringComparison.Ordinal);
        var w3c = Assert.Throws<ScxmlLoadException>(() => Charts.Load(Invoke));
        Assert.Contains("unknown attribute 'targettype' on <invoke>", w3c.Message, StringComparison.Ordinal);
    }
}
