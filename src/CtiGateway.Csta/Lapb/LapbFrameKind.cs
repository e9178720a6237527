namespace CtiGateway.Pbx.Lapb;

/// <summary>LAPB frame types (ISO 7776, modulo 8).</summary>
internal enum LapbFrameKind
{
    /// <summary>Information frame (N(S), N(R), P).</summary>
    I,

    /// <summary>Receive ready (supervisory, N(R), P/F).</summary>
    RR,

    /// <summary>Receive not ready (supervisory, N(R), P/F).</summary>
    RNR,

    /// <summary>Reject (supervisory, N(R), P/F): go back to N(R).</summary>
    REJ,

    /// <summary>Set asynchronous balanced mode (unnumbered command).</summary>
    SABM,

    /// <summary>Unnumbered acknowledgement (response).</summary>
    UA,

    /// <summary>Disconnect (command).</summary>
    DISC,

    /// <summary>Disconnected mode (response).</summary>
    DM,

    /// <summary>Frame reject (response, with a 3-byte information field).</summary>
    FRMR,
}
