namespace CtiGateway.Orchestration;

/// <summary>A resource of an <c>ixn:</c> action resolved to a DN: the DN, its switch when known, and how it was named.</summary>
/// <param name="Dn">The bare DN.</param>
/// <param name="Switch">The switch, or null when the DN names one on the call's own switch.</param>
/// <param name="Described">How the strategy named it, for error descriptions and events.</param>
internal sealed record ResolvedResource(string Dn, string? Switch, string Described)
{
    /// <summary>The DN as a request names it: <c>DN@switch</c> when the switch is known, else the bare DN.</summary>
    public string Address => Switch is { Length: > 0 } sw ? Dn + "@" + sw : Dn;
}
