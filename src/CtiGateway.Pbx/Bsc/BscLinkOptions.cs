namespace CtiGateway.Pbx.Bsc;

/// <summary>
/// Timers and retry counts of a <see cref="BscLink"/>. Defaults are the NEC NEAX PMS "page 10" values of switch.md
/// §2.2 [S]: sender timer 1 s, start sequence resent up to 15 times, query (ENQ) up to 32 times, NAK retried 3 times
/// and the link quits on the 4th, receiver timer 35 s. The manual's page 17 has other values per model, so a firmware
/// profile sets them.
/// </summary>
public sealed record BscLinkOptions
{
    /// <summary>True on the side that keeps the send right when both bid at once ("the PMS must relinquish sending
    /// rights to the NEAX": the switch is primary).</summary>
    public bool IsPrimary { get; init; }

    /// <summary>Sender timer: how long to wait for the answer to a bid, a block or an ENQ.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Receiver timer: with no block or EOT for this long, the sender loses the send right.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>Times the start sequence is resent after a timeout before the link is declared down.</summary>
    public int BidRetries { get; init; } = 15;

    /// <summary>Times an ENQ query is sent for a missing block answer before the link is declared down.</summary>
    public int EnqRetries { get; init; } = 32;

    /// <summary>Retransmissions after NAK (or a wrong alternating ACK); the next one brings the link down.</summary>
    public int NakRetries { get; init; } = 3;

    /// <summary>WACKs accepted for one block before the link is declared down (page 17 lists 15).</summary>
    public int WackRetries { get; init; } = 15;

    /// <summary>Largest block text (our one-byte block sequence character plus the CSTA-XML text).</summary>
    public int MaxBlockSize { get; init; } = 2048;

    /// <summary>After EOT a sender with more text waits this long before it bids again, so that the peer gets the
    /// line first [I: no published value; avoids starving the secondary side].</summary>
    public TimeSpan RebidDelay { get; init; } = TimeSpan.FromSeconds(1);
}
