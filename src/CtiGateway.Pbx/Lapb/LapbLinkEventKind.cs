namespace CtiGateway.Pbx.Lapb;

/// <summary>What a <see cref="LapbLinkEvent"/> reports.</summary>
internal enum LapbLinkEventKind
{
    /// <summary>Information transfer phase entered.</summary>
    LinkUp,

    /// <summary>Link went to the disconnected phase (DISC, or N2 exhausted).</summary>
    LinkDown,

    /// <summary>Link re-initialised (SABM, DM, FRMR received or N2 polls unanswered); unacknowledged I frames are queued again.</summary>
    LinkReset,

    /// <summary>We rejected a peer frame with FRMR.</summary>
    FrameRejectSent,

    /// <summary>The peer rejected one of our frames with FRMR.</summary>
    FrameRejectReceived,

    /// <summary>A frame with an unknown address or not valid in this phase was discarded.</summary>
    FrameDiscarded,
}
