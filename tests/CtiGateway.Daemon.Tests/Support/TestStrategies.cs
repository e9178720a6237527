namespace CtiGateway.Daemon.Tests;

/// <summary>Strategy documents (ORS dialect) for the orchestration tests.</summary>
internal static class TestStrategies
{
    /// <summary>
    /// Takes the call on interaction.present, logs "holding CONNID" and waits in state <paramref name="holdState"/> for
    /// ever (until killed or its time-to-live): a session that stays, for listing, showing and killing.
    /// </summary>
    public static string Hold(string holdState = "holding") => $$"""
        <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml"
          xmlns:ixn="http://www.genesyslab.com/modules/interaction" initial="waiting">
          <datamodel>
            <data ID="ixnid" expr="''"/>
            <data ID="greeting" expr="'hold strategy'"/>
          </datamodel>
          <state id="waiting">
            <transition event="interaction.present" target="{{holdState}}">
              <script>_data.ixnid = _event.data.interactionid;</script>
              <log label="hold" expr="'holding ' + _data.ixnid"/>
            </transition>
          </state>
          <state id="{{holdState}}"/>
          <final id="done"/>
        </scxml>
        """;

    /// <summary>A document that does not load: line 4 has a transition to a state that does not exist.</summary>
    public const string Broken = """
        <scxml version="1.0" xmlns="http://www.w3.org/2005/07/scxml"
          xmlns:ixn="http://www.genesyslab.com/modules/interaction" initial="waiting">
          <state id="waiting">
            <transition event="interaction.present" target="nowhere"/>
          </state>
        </scxml>
        """;
}
