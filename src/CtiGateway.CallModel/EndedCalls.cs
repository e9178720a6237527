namespace CtiGateway.CallModel;

/// <summary>
/// The last N CSTA callIDs that ended or were merged away, so that the copies of their ending events (one per
/// monitor) are known as copies. Bounded: the oldest is forgotten first.
/// </summary>
internal sealed class EndedCalls(int capacity)
{
    private readonly string?[] _ring = new string?[capacity];
    private readonly Dictionary<string, int> _slots = new(capacity, StringComparer.Ordinal);
    private int _next;

    public int Count => _slots.Count;

    public void Add(string callId)
    {
        if (_slots.ContainsKey(callId))
        {
            return;
        }

        if (_ring[_next] is { } evicted && _slots.TryGetValue(evicted, out var slot) && slot == _next)
        {
            _slots.Remove(evicted);
        }

        _ring[_next] = callId;
        _slots[callId] = _next;
        _next = (_next + 1) % _ring.Length;
    }

    public bool Contains(string callId) => _slots.ContainsKey(callId);

    /// <summary>The callID is live again (the switch reused it for a new call).</summary>
    public void Remove(string callId) => _slots.Remove(callId);
}
