using System.Globalization;
using System.Text.Json.Nodes;
using CtiGateway.Server;

namespace CtiGateway.Orchestration;

/// <summary>
/// The waiting submits and the choice of targets: ready agents of a group longest idle first (or by StatAgentLoading /
/// StatTimeInReadyState), higher priority first, claims so that two submits never take the same agent at once.
/// </summary>
internal sealed partial class QueueActions
{
    private readonly Lock _lock = new();

    // Waiting submits, highest priority first, then oldest first.
    private readonly List<QueuedSubmit> _waiting = [];
    private readonly Dictionary<string, AgentClaim> _claims = new(StringComparer.Ordinal);
    private IDisposable? _recheck;
    private long _sequence;

    /// <summary>Submits waiting now (tests, listings).</summary>
    internal int WaitingCount
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Something changed at the switch (a call moved or ended): waiting submits look again soon.</summary>
    internal void Recheck()
    {
        lock (_lock)
        {
            if (_waiting.Count == 0)
            {
                return;
            }
        }

        _service.Scheduler.Schedule(TimeSpan.Zero, ServeWaiting);
    }

    /// <summary>Every target of <paramref name="submit"/> names something this gateway has and can serve.</summary>
    /// <exception cref="QueueTargetException">One does not; the message names it.</exception>
    private void CheckTargets(QueuedSubmit submit)
    {
        var targets = _service.Targets;
        foreach (var target in submit.Targets)
        {
            switch (target.Type)
            {
                case QueueTargetType.Agent when targets.FindAgent(target.Name) is null:
                    throw new QueueTargetException($"target {target.Describe()}: agent {target.Name} is not known to the gateway (logged in nowhere and in no agent group)") { Error = "invaliddestination" };
                case QueueTargetType.AgentGroup when targets.AgentsOfGroup(target.Name) is null:
                    throw new QueueTargetException($"target {target.Describe()}: agent group {target.Name} is not configured (AgentGroups:{target.Name})") { Error = "invaliddestination" };
                case QueueTargetType.Queue or QueueTargetType.Dn or QueueTargetType.RoutePoint when SwitchOf(target) is null:
                    throw new QueueTargetException($"target {target.Describe()}: {target.Name} is not a DN of the gateway's switches (or of two: name the switch after '@')") { Error = "invaliddestination" };
                case QueueTargetType.PlaceGroup or QueueTargetType.DestinationLabel or QueueTargetType.QueueGroup or QueueTargetType.Campaign or QueueTargetType.CampaignGroup:
                    throw new QueueTargetException($"target {target.Describe()}: {Kind(target.Type)} are not available on this platform (it routes to agents, agent groups, places, queues, routing points and DNs)") { Error = "unsupported" };
            }

            if (target.Threshold is { } threshold && threshold.Statistic is not ("StatCallsInQueue" or "StatAgentsAvailable"))
            {
                throw new QueueTargetException($"target {target.Describe()}: statistic {threshold.Statistic} is not available without a Stat Server (thresholds may use StatCallsInQueue and StatAgentsAvailable)") { Error = "unsupported" };
            }
        }
    }

    private static string Kind(QueueTargetType type) => type switch
    {
        QueueTargetType.PlaceGroup => "place groups (GP)",
        QueueTargetType.DestinationLabel => "destination labels (DL)",
        QueueTargetType.QueueGroup => "queue groups (GQ)",
        QueueTargetType.Campaign => "campaigns (C)",
        _ => "campaign groups (GC)",
    };

    /// <summary>The switch of a DN, queue or routing point target: the one its server names, else the only one holding it.</summary>
    private string? SwitchOf(QueueTarget target) =>
        (target.Server is { } server ? _service.Targets.SwitchOf(target.Name, server) : null) ?? _service.Targets.SwitchOf(target.Name, null);

