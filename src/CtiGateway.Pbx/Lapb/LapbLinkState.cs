namespace CtiGateway.Pbx.Lapb;

/// <summary>Phase of a <see cref="LapbLink"/>.</summary>
internal enum LapbLinkState
{
    /// <summary>Disconnected phase.</summary>
    Disconnected,

    /// <summary>SABM sent, waiting for UA.</summary>
    LinkSetup,

    /// <summary>Information transfer phase.</summary>
    Connected,

    /// <summary>FRMR sent, waiting for the peer to reset the link.</summary>
    FrameRejected,

    /// <summary>DISC sent, waiting for UA or DM.</summary>
    Disconnecting,
}
