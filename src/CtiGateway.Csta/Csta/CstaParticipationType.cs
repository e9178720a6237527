namespace CtiGateway.Pbx.Csta;

/// <summary>ECMA-269 participationType of SingleStepConferenceCall: how the joining device takes part.</summary>
public enum CstaParticipationType
{
    /// <summary>The device talks and listens (a third party on the call).</summary>
    Active,

    /// <summary>The device only listens (a recorder or a supervisor's silent monitoring).</summary>
    Silent,
}
