namespace CtiGateway.Daemon;

/// <summary>
/// The daemon's loops that must keep answering: the T-Library accept loop, each switch link supervisor, later the
/// SCXML scheduler. Each registers a probe (a function whose task completes when the loop's own code answered);
/// <see cref="ProbeAsync"/> asks every loop at once and reports the ones that did not answer in time. The watchdog
/// sends WATCHDOG=1 only when that list is empty.
/// </summary>
internal sealed class LivenessRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _loops = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public LivenessRegistry(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Registers a loop under a unique name; dispose the result when the loop ends on purpose.</summary>
    public IDisposable Register(string name, Func<CancellationToken, Task> probe)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(probe);
        var entry = new Entry(name, probe);
        lock (_lock)
        {
            if (!_loops.TryAdd(name, entry))
            {
                throw new InvalidOperationException($"A loop named '{name}' is already registered.");
            }
        }

        return new Registration(this, entry);
    }

    /// <summary>The registered loop names, in name order.</summary>
    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_lock)
            {
                return [.. _loops.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Probes every loop; returns the names of those that did not answer within <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<string>> ProbeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Entry[] entries;
        lock (_lock)
        {
            entries = [.. _loops.Values];
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        var probes = entries.Select(e => AskAsync(e, bound.Token)).ToArray();
        var answered = await Task.WhenAll(probes).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return [.. entries.Where((_, i) => !answered[i]).Select(e => e.Name).Order(StringComparer.Ordinal)];
    }

    /// <summary>Each loop with the time of its last answer (null when it never answered).</summary>
    public IReadOnlyList<(string Name, DateTimeOffset? LastAnswer)> Snapshot()
    {
        lock (_lock)
        {
            return [.. _loops.Values.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => (e.Name, e.LastAnswer))];
        }
    }

    private async Task<bool> AskAsync(Entry entry, CancellationToken cancellationToken)
    {
        try
        {
            await entry.Probe(cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            lock (_lock)
            {
                entry.LastAnswer = now;
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Remove(Entry entry)
    {
        lock (_lock)
        {
            if (_loops.TryGetValue(entry.Name, out var current) && ReferenceEquals(current, entry))
            {
                _loops.Remove(entry.Name);
            }
        }
    }

    private sealed class Entry(string name, Func<CancellationToken, Task> probe)
    {
        public string Name { get; } = name;

        public Func<CancellationToken, Task> Probe { get; } = probe;

        public DateTimeOffset? LastAnswer { get; set; }
    }

    private sealed class Registration(LivenessRegistry owner, Entry entry) : IDisposable
    {
        public void Dispose() => owner.Remove(entry);
    }
}
