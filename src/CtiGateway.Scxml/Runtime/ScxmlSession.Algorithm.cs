using CtiGateway.Scxml.Model;

namespace CtiGateway.Scxml.Runtime;

/// <summary>The transition-selection and state entry/exit procedures of SCXML 1.0 Appendix D.</summary>
internal sealed partial class ScxmlSession
{
    private static readonly List<TransitionNode> NoTransitions = [];

    /// <summary>selectTransitions / selectEventlessTransitions: <paramref name="eventName"/> null means eventless.</summary>
    private List<TransitionNode> SelectTransitions(string? eventName)
    {
        List<TransitionNode>? enabled = null;
        _selected.Clear();
        var states = _doc.States;
        for (var i = 0; i < states.Length; i++)
        {
            if (!_configuration[i] || !states[i].IsAtomic)
            {
                continue;
            }

            var selected = FindTransition(states[i], eventName);
            if (selected is not null)
            {
                enabled ??= _selected;
                if (!enabled.Contains(selected))
                {
                    enabled.Add(selected);
                }
            }
        }

        if (enabled is null)
        {
            return NoTransitions;
        }

        return enabled.Count == 1 ? enabled : RemoveConflictingTransitions(enabled);
    }

    private TransitionNode? FindTransition(StateNode atomic, string? eventName)
    {
        for (var s = atomic; s is not null; s = s.Parent)
        {
            foreach (var t in s.Transitions)
            {
                var matches = eventName is null ? t.Events is null : t.MatchesEvent(eventName);
                if (matches && ConditionMatch(t))
                {
                    return t;
                }
            }
        }

        return null;
    }

    private bool ConditionMatch(TransitionNode t)
    {
        if (t.Cond is null)
        {
            return true;
        }

        try
        {
            return DataModel.EvaluateCondition(t.Cond);
        }
        catch (ScxmlExecutionException ex)
        {
            RaiseError(ex);
            return false;
        }
    }

    private List<TransitionNode> RemoveConflictingTransitions(List<TransitionNode> enabled)
    {
        var filtered = new List<TransitionNode>();
        var exitSets = new Dictionary<TransitionNode, HashSet<StateNode>>();
        HashSet<StateNode> ExitSetOf(TransitionNode t)
        {
            if (!exitSets.TryGetValue(t, out var set))
            {
                set = [.. ComputeExitSet([t])];
                exitSets[t] = set;
            }

            return set;
        }

        foreach (var t1 in enabled)
        {
            var preempted = false;
            var toRemove = new List<TransitionNode>();
            foreach (var t2 in filtered)
            {
                if (ExitSetOf(t1).Overlaps(ExitSetOf(t2)))
                {
                    if (t1.Source.IsDescendantOf(t2.Source))
                    {
                        toRemove.Add(t2);
                    }
                    else
                    {
                        preempted = true;
                        break;
                    }
                }
            }

            if (!preempted)
            {
                foreach (var t3 in toRemove)
                {
                    filtered.Remove(t3);
                }

                filtered.Add(t1);
            }
        }

        return filtered;
    }

    private void Microstep(List<TransitionNode> enabled)
    {
        var targetless = true;
        foreach (var t in enabled)
        {
            targetless &= t.Targets.Length == 0;
        }

        // Targetless transitions exit and enter nothing: only their content runs.
        if (!targetless)
        {
            ExitStates(enabled);
        }

        foreach (var t in enabled)
        {
            if (t.Content is { Nodes.Count: > 0 } content)
            {
                ExecuteBlock(content.Nodes);
            }
        }

        if (!targetless)
        {
            EnterStates(enabled);
        }
    }

    /// <summary>computeExitSet: the active states inside each transition's domain, in document order.</summary>
    private List<StateNode> ComputeExitSet(List<TransitionNode> transitions)
    {
        var exit = new List<StateNode>();
        foreach (var t in transitions)
        {
            if (t.Targets.Length == 0)
            {
                continue;
            }

            var domain = GetTransitionDomain(t);
            if (domain is null)
            {
                continue;
            }

            for (var i = domain.Order + 1; i < _configuration.Length; i++)
            {
                if (_configuration[i])
                {
                    var s = _doc.States[i];
                    if (s.IsDescendantOf(domain) && !exit.Contains(s))
                    {
                        exit.Add(s);
                    }
                }
            }
        }

        if (transitions.Count > 1)
        {
            exit.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        }

        return exit;
    }

