namespace CtiGateway.Testing.CallModels;

/// <summary>Who triggers a <see cref="ScenarioStep"/>: a party's T-Library request, or the switch itself.</summary>
internal enum ScenarioStepKind
{
    /// <summary>A party's client sends a T-Library request on its DN.</summary>
    Request,

    /// <summary>The switch: a trunk call from an external number arrives for a DN.</summary>
    InboundCall,

    /// <summary>The switch: the external party of a call hangs up.</summary>
    ExternalHangsUp,

    /// <summary>The switch: the external far end of an outbound call answers.</summary>
    FarEndAnswers,

    /// <summary>The switch: the network reports an external number busy (before the call is made).</summary>
    NetworkBusy,

    /// <summary>The server: no router answers the route request in time; the gateway routes the call to the default destination.</summary>
    RouterTimeout,
}
