namespace CtiGateway.Cli.Bench;

/// <summary>
/// Tracks one DN's sequence numbers as seen by one receiver: each number above the last is a new delivery (a jump
/// counts the skipped numbers as gaps); a number at or below the last is out of order or duplicated and not counted.
/// </summary>
internal struct SequenceTracker
{
    private long _last;

    /// <summary>Events counted as delivered.</summary>
    public long Delivered { get; private set; }

    /// <summary>Sequence numbers skipped so far (lost or still to come out of order).</summary>
    public long Gaps { get; private set; }

    /// <summary>Events that came at or below the last number seen.</summary>
    public long OutOfOrder { get; private set; }

    /// <summary>Observes one sequence number; true when it is a new delivery.</summary>
    public bool Observe(long sequence)
    {
        if (sequence > _last)
        {
            Gaps += sequence - _last - 1;
            _last = sequence;
            Delivered++;
            return true;
        }

        OutOfOrder++;
        return false;
    }
}
