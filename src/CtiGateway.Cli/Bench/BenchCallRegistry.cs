using System.Collections.Concurrent;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// The bench's calls, shared by the traffic driver (adds and forgets calls), the frame pump (finds a call by the callID
/// of a frame, without allocating) and the receivers (find the current call of a DN).
/// </summary>
internal sealed class BenchCallRegistry
{
    private readonly ConcurrentDictionary<string, BenchCall> _byCallId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BenchCall>.AlternateLookup<ReadOnlySpan<char>> _byCallIdSpan;
    private readonly BenchCall?[] _ofDn;

    public BenchCallRegistry(int dns)
    {
        _ofDn = new BenchCall?[dns];
        _byCallIdSpan = _byCallId.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Calls known (placed and not yet forgotten).</summary>
    public int Count => _byCallId.Count;

    /// <summary>Adds a call placed on the switch; it becomes the current call of both its DNs.</summary>
    public void Add(BenchCall call)
    {
        _byCallId[call.CallId] = call;
        Volatile.Write(ref _ofDn[call.Caller], call);
        Volatile.Write(ref _ofDn[call.Called], call);
    }

    /// <summary>Forgets a call whose frames are all written (its DNs keep it as their last call until the next one).</summary>
    public void Forget(BenchCall call) => _byCallId.TryRemove(call.CallId, out _);

    /// <summary>The call with this callID, or null.</summary>
    public BenchCall? Find(ReadOnlySpan<char> callId) => _byCallIdSpan.TryGetValue(callId, out var call) ? call : null;

    /// <summary>The last call placed on DN index <paramref name="dn"/>, or null.</summary>
    public BenchCall? CurrentCallOf(int dn) => (uint)dn < (uint)_ofDn.Length ? Volatile.Read(ref _ofDn[dn]) : null;
}
