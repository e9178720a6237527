namespace CtiGateway.Pbx.Bsc;

/// <summary>Where a <see cref="BscLink"/> is in the half-duplex BSC exchange.</summary>
public enum BscLinkState
{
    /// <summary>Line free; this side bids when it has text to send.</summary>
    Idle,

    /// <summary>This side sent SA UA ENQ and waits for ACK0.</summary>
    Bidding,

    /// <summary>This side holds the send right and waits for the answer to a block.</summary>
    Sending,

    /// <summary>The peer holds the send right; this side answers its blocks.</summary>
    Receiving,

    /// <summary>Retries exhausted; see <see cref="BscLink.FailureReason"/>.</summary>
    Down,
}
