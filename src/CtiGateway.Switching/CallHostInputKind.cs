namespace CtiGateway.Switching;

/// <summary>What a <see cref="CallHostInput"/> carries.</summary>
internal enum CallHostInputKind
{
    /// <summary>A message the switch sent on its own (call events, agent events, status).</summary>
    SwitchMessage,

    /// <summary>A client request that needs this switch.</summary>
    ClientRequest,

    /// <summary>The switch's answer to a request the loop sent, or its failure (timeout, link down).</summary>
    SwitchAnswer,

    /// <summary>A link of the switch became the active one, its monitors started.</summary>
    LinkUp,

    /// <summary>No link of the switch is up.</summary>
    LinkDown,

    /// <summary>A SnapshotDevice reply (resynchronisation).</summary>
    SnapshotReply,

    /// <summary>Read the model on the loop (listings).</summary>
    Query,
}
