using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// Issues ConnIDs: 64-bit, unique for the gateway's lifetime and across restarts. The value is
/// <c>(startSeconds &lt;&lt; 24) + n</c> where <c>startSeconds</c> is the gateway's start time in seconds since the Unix
/// epoch (the caller's clock: the generator reads none) and <c>n</c> counts from 1. A later start begins above every
/// ConnID of an earlier one as long as that run issued fewer than 16,777,216 ConnIDs per second it was up, so the
/// values never repeat. Shared by the call models of every switch of one gateway (the counter is interlocked), so
/// ConnIDs are unique across switches too. Printed as 16 hex digits (<see cref="ConnId.ToString()"/>).
/// </summary>
public sealed class ConnIdGenerator
{
    /// <summary>Bits of the per-start counter.</summary>
    public const int CounterBits = 24;

    /// <summary>Largest start time accepted (2^40 - 1 seconds, beyond the year 36000).</summary>
    public const ulong MaxStartSeconds = (1UL << (64 - CounterBits)) - 1;

    private long _last;

    /// <summary>Starts the sequence for a gateway started at <paramref name="startSeconds"/> (Unix seconds).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="startSeconds"/> is over <see cref="MaxStartSeconds"/>.</exception>
    public ConnIdGenerator(ulong startSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(startSeconds, MaxStartSeconds);
        StartSeconds = startSeconds;
        _last = unchecked((long)(startSeconds << CounterBits));
    }

    /// <summary>The start time the sequence is based on.</summary>
    public ulong StartSeconds { get; }

    /// <summary>ConnIDs issued so far.</summary>
    public long Issued => Volatile.Read(ref _last) - unchecked((long)(StartSeconds << CounterBits));

    /// <summary>The next ConnID.</summary>
    public ConnId Next() => new(unchecked((ulong)Interlocked.Increment(ref _last)));
}
