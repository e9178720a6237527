namespace CtiGateway.Pbx.Bsc;

/// <summary>The kinds of unit on a NEC NEAX PMS style BSC link (switch.md §2.2).</summary>
public enum BscUnitKind
{
    /// <summary>No unit (default value).</summary>
    None = 0,

    /// <summary>A text block: <c>STX text ETX BCC</c>.</summary>
    Block,

    /// <summary>The start sequence <c>SA UA ENQ</c> that bids for the send right.</summary>
    Bid,

    /// <summary>A bare <c>ENQ</c>: asks the receiver to repeat its last answer.</summary>
    Enq,

    /// <summary><c>EOT</c>: releases the line.</summary>
    Eot,

    /// <summary>ACK0 (<c>DLE</c> + second byte): answers a bid and every even block.</summary>
    Ack0,

    /// <summary>ACK1: answers every odd block.</summary>
    Ack1,

    /// <summary>NAK: block not received (bad BCC) or bid refused.</summary>
    Nak,

    /// <summary>WACK: block received, receiver not ready for the next one yet.</summary>
    Wack,

    /// <summary>RVI (reverse interrupt), the <c>DLE &lt;</c> answer of the manual.</summary>
    Rvi,
}
