namespace CtiGateway.Scxml.Tests;

/// <summary>
/// Delayed sends that share one send id (a literal <c>id</c> used twice, or an ORS <c>sendid</c> location that already
/// holds an id): each is delivered, and &lt;cancel&gt; cancels all of them.
/// </summary>
public sealed class DelayedSendIdTests
{
    [Fact]
    public void TwoPendingSendsWithOneIdAreBothDelivered()
    {
        var document = Charts.Load("""
            <state id="s">
              <onentry><send event="a" id="x" delay="1s"/><send event="b" id="x" delay="2s"/></onentry>
              <transition event="a" target="s2"/>
            </state>
            <state id="s2"><transition event="b" target="pass"/></state>
            <final id="pass"/>
            """);

        Assert.Equal("pass", Charts.RunVirtual(document, limit: TimeSpan.FromSeconds(30))?.FinalStateId);
    }

    [Fact]
    public void CancelStopsEverySendWithThatId()
    {
        var document = Charts.Load("""
            <state id="s">
              <onentry>
                <send event="a" id="x" delay="2s"/><send event="b" id="x" delay="3s"/>
                <send event="c" delay="1s"/><send event="end" delay="10s"/>
              </onentry>
              <transition event="c"><cancel sendid="x"/></transition>
              <transition event="a" target="fail"/>
              <transition event="b" target="fail"/>
              <transition event="end" target="pass"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """);

        Assert.Equal("pass", Charts.RunVirtual(document, limit: TimeSpan.FromSeconds(30))?.FinalStateId);
    }
}