    private void Enqueue(QueuedSubmit submit)
    {
        lock (_lock)
        {
            if (_waiting.Count(s => s.SessionId == submit.SessionId) >= MaxWaitingPerSession)
            {
                Refuse(submit.SessionId, submit.RequestId, "invalidstate", $"queue:submit: the session already has {MaxWaitingPerSession} submits waiting; cancel some first");
                return;
            }

            var queued = submit;
            queued.Sequence = ++_sequence;
            var at = _waiting.FindIndex(s => s.Priority < queued.Priority);
            _waiting.Insert(at < 0 ? _waiting.Count : at, queued);
            if (queued.Timeout is { } timeout)
            {
                queued.TimeoutTimer = _service.Scheduler.Schedule(timeout, () => TimedOut(queued));
            }

            QueueLog.Queued(_service.Logger, queued.SessionId, queued.RequestId, Describe(queued), queued.Priority,
                queued.Timeout is { } t ? t.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s" : "none");
        }

        ServeWaiting();
    }

    /// <summary>Gives every waiting submit that can have one a target, in priority order; arms the next re-check while any wait.</summary>
    private void ServeWaiting()
    {
        List<(QueuedSubmit Submit, QueueCandidate Candidate)> chosen = [];
        lock (_lock)
        {
            var now = _service.Scheduler.Now;
            for (var i = 0; i < _waiting.Count; i++)
            {
                var submit = _waiting[i];
                if (Select(submit, now) is not { } candidate)
                {
                    continue;
                }

                if (candidate.Agent is { } agent)
                {
                    _claims[agent.AgentId] = new AgentClaim(submit.RequestId, submit.SessionId, now + ClaimHold, agent.Calls);
                }

                _waiting.RemoveAt(i--);
                submit.TimeoutTimer?.Dispose();
                chosen.Add((submit, candidate));
            }

            if (_waiting.Count > 0 && _recheck is null)
            {
                _recheck = _service.Scheduler.Schedule(RecheckInterval, () =>
                {
                    lock (_lock)
                    {
                        _recheck = null;
                    }

                    ServeWaiting();
                });
            }
        }

        foreach (var (submit, candidate) in chosen)
        {
            _ = DispatchAsync(submit, candidate);
        }
    }

    /// <summary>The target <paramref name="submit"/> takes now, or null; caller holds the lock.</summary>
    private QueueCandidate? Select(QueuedSubmit submit, DateTimeOffset now)
    {
        var candidates = new List<QueueCandidate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var directory = _service.Targets;
        for (var index = 0; index < submit.Targets.Count; index++)
        {
            var target = submit.Targets[index];
            switch (target.Type)
            {
                case QueueTargetType.Agent:
                    AddAgent(target, directory.FindAgent(target.Name), index);
                    break;
                case QueueTargetType.Place:
                    AddAgent(target, directory.AgentAt(target.Name, target.Server is { } s && directory.SwitchOf(target.Name, s) is not null ? s : null), index);
                    break;
                case QueueTargetType.AgentGroup:
                    var members = directory.AgentsOfGroup(target.Name) ?? [];
                    if (target.Threshold is { } groupThreshold && !groupThreshold.Holds(members.Count(a => Available(a, submit, now))))
                    {
                        break;
                    }

                    foreach (var member in members)
                    {
                        AddAgent(target, member, index);
                    }

                    break;
                case QueueTargetType.Queue or QueueTargetType.Dn or QueueTargetType.RoutePoint:
                    if (SwitchOf(target) is not { } sw)
                    {
                        break;
                    }

                    var calls = directory.CallsAt(target.Name, sw);
                    if (target.Threshold is { } threshold && !threshold.Holds(calls))
                    {
                        break;
                    }

                    var kind = directory.KindOf(target.Name, sw);
                    // A plain DN takes a call while it has none; queues and routing points hold calls.
                    if (target.Type == QueueTargetType.Dn && kind is not ("ACDQueue" or "RoutingPoint") && calls > 0)
                    {
                        break;
                    }

                    candidates.Add(new QueueCandidate(target, null, target.Name, sw, index));
                    break;
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        if (submit.OrderType == "percentage")
        {
            return ByWeight(candidates);
        }

        candidates.Sort((a, b) => Compare(submit, a, b));
        return candidates[0];

        void AddAgent(QueueTarget target, TargetAgent? agent, int index)
        {
            if (agent is not null && Available(agent, submit, now) && seen.Add(agent.AgentId))
            {
                candidates.Add(new QueueCandidate(target, agent, agent.Dn!, agent.Switch!, index));
            }
        }
    }

    /// <summary>Ready (not reserved), logged in, not claimed by another submit, and free (unless ordering by loading).</summary>
    private bool Available(TargetAgent agent, QueuedSubmit submit, DateTimeOffset now)
    {
        if (!agent.Ready || agent.Dn is null || agent.Switch is null || (agent.Calls > 0 && !submit.LoadedAgentsCount))
        {
            return false;
        }

        if (_claims.TryGetValue(agent.AgentId, out var claim))
        {
            if (claim.Until > now && agent.Calls <= claim.CallsAtClaim)
            {
                return false;
            }

            // The call reached the agent, or the claim's time is up.
            _claims.Remove(agent.AgentId);
        }

        return true;
    }

    /// <summary>Agents before DNs; agents by the submit's statistic (longest idle first by default); DNs in the submit's order.</summary>
    private static int Compare(QueuedSubmit submit, QueueCandidate a, QueueCandidate b)
    {
        if (a.Agent is null || b.Agent is null)
        {
            return a.Agent is not null ? -1 : b.Agent is not null ? 1 : a.Index.CompareTo(b.Index);
        }

        var idleFirst = Nullable.Compare(a.Agent.StateSince, b.Agent.StateSince);
        var byStat = submit.OrderStat switch
        {
            StatAgentLoading when submit.OrderType == "min" => a.Agent.Calls.CompareTo(b.Agent.Calls),
            StatAgentLoading when submit.OrderType == "max" => b.Agent.Calls.CompareTo(a.Agent.Calls),
            StatTimeInReadyState when submit.OrderType == "min" => -idleFirst,
            _ => idleFirst,
        };
        return byStat != 0 ? byStat : idleFirst != 0 ? idleFirst : a.Index.CompareTo(b.Index);
    }

    /// <summary>ordertype percentage: a target drawn by its weight among those with a candidate, then its best candidate.</summary>
    private static QueueCandidate ByWeight(List<QueueCandidate> candidates)
    {
        var byTarget = candidates.GroupBy(c => c.Index).Select(g => g.OrderBy(c => c.Agent?.StateSince).First()).ToList();
        var total = byTarget.Sum(c => Math.Max(0, c.Target.Weight));
        if (total == 0)
        {
            return byTarget[Random.Shared.Next(byTarget.Count)];
        }

        var draw = Random.Shared.Next(total);
        foreach (var candidate in byTarget)
        {
            draw -= Math.Max(0, candidate.Target.Weight);
            if (draw < 0)
            {
                return candidate;
            }
        }

        return byTarget[^1];
    }

    /// <summary>Routes the call to the chosen target (route="true") and answers queue.submit.done, or error.queue.submit.</summary>
    private async Task DispatchAsync(QueuedSubmit submit, QueueCandidate candidate)
    {
        using var external = _service.Scheduler.TrackExternalWork();
        var selected = candidate.Agent is not null ? $"{candidate.Dn}@{candidate.Switch}.DN" : $"{candidate.Dn}@{candidate.Switch}.{candidate.Target.Suffix}";
        var component = candidate.Agent is { } agent && candidate.Target.Type == QueueTargetType.AgentGroup
            ? $"{agent.AgentId}@{candidate.Target.Server ?? candidate.Switch}.A"
            : candidate.Target.Describe();
        QueueLog.Selected(_service.Logger, submit.SessionId, submit.RequestId, selected, component, (_service.Scheduler.Now - submit.Queued).TotalSeconds);
        Interaction? interaction;
        string? fromDn = null;
        string? interactionId;
        lock (_service.Gate)
        {
            interaction = _service.FindForSession(submit.SessionId, submit.InteractionId);
            interactionId = interaction?.Id ?? submit.InteractionId;
            if (interaction is not null)
            {
                fromDn = interaction.RoutePoint ?? interaction.Parties.FirstOrDefault()?.Device;
            }
        }

        if (submit.Route)
        {
            if (interaction is null || fromDn is null)
            {
                Release(candidate);
                Fail(submit, selected, "invalidstate", interaction is null
                    ? $"queue:submit: interaction {submit.InteractionId ?? "(the session's first)"} does not exist any more: the call ended or left the session before {selected} was free"
                    : $"queue:submit: interaction {interaction.Id} has no party to route from");
                return;
            }

            var outcome = await _service.RouteCallAsync("queue:submit", interaction, fromDn, new ResolvedResource(candidate.Dn, candidate.Switch, selected)).ConfigureAwait(false);
            if (!outcome.Ok)
            {
                Release(candidate);
                Fail(submit, selected, outcome.Error, outcome.Description);
                return;
            }
        }

        var resource = new JsonObject { ["type"] = candidate.Agent is not null ? "A" : candidate.Target.Suffix, ["dn"] = candidate.Dn, ["switch"] = candidate.Switch };
        if (candidate.Agent is { } chosen)
        {
            resource["agent"] = chosen.AgentId;
        }

        Post(submit.SessionId, "queue.submit.done", new JsonObject
        {
            ["requestid"] = submit.RequestId,
            ["targetselected"] = selected,
            ["vqselected"] = submit.VirtualQueue,
            ["targetcomponentselected"] = component,
            ["targetobjectselected"] = candidate.Target.Describe(),
            ["interactionid"] = interactionId,
            ["resource"] = resource,
        });
    }

    private void Fail(QueuedSubmit submit, string selected, string error, string description)
    {
        QueueLog.RouteFailed(_service.Logger, submit.SessionId, submit.RequestId, selected, description);
        Post(submit.SessionId, "error.queue.submit", ErrorData(submit.RequestId, error, description));
    }

    private void Release(QueueCandidate candidate)
    {
        if (candidate.Agent is null)
        {
            return;
        }

        lock (_lock)
        {
            _claims.Remove(candidate.Agent.AgentId);
        }
    }

    private void TimedOut(QueuedSubmit submit)
    {
        lock (_lock)
        {
            if (!_waiting.Contains(submit))
            {
                return;
            }

            if (submit.ClearOnTimeout)
            {
                _waiting.Remove(submit);
            }
        }

        var seconds = submit.Timeout?.TotalSeconds ?? 0;
        QueueLog.TimedOut(_service.Logger, submit.SessionId, submit.RequestId, seconds, Describe(submit));
        Post(submit.SessionId, "error.queue.submit", ErrorData(submit.RequestId, "timeout",
            $"queue:submit: no target of {Describe(submit)} became available within {seconds.ToString(CultureInfo.InvariantCulture)} s" +
            (submit.ClearOnTimeout ? string.Empty : " (clearontimeout=false: the request keeps waiting)")));
    }

    /// <summary>The session ended: its waiting submits leave the queue and the agents they claimed are free.</summary>
    private void SessionGone(string sessionId)
    {
        lock (_lock)
        {
            for (var i = _waiting.Count - 1; i >= 0; i--)
            {
                if (_waiting[i].SessionId == sessionId)
                {
                    QueueLog.Left(_service.Logger, sessionId, _waiting[i].RequestId, "the session ended");
                    _waiting[i].TimeoutTimer?.Dispose();
                    _waiting.RemoveAt(i);
                }
            }

            foreach (var (agentId, claim) in _claims.ToList())
            {
                if (claim.SessionId == sessionId)
                {
                    _claims.Remove(agentId);
                }
            }
        }
    }

    /// <summary>The waiting submit <paramref name="requestId"/> of the session; caller holds the lock.</summary>
    private QueuedSubmit? FindWaiting(string sessionId, string requestId) =>
        _waiting.Find(s => s.RequestId == requestId && s.SessionId == sessionId);

    /// <summary>Takes a waiting submit out; caller holds the lock.</summary>
    private void Remove(QueuedSubmit submit)
    {
        _waiting.Remove(submit);
        submit.TimeoutTimer?.Dispose();
    }

    /// <summary>1 + the waiting submits ahead of it that share one of its targets; caller holds the lock.</summary>
    private int PositionOf(QueuedSubmit submit)
    {
        var mine = submit.Targets.Select(t => t.Describe()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var position = 1;
        foreach (var other in _waiting)
        {
            if (ReferenceEquals(other, submit))
            {
                break;
            }

            if (other.Targets.Any(t => mine.Contains(t.Describe())))
            {
                position++;
            }
        }

        return position;
    }

    private static string Describe(QueuedSubmit submit) => string.Join(", ", submit.Targets.Select(t => t.Describe()));
}