    private void ExitStates(List<TransitionNode> enabled)
    {
        var toExit = ComputeExitSet(enabled);
        if (toExit.Count == 0)
        {
            return;
        }

        foreach (var s in toExit)
        {
            _statesToInvoke[s.Order] = false;
        }

        // Exit order: reverse document order (descendants before ancestors).
        toExit.Reverse();
        if (_doc.HasHistory)
        {
            foreach (var s in toExit)
            {
                foreach (var h in s.HistoryChildren)
                {
                    var recorded = new List<StateNode>();
                    for (var i = s.Order + 1; i < _configuration.Length; i++)
                    {
                        if (!_configuration[i])
                        {
                            continue;
                        }

                        var s0 = _doc.States[i];
                        if (h.DeepHistory ? s0.IsAtomic && s0.IsDescendantOf(s) : s0.Parent == s)
                        {
                            recorded.Add(s0);
                        }
                    }

                    (_historyValue ??= [])[h] = [.. recorded];
                }
            }
        }

        foreach (var s in toExit)
        {
            foreach (var block in s.OnExit)
            {
                ExecuteBlock(block.Nodes);
            }

            foreach (var invoke in s.Invokes)
            {
                CancelInvoke(invoke);
            }

            _configuration[s.Order] = false;
        }
    }

    private void EnterStates(List<TransitionNode> enabled)
    {
        // Scratch marks reused from one microstep to the next (cleared below); entering a state cannot start another
        // microstep in this session, so they are never in use twice.
        var toEnter = _toEnter;
        var forDefaultEntry = _forDefaultEntry;
        Array.Clear(toEnter);
        Array.Clear(forDefaultEntry);
        Dictionary<StateNode, ExecBlock>? defaultHistoryContent = null;
        ComputeEntrySet(enabled, toEnter, forDefaultEntry, ref defaultHistoryContent);
        if (enabled.Count == 1 && enabled[0] is { Source.Kind: StateKind.Scxml, Content.Nodes.Count: > 0 } rootInitial && rootInitial == _doc.Root.Initial)
        {
            // An ORS top-level <initial> element: its transition's content runs before the first state is entered.
            ExecuteBlock(rootInitial.Content.Nodes);
        }

        for (var i = 0; i < toEnter.Length; i++)
        {
            if (!toEnter[i])
            {
                continue;
            }

            var s = _doc.States[i];
            _configuration[i] = true;
            _statesToInvoke[i] = true;
            if (_dataInitialized is not null && !_dataInitialized[i])
            {
                _dataInitialized[i] = true;
                InitializeData(s);
            }

            foreach (var block in s.OnEntry)
            {
                ExecuteBlock(block.Nodes);
            }

            if (forDefaultEntry[i] && s.Initial?.Content is { Nodes.Count: > 0 } initialContent)
            {
                ExecuteBlock(initialContent.Nodes);
            }

            if (defaultHistoryContent is not null && defaultHistoryContent.TryGetValue(s, out var historyContent))
            {
                ExecuteBlock(historyContent.Nodes);
            }

            if (s.Kind != StateKind.Final)
            {
                continue;
            }

            var parent = s.Parent!;
            if (parent.Kind == StateKind.Scxml)
            {
                _running = false;
                continue;
            }

            _internalQueue.Enqueue(ScxmlEvent.Internal("done.state." + parent.Id, EvaluateDoneData(s)));
            var grandparent = parent.Parent;
            if (grandparent is { Kind: StateKind.Parallel } && grandparent.Children.TrueForAll(IsInFinalState))
            {
                _internalQueue.Enqueue(ScxmlEvent.Internal("done.state." + grandparent.Id, DataValue.Undefined));
            }
        }
    }

    private void ComputeEntrySet(List<TransitionNode> transitions, bool[] toEnter, bool[] forDefaultEntry,
        ref Dictionary<StateNode, ExecBlock>? defaultHistoryContent)
    {
        foreach (var t in transitions)
        {
            foreach (var s in t.Targets)
            {
                AddDescendantStatesToEnter(s, toEnter, forDefaultEntry, ref defaultHistoryContent);
            }

            var ancestor = GetTransitionDomain(t);
            foreach (var s in GetEffectiveTargetStates(t))
            {
                AddAncestorStatesToEnter(s, ancestor, toEnter, forDefaultEntry, ref defaultHistoryContent);
            }
        }
    }

