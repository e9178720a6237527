namespace CtiGateway.Switching;

/// <summary>What <see cref="SwitchLinkService.ApplyAsync"/> did, by switch name.</summary>
/// <param name="Added">Switches that were not configured before; their links were started.</param>
/// <param name="Removed">Switches no longer configured; their links were stopped.</param>
/// <param name="Restarted">Switches whose profile (file content or path) or links changed; only their links restarted.</param>
/// <param name="Unchanged">Switches left running untouched.</param>
public sealed record SwitchApplyResult(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Restarted,
    IReadOnlyList<string> Unchanged);
