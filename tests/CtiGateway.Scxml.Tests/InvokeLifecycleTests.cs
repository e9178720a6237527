namespace CtiGateway.Scxml.Tests;

/// <summary>
/// SCXML 1.0 section 6.4: what a parent receives from an invoked session around the child's end and around the
/// parent's cancellation of it.
/// </summary>
public sealed class InvokeLifecycleTests
{
    /// <summary>
    /// The child reaches its top-level final state and, in that state's onexit, sends the parent an event. The parent
    /// leaves the invoking state on that event (which cancels the invocation), yet done.invoke had already been
    /// received and must still be processed: it is the last event from the child, after everything the child sent.
    /// </summary>
    private const string ChildEndsThenParentLeaves = """
        <state id="agentBusy">
          <onentry><send event="giveUp" delay="5s"/></onentry>
          <invoke id="wrap" type="http://www.w3.org/TR/scxml/">
            <content>
              <scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" datamodel="ecmascript" initial="afterCallWork">
                <final id="afterCallWork">
                  <onexit><send target="#_parent" event="call.released"><param name="ThisDN" expr="'5001'"/></send></onexit>
                </final>
              </scxml>
            </content>
          </invoke>
          <transition event="call.released" cond="_event.data.ThisDN === '5001'" target="agentReady"/>
          <transition event="*" target="fail"/>
        </state>
        <state id="agentReady">
          <transition event="done.invoke.wrap" cond="_event.invokeid === 'wrap'" target="pass"/>
          <transition event="*" target="fail"/>
        </state>
        <final id="pass"/>
        <final id="fail"/>
        """;

    /// <summary>
    /// The parent cancels a running child by leaving the invoking state; the child's onexit then sends the parent an
    /// event. That event is received after the cancellation and must be ignored.
    /// </summary>
    private const string ParentCancelsChild = """
        <state id="ringing">
          <invoke id="queue" type="http://www.w3.org/TR/scxml/">
            <content>
              <scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" datamodel="ecmascript" initial="waiting">
                <state id="waiting">
                  <onentry><send target="#_parent" event="queue.ready"/></onentry>
                  <onexit><send target="#_parent" event="queue.late"/></onexit>
                  <transition event="never" target="gone"/>
                </state>
                <final id="gone"/>
              </scxml>
            </content>
          </invoke>
          <transition event="queue.ready" target="talking"/>
        </state>
        <state id="talking">
          <onentry><send event="settled" delay="2s"/></onentry>
          <transition event="settled" target="pass"/>
          <transition event="*" target="fail"/>
        </state>
        <final id="pass"/>
        <final id="fail"/>
        """;

    [Fact]
    public void DoneInvokeReceivedBeforeTheParentLeftIsProcessedAfterTheChildsExitEvents()
    {
        Assert.Equal("pass", Charts.RunVirtual(Charts.Load(ChildEndsThenParentLeaves, rootAttributes: "initial=\"agentBusy\""))?.FinalStateId);
    }

    [Fact]
    public async Task DoneInvokeAndTheChildsExitEventsArriveTogetherOnTheThreadPool()
    {
        // On the thread pool the parent may run while the child is still exiting: the child's exit events and
        // done.invoke must reach the parent's mailbox together, whatever the interleaving.
        var document = Charts.Load(ChildEndsThenParentLeaves, rootAttributes: "initial=\"agentBusy\"");
        using var runtime = new ScxmlRuntime(new ThreadPoolScxmlScheduler());
        var sessions = Enumerable.Range(0, 40).Select(_ => runtime.Start(document)).ToList();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var results = await Task.WhenAll(sessions.Select(s => s.Completion.WaitAsync(deadline.Token)));

        Assert.All(results, r => Assert.Equal("pass", r.FinalStateId));
    }

    [Fact]
    public void EventsSentByAChildAfterTheParentCancelledItAreIgnored()
    {
        Assert.Equal("pass", Charts.RunVirtual(Charts.Load(ParentCancelsChild, rootAttributes: "initial=\"ringing\""))?.FinalStateId);
    }

    [Fact]
    public async Task EventsSentByAChildAfterTheParentCancelledItAreIgnoredOnTheThreadPool()
    {
        var document = Charts.Load(ParentCancelsChild, rootAttributes: "initial=\"ringing\"");
        using var runtime = new ScxmlRuntime(new ThreadPoolScxmlScheduler());
        var sessions = Enumerable.Range(0, 10).Select(_ => runtime.Start(document)).ToList();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var results = await Task.WhenAll(sessions.Select(s => s.Completion.WaitAsync(deadline.Token)));

        Assert.All(results, r => Assert.Equal("pass", r.FinalStateId));
    }
}