    private void AddDescendantStatesToEnter(StateNode state, bool[] toEnter, bool[] forDefaultEntry,
        ref Dictionary<StateNode, ExecBlock>? defaultHistoryContent)
    {
        if (state.Kind == StateKind.History)
        {
            if (_historyValue is not null && _historyValue.TryGetValue(state, out var recorded))
            {
                foreach (var s in recorded)
                {
                    AddDescendantStatesToEnter(s, toEnter, forDefaultEntry, ref defaultHistoryContent);
                }

                foreach (var s in recorded)
                {
                    AddAncestorStatesToEnter(s, state.Parent, toEnter, forDefaultEntry, ref defaultHistoryContent);
                }
            }
            else
            {
                var defaultTransition = state.Transitions[0];
                if (defaultTransition.Content is { Nodes.Count: > 0 } content)
                {
                    (defaultHistoryContent ??= [])[state.Parent!] = content;
                }

                foreach (var s in defaultTransition.Targets)
                {
                    AddDescendantStatesToEnter(s, toEnter, forDefaultEntry, ref defaultHistoryContent);
                }

                foreach (var s in defaultTransition.Targets)
                {
                    AddAncestorStatesToEnter(s, state.Parent, toEnter, forDefaultEntry, ref defaultHistoryContent);
                }
            }

            return;
        }

        toEnter[state.Order] = true;
        if (state.IsCompound)
        {
            forDefaultEntry[state.Order] = true;
            var initial = state.Initial!;
            foreach (var s in initial.Targets)
            {
                AddDescendantStatesToEnter(s, toEnter, forDefaultEntry, ref defaultHistoryContent);
            }

            foreach (var s in initial.Targets)
            {
                AddAncestorStatesToEnter(s, state, toEnter, forDefaultEntry, ref defaultHistoryContent);
            }
        }
        else if (state.Kind == StateKind.Parallel)
        {
            foreach (var child in state.Children)
            {
                if (!AnyDescendantMarked(toEnter, child))
                {
                    AddDescendantStatesToEnter(child, toEnter, forDefaultEntry, ref defaultHistoryContent);
                }
            }
        }
    }

    private void AddAncestorStatesToEnter(StateNode state, StateNode? ancestor, bool[] toEnter, bool[] forDefaultEntry,
        ref Dictionary<StateNode, ExecBlock>? defaultHistoryContent)
    {
        for (var anc = state.Parent; anc is not null && anc != ancestor; anc = anc.Parent)
        {
            toEnter[anc.Order] = true;
            if (anc.Kind == StateKind.Parallel)
            {
                foreach (var child in anc.Children)
                {
                    if (!AnyDescendantMarked(toEnter, child))
                    {
                        AddDescendantStatesToEnter(child, toEnter, forDefaultEntry, ref defaultHistoryContent);
                    }
                }
            }
        }
    }

    /// <summary>statesToEnter.some(s => isDescendant(s, child)) (descendants follow their ancestor in document order).</summary>
    private bool AnyDescendantMarked(bool[] marks, StateNode child)
    {
        for (var i = child.Order + 1; i < marks.Length; i++)
        {
            var s = _doc.States[i];
            if (!s.IsDescendantOf(child))
            {
                if (s.Kind == StateKind.History)
                {
                    continue;
                }

                break;
            }

            if (marks[i])
            {
                return true;
            }
        }

        return false;
    }

    private bool IsInFinalState(StateNode s)
    {
        if (s.IsCompound)
        {
            return s.Children.Exists(c => c.Kind == StateKind.Final && _configuration[c.Order]);
        }

        return s.Kind == StateKind.Parallel && s.Children.TrueForAll(IsInFinalState);
    }

    private StateNode? GetTransitionDomain(TransitionNode t)
    {
        if (t.StaticTargets is not null)
        {
            return t.StaticDomain;
        }

        var targets = GetEffectiveTargetStates(t);
        if (targets.Count == 0)
        {
            return null;
        }

        if (t.Source.Kind == StateKind.Scxml)
        {
            return t.Source;
        }

        if (t.IsInternal && t.Source.IsCompound && targets.TrueForAll(s => s.IsDescendantOf(t.Source)))
        {
            return t.Source;
        }

        return FindLcca(t.Source, targets);
    }

    private static StateNode? FindLcca(StateNode head, List<StateNode> tail)
    {
        foreach (var anc in head.Ancestors)
        {
            if (!anc.IsCompoundOrRoot)
            {
                continue;
            }

            if (tail.TrueForAll(s => s.IsDescendantOf(anc)))
            {
                return anc;
            }
        }

        return null;
    }

    private List<StateNode> GetEffectiveTargetStates(TransitionNode t)
    {
        if (t.StaticTargets is { } fixedTargets)
        {
            return fixedTargets;
        }

        var targets = new List<StateNode>();
        AddEffectiveTargets(t, targets);
        return targets;
    }

    private void AddEffectiveTargets(TransitionNode t, List<StateNode> targets)
    {
        foreach (var s in t.Targets)
        {
            if (s.Kind == StateKind.History)
            {
                if (_historyValue is not null && _historyValue.TryGetValue(s, out var recorded))
                {
                    foreach (var r in recorded)
                    {
                        if (!targets.Contains(r))
                        {
                            targets.Add(r);
                        }
                    }
                }
                else
                {
                    AddEffectiveTargets(s.Transitions[0], targets);
                }
            }
            else if (!targets.Contains(s))
            {
                targets.Add(s);
            }
        }
    }
}
