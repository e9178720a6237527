namespace CtiGateway.Orchestration;

/// <summary>One target of a <c>queue:submit</c>: a <c>&lt;queue:target&gt;</c> element or one item of a <c>&lt;queue:targetid&gt;</c>.</summary>
/// <param name="Name">The agent id, group name or DN.</param>
/// <param name="Server">The part after @: the Stat Server for agents and groups, the switch for DNs, queues and routing points; null when none.</param>
/// <param name="Type">What the name names.</param>
/// <param name="Weight">The <c>[weight]</c> (ordertype percentage), 0 when none.</param>
/// <param name="Threshold">The <c>{threshold}</c>, or null.</param>
internal sealed record QueueTarget(string Name, string? Server, QueueTargetType Type, int Weight, QueueThreshold? Threshold)
{
    /// <summary>The type's suffix in the grammar.</summary>
    public string Suffix => QueueTargetParser.SuffixOf(Type);

    /// <summary>The target as <c>name@server.TYPE</c> (the high-level target, <c>targetobjectselected</c>).</summary>
    public string Describe() => Server is { Length: > 0 } server ? $"{Name}@{server}.{Suffix}" : $"{Name}.{Suffix}";
}
