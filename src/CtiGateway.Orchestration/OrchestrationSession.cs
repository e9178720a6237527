using CtiGateway.Scxml;

namespace CtiGateway.Orchestration;

/// <summary>One running strategy session: its SCXML session, the interactions it owns and what it did lately.</summary>
internal sealed class OrchestrationSession
{
    /// <summary>How many recent events and log lines a session keeps for <c>ctigw sessions show</c>.</summary>
    public const int HistoryLength = 32;

    private readonly Queue<string> _events = new();
    private readonly Queue<string> _logLines = new();
    private readonly Lock _historyLock = new();
    private readonly List<ScxmlPendingAction> _pending = [];

    public OrchestrationSession(string id, LoadedStrategy strategy, DateTimeOffset started, long startTimestamp)
    {
        Id = id;
        Strategy = strategy;
        Started = started;
        StartTimestamp = startTimestamp;
    }

    public string Id { get; }

    public LoadedStrategy Strategy { get; }

    public DateTimeOffset Started { get; }

    public long StartTimestamp { get; }

    public ScxmlSessionHandle? Handle { get; set; }

    /// <summary>The interactions the session owns (ids), under the service's lock.</summary>
    public List<string> Interactions { get; } = [];

    /// <summary>The ConnID the session's log lines name: its first interaction's.</summary>
    public string? FirstConnId { get; set; }

    public IDisposable? TimeToLive { get; set; }

    public void NoteEvent(string name, string? json)
    {
        lock (_historyLock)
        {
            Add(_events, json is null ? name : name + " " + json);
        }
    }

    public void NoteLog(string line)
    {
        lock (_historyLock)
        {
            Add(_logLines, line);
        }
    }

    public (IReadOnlyList<string> Events, IReadOnlyList<string> Log) History()
    {
        lock (_historyLock)
        {
            return ([.. _events], [.. _logLines]);
        }
    }

    public void Track(ScxmlPendingAction pending)
    {
        lock (_historyLock)
        {
            _pending.RemoveAll(p => p.IsCompleted);
            _pending.Add(pending);
        }
    }

    /// <summary>Ends the actions still waiting (the session ended): a virtual clock must not wait for them.</summary>
    public void AbandonPending()
    {
        lock (_historyLock)
        {
            foreach (var pending in _pending)
            {
                pending.Abandon();
            }

            _pending.Clear();
        }
    }

    private static void Add(Queue<string> queue, string line)
    {
        if (queue.Count == HistoryLength)
        {
            queue.Dequeue();
        }

        queue.Enqueue(line.Length > 2048 ? line[..2048] + "..." : line);
    }
}
