namespace CtiGateway.Client;

/// <summary>
/// ReferenceIDs for requests: 1, 2, 3 ... int.MaxValue, then 1 again. Never 0 or negative. Thread-safe.
/// </summary>
internal sealed class ReferenceIdSequence
{
    private int _last;

    /// <summary>Starts so that the next id is <paramref name="last"/> + 1 (or 1 past int.MaxValue).</summary>
    public ReferenceIdSequence(int last = 0)
    {
        _last = last;
    }

    /// <summary>The next id.</summary>
    public int Next()
    {
        while (true)
        {
            var id = Interlocked.Increment(ref _last);
            if (id > 0)
            {
                return id;
            }

            // Past int.MaxValue the counter wrapped to negative: the first thread to see it restarts at 0.
            Interlocked.CompareExchange(ref _last, 0, id);
        }
    }
}
