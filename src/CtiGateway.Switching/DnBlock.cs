using System.Globalization;
using System.Numerics;
using CtiGateway.CallModel;

namespace CtiGateway.Switching;

/// <summary>
/// DNs of one source of a switch's directory: a range of the profile's numbering plan (<see cref="Key"/> null) or one
/// <c>Switches:N:Dns:M</c> entry (one DN, or a range of digit DNs of equal length). Digit DNs of equal length compare
/// ordinally as numbers do; a DN with other characters is its own block.
/// </summary>
internal sealed record DnBlock(string From, string To, DnKind Kind, string? Key, int Entry, bool IsRange)
{
    /// <summary>The numbering-plan type name of a plan range (<c>acd-queue</c>), for messages; empty for an entry.</summary>
    public string PlanType { get; init; } = string.Empty;

    /// <summary>Blocks that can share a DN: digit DNs by their length, every other DN in group -1 (equal or not).</summary>
    public int Group { get; } = From.All(char.IsAsciiDigit) ? From.Length : -1;

    /// <summary>Whether this block is one of the switch's own entries (not a numbering-plan range).</summary>
    public bool IsEntry => Key is not null;

    /// <summary>The key path of the value a problem with this entry points at: Number for one DN, From for a range.</summary>
    public string FieldKey => Key + (IsRange ? ":From" : ":Number");

    /// <summary>How many DNs the block holds.</summary>
    public BigInteger Count => IsRange ? BigInteger.Parse(To, CultureInfo.InvariantCulture) - BigInteger.Parse(From, CultureInfo.InvariantCulture) + 1 : BigInteger.One;

    /// <summary><c>5001-5099</c>, or the one DN.</summary>
    public string Text => From == To ? From : $"{From}-{To}";

    /// <summary>The block's DNs in order (digit ranges keep their leading zeros).</summary>
    public IEnumerable<string> Dns()
    {
        if (!IsRange)
        {
            yield return From;
            yield break;
        }

        var last = BigInteger.Parse(To, CultureInfo.InvariantCulture);
        for (var n = BigInteger.Parse(From, CultureInfo.InvariantCulture); n <= last; n++)
        {
            yield return n.ToString(CultureInfo.InvariantCulture).PadLeft(From.Length, '0');
        }
    }
}
