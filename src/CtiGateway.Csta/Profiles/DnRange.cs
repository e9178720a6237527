namespace CtiGateway.Pbx.Profiles;

/// <summary>A numbering-plan range of DNs of equal length, <see cref="From"/> to <see cref="To"/> inclusive.</summary>
public sealed record DnRange(string From, string To, DnType Type)
{
    /// <summary>Whether <paramref name="dn"/> lies in this range (same length, digits, between the bounds).</summary>
    public bool Contains(string dn) =>
        dn.Length == From.Length && dn.All(char.IsAsciiDigit)
        && string.CompareOrdinal(dn, From) >= 0 && string.CompareOrdinal(dn, To) <= 0;

    /// <summary>Whether the two ranges share a DN.</summary>
    public bool Overlaps(DnRange other) =>
        other.From.Length == From.Length
        && string.CompareOrdinal(From, other.To) <= 0 && string.CompareOrdinal(other.From, To) <= 0;
}
