using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace CtiGateway.CallModel;

/// <summary>
/// The DNs of one switch with their <see cref="DnKind"/>, immutable. A device the directory does not hold is outside the
/// switch (a network number): it takes part in calls but gets no events, like a <see cref="DnKind.Trunk"/>.
/// </summary>
public sealed class DnDirectory
{
    private readonly FrozenDictionary<string, DnKind> _kinds;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _byText;

    /// <summary>Builds the directory from DN/type pairs.</summary>
    /// <exception cref="ArgumentException">A DN is empty or listed twice.</exception>
    public DnDirectory(IEnumerable<KeyValuePair<string, DnKind>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var kinds = new Dictionary<string, DnKind>(StringComparer.Ordinal);
        foreach (var (dn, kind) in entries)
        {
            if (string.IsNullOrEmpty(dn))
            {
                throw new ArgumentException("A DN of the directory is empty.", nameof(entries));
            }

            if (!Enum.IsDefined(kind))
            {
                throw new ArgumentException($"DN {dn}: {(int)kind} is not a DN type.", nameof(entries));
            }

            if (!kinds.TryAdd(dn, kind))
            {
                throw new ArgumentException($"DN {dn} is listed twice (as {kinds[dn]} and {kind}).", nameof(entries));
            }
        }

        _kinds = kinds.ToFrozenDictionary(StringComparer.Ordinal);
        _byText = new HashSet<string>(kinds.Keys, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>An empty directory: every device is outside the switch.</summary>
    public static DnDirectory Empty { get; } = new([]);

    /// <summary>Number of DNs.</summary>
    public int Count => _kinds.Count;

    /// <summary>Every DN with its type.</summary>
    public IEnumerable<KeyValuePair<string, DnKind>> Entries => _kinds;

    /// <summary>The type of <paramref name="dn"/>, when the directory holds it.</summary>
    public bool TryGetKind(string dn, out DnKind kind) => _kinds.TryGetValue(dn, out kind);

    /// <summary>
    /// The directory's own string for the DN spelt <paramref name="text"/>, when it holds one. The model keeps that
    /// instance rather than the one a switch frame brought, so a call adds no long-lived copy of a DN (its parties,
    /// ANI and DNIS point at strings that live as long as the directory).
    /// </summary>
    /// <remarks>Safe from any thread: the set is never written after construction.</remarks>
    public bool TryGetDn(ReadOnlySpan<char> text, [NotNullWhen(true)] out string? dn) => _byText.TryGetValue(text, out dn);

    /// <summary>
    /// Whether <paramref name="dn"/> is a DN of the switch that takes events (an extension, position, queue or routing
    /// point; not a trunk, not a number outside the switch).
    /// </summary>
    public bool IsInternal(string? dn) => dn is not null && _kinds.TryGetValue(dn, out var kind) && kind != DnKind.Trunk;
}
