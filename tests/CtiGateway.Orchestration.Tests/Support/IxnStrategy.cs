namespace CtiGateway.Orchestration.Tests.Support;

/// <summary>
/// Small ORS strategies for the action tests: wait for interaction.present (its id in <c>ixnid</c>), then the states the
/// test writes; finals <c>done</c> and <c>failed</c>.
/// </summary>
internal static class IxnStrategy
{
    public static string Wrap(string states, string data = "") => $$"""
        <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml" xmlns:ixn="http://www.genesyslab.com/modules/interaction"
               xmlns:queue="http://www.genesyslab.com/modules/queue" xmlns:dialog="http://www.genesyslab.com/modules/dialog" initial="wait">
          <datamodel><data id="ixnid" expr="''"/><data id="reqid" expr="''"/>{{data}}</datamodel>
          <state id="wait">
            <transition event="interaction.present" target="act"><assign location="ixnid" expr="_event.data.interactionid"/></transition>
          </state>
          {{states}}
          <final id="done"/>
          <final id="failed"/>
        </scxml>
        """;

    /// <summary>
    /// States that route the call to 5001 and answer it there (ixn:redirect, ixn:accept), checking that
    /// <c>_genesys</c> already shows each party change when its event arrives, then go to state <c>step</c>.
    /// </summary>
    public static string ConnectedAt5001(string step) => Wrap($$"""
        <state id="act">
          <onentry><ixn:redirect interactionid="ixnid" to="'5001'" requestid="reqid"/></onentry>
          <transition event="interaction.partyadded" cond="_event.data.focusresource == '5001' &amp;&amp; _genesys.ixn.interactions[ixnid].parties[_event.data.partyid].state == 'ringing'" target="answer"/>
          <transition event="error.interaction.redirect" target="failed"/>
        </state>
        <state id="answer">
          <onentry><ixn:accept interactionid="ixnid" resource="'5001'" requestid="reqid"/></onentry>
          <transition event="interaction.partystatechanged" cond="_event.data.focusresource == '5001' &amp;&amp; _event.data.partystate == 'connected' &amp;&amp; _genesys.ixn.interactions[ixnid].parties[_event.data.partyid].state == 'connected'" target="step"/>
          <transition event="error.interaction.accept" target="failed"/>
        </state>
        {{step}}
        """);

    /// <summary>A state <c>act</c> running <paramref name="action"/> and ending in done or failed by its answer.</summary>
    public static string Act(string name, string action, string then = "done") => Wrap($$"""
        <state id="act">
          <onentry>{{action}}</onentry>
          <transition event="interaction.{{name}}.done" cond="_event.data.requestid == reqid" target="{{then}}"/>
          <transition event="error.interaction.{{name}}" cond="_event.data.requestid == reqid" target="failed"/>
        </state>
        """);
}
