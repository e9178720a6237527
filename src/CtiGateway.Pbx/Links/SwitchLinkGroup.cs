using System.Buffers;
using System.Threading.Channels;

namespace CtiGateway.Pbx.Links;

/// <summary>
/// The links of one switch (<c>tel_sw</c>, ...) with priorities. Traffic runs on the healthiest up link of the
/// highest priority (lowest <see cref="SwitchLinkMember.Priority"/> value; health = fewest keep-alive misses, then
/// fewest hardware errors). When it fails the next one takes over, and <see cref="OnActiveLinkChanged"/> is
/// awaited (one change at a time, in order) so the upper layer can re-issue MonitorStart and SnapshotDevice; a
/// callback that fails because its link already went down again is superseded by the next change. Health is
/// looked at when a link goes up or down.
/// Messages of every link arrive merged in <see cref="Messages"/>, tagged with their link name. The merged channel is
/// bounded like each link's own: when the reader falls behind, the pumps wait, each link's channel fills and its read
/// loop stops reading, so the back-pressure reaches the switch instead of memory growing without limit.
/// </summary>
public sealed class SwitchLinkGroup
{
    /// <summary>Default capacity of the merged message channel (the same as a link's own, <see cref="CstaTcpLinkOptions.MessageQueueCapacity"/>).</summary>
    public const int DefaultMessageQueueCapacity = 4096;

    private readonly SwitchLinkMember[] _members;
    private readonly Lock _sync = new();
    private readonly Channel<ActiveLinkChange> _changes = Channel.CreateUnbounded<ActiveLinkChange>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<CstaLinkMessage> _messages;
    private CstaTcpLink? _active;

    /// <summary>Creates a group for <paramref name="switchName"/>.</summary>
    /// <param name="switchName">The switch name.</param>
    /// <param name="members">The links with their priorities.</param>
    /// <param name="messageQueueCapacity">Capacity of the merged message channel (the pumps wait when it is full).</param>
    public SwitchLinkGroup(string switchName, IEnumerable<SwitchLinkMember> members, int messageQueueCapacity = DefaultMessageQueueCapacity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(switchName);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(messageQueueCapacity);
        _messages = Channel.CreateBounded<CstaLinkMessage>(new BoundedChannelOptions(messageQueueCapacity)
        {
            SingleReader = false,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _members = [.. members];
        if (_members.Length == 0)
        {
            throw new ArgumentException($"Switch {switchName} needs at least one link.", nameof(members));
        }

        var duplicate = _members.GroupBy(m => m.Link.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Switch {switchName} has the link name '{duplicate.Key}' twice.", nameof(members));
        }

        SwitchName = switchName;
    }

    /// <summary>Awaited after each change of the active link, in order.</summary>
    public Func<ActiveLinkChange, CancellationToken, ValueTask>? OnActiveLinkChanged { get; init; }

    /// <summary>The switch name.</summary>
    public string SwitchName { get; }

    /// <summary>The links with their priorities.</summary>
    public IReadOnlyList<SwitchLinkMember> Members => _members;

    /// <summary>The link that carries traffic now, or null when none is up.</summary>
    public CstaTcpLink? ActiveLink
    {
        get
        {
            lock (_sync)
            {
                return _active;
            }
        }
    }

    /// <summary>Messages of every link of the switch, merged (bounded: an unread channel holds back the links).</summary>
    public ChannelReader<CstaLinkMessage> Messages => _messages.Reader;

    /// <summary>Runs every link until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var member in _members)
        {
            member.Link.StateChanged += OnLinkStateChanged;
        }

        try
        {
            var tasks = new List<Task> { NotifyLoopAsync(cancellationToken) };
            foreach (var member in _members)
            {
                tasks.Add(member.Link.RunAsync(cancellationToken));
                tasks.Add(PumpAsync(member.Link, cancellationToken));
            }

            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        finally
        {
            foreach (var member in _members)
            {
                member.Link.StateChanged -= OnLinkStateChanged;
            }

            _messages.Writer.TryComplete();
        }
    }

    /// <summary>Sends a request on the active link and returns its invoke id.</summary>
    /// <exception cref="InvalidOperationException">No link of the switch is up.</exception>
    public ValueTask<int> SendRequestAsync(Action<IBufferWriter<byte>> writeBody, CancellationToken cancellationToken)
    {
        var link = ActiveLink ?? throw new InvalidOperationException($"Switch {SwitchName} has no link up.");
        return link.SendRequestAsync(writeBody, cancellationToken);
    }

    /// <summary>Picks the link that should carry traffic now (the current one wins ties).</summary>
    internal CstaTcpLink? Select(CstaTcpLink? current)
    {
        var up = _members.Where(m => m.Link.State == LinkState.Up).ToArray();
        if (up.Length == 0)
        {
            return null;
        }

        var best = up.Min(m => m.Priority);
        var candidates = up.Where(m => m.Priority == best)
            .OrderBy(m => m.Link.KeepAliveMisses)
            .ThenBy(m => m.Link.Counters.HardwareErrors)
            .ToArray();
        var first = candidates[0].Link;
        var currentMember = candidates.FirstOrDefault(m => ReferenceEquals(m.Link, current));
        return currentMember is not null
            && currentMember.Link.KeepAliveMisses == first.KeepAliveMisses
            && currentMember.Link.Counters.HardwareErrors == first.Counters.HardwareErrors
            ? current
            : first;
    }

    private void OnLinkStateChanged(LinkStateChanged change)
    {
        lock (_sync)
        {
            var next = Select(_active);
            if (ReferenceEquals(next, _active))
            {
                return;
            }

            var reason = $"link {change.LinkName} {(change.State == LinkState.Up ? "up" : "down")}: {change.Reason}";
            _changes.Writer.TryWrite(new ActiveLinkChange(SwitchName, _active, next, reason));
            _active = next;
        }
    }

    private async Task NotifyLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in _changes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (OnActiveLinkChanged is { } callback)
                {
                    try
                    {
                        await callback(change, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                        && (ex is InvalidOperationException or OperationCanceledException or IOException || !ReferenceEquals(change.Current, ActiveLink)))
                    {
                        // The link failed while the callback re-issued its requests (its connection was cancelled or
                        // closed under it): a later change is queued. Never let that end the loop that reports link
                        // state upward.
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task PumpAsync(CstaTcpLink link, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in link.Messages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await _messages.Writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
