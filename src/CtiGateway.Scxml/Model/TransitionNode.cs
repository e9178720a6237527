namespace CtiGateway.Scxml.Model;

/// <summary>A transition: event descriptors, condition, targets, type and executable content.</summary>
internal sealed class TransitionNode
{
    public required StateNode Source { get; init; }

    public required SourcePosition Position { get; init; }

    /// <summary>Event descriptors (normalised: no trailing <c>.*</c> or <c>.</c>), null for an eventless transition.</summary>
    public string[]? Events { get; init; }

    public ScriptExpr? Cond { get; init; }

    /// <summary>Target ids as written (resolved into <see cref="Targets"/> after parsing).</summary>
    public string[] TargetIds { get; init; } = [];

    public StateNode[] Targets { get; set; } = [];

    public bool IsInternal { get; init; }

    public ExecBlock? Content { get; init; }

    /// <summary>The targets as a list when none is a history state (then they are the effective targets), else null.</summary>
    public List<StateNode>? StaticTargets { get; set; }

    /// <summary>The transition domain when it does not depend on history (no history target); null when it must be computed.</summary>
    public StateNode? StaticDomain { get; set; }

    /// <summary>Index in document order among all transitions.</summary>
    public int Order { get; set; }

    public bool MatchesEvent(string name)
    {
        if (Events is null)
        {
            return false;
        }

        foreach (var descriptor in Events)
        {
            if (descriptor == "*")
            {
                return true;
            }

            if (name.StartsWith(descriptor, StringComparison.Ordinal) && (name.Length == descriptor.Length || name[descriptor.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }
}
