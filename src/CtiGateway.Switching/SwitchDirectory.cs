using System.Collections.Frozen;
using System.Globalization;
using System.Numerics;
using CtiGateway.CallModel;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Switching;

/// <summary>
/// The switching domain of one switch: its DNs with their Genesys DN types, built from the firmware profile's numbering
/// plan and the switch's own <c>Switches:N:Dns</c> entries (an entry overrides the plan's type of its DNs and adds DNs
/// outside the plan), the DNs the links monitor, and the checks <see cref="SwitchSettings.Validate"/> runs on them.
/// </summary>
public static class SwitchDirectory
{
    /// <summary>Most DNs of one switch: numbering plan and <c>Switches:N:Dns</c> together.</summary>
    public const int MaxDns = 100_000;

    /// <summary>Most DNs of one switch that get a MonitorStart when a link becomes active (see <see cref="MonitoredDns"/>).</summary>
    public const int MaxMonitoredDns = MaxDns;

    /// <summary>Longest DN, in characters: the T-Library server's limit on a DN a client names.</summary>
    public const int MaxDnLength = 64;

    private static readonly FrozenDictionary<string, DnKind> Types =
        Enum.GetValues<DnKind>().ToFrozenDictionary(k => k.ToString(), StringComparer.Ordinal);

    /// <summary>The DN type names of <c>Switches:N:Dns:M:Type</c>, as Genesys Configuration Manager names the DN types.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = [.. Enum.GetValues<DnKind>().Select(k => k.ToString())];

    /// <summary>"one of Extension, ACDPosition, ..." for messages.</summary>
    internal static string TypeList => "one of " + string.Join(", ", TypeNames);

    /// <summary>The DN type called <paramref name="name"/> (exact spelling, as in <see cref="TypeNames"/>).</summary>
    public static bool TryParseType(string name, out DnKind kind) => Types.TryGetValue(name ?? string.Empty, out kind);

    /// <summary>The DN type of a numbering-plan range type.</summary>
    public static DnKind KindOf(DnType type) => type switch
    {
        DnType.Extension => DnKind.Extension,
        DnType.AcdPosition => DnKind.ACDPosition,
        DnType.AcdQueue => DnKind.ACDQueue,
        DnType.RoutePoint => DnKind.RoutingPoint,
        DnType.Trunk => DnKind.Trunk,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a numbering-plan type"),
    };

    /// <summary>
    /// The directory of the switch <paramref name="settings"/> on <paramref name="profile"/>: every DN of the profile's
    /// numbering plan with its range's type, then every DN of <see cref="SwitchSettings.Dns"/> with the entry's type
    /// (replacing the plan's type of a DN in the plan).
    /// </summary>
    /// <exception cref="SwitchConfigException">An entry is invalid, a DN is listed twice in the entries, or the switch would hold more than <see cref="MaxDns"/> DNs (what <see cref="SwitchSettings.Validate"/> reports).</exception>
    public static DnDirectory BuildDirectory(SwitchSettings settings, FirmwareProfile profile)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(profile);
        var problems = new List<string>();
        var plan = PlanOf(0, string.Empty, settings, profile, problems);
        problems.AddRange(Check([plan]));
        if (problems.Count > 0)
        {
            throw new SwitchConfigException($"switch {settings.Name}: {string.Join("; ", problems)}");
        }

        var kinds = new Dictionary<string, DnKind>(StringComparer.Ordinal);
        foreach (var block in plan.Plan.Concat(plan.Entries))
        {
            foreach (var dn in block.Dns())
            {
                kinds[dn] = block.Kind;
            }
        }

        return new DnDirectory(kinds);
    }

    /// <summary>
    /// The DNs that get a MonitorStart: every DN of <paramref name="directory"/> but trunks, shortest first and then in
    /// ordinal (for digits: numeric) order, at most <see cref="MaxMonitoredDns"/>.
    /// </summary>
    public static IReadOnlyList<string> MonitoredDns(DnDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return [.. directory.Entries
            .Where(e => e.Value != DnKind.Trunk)
            .Select(e => e.Key)
            .OrderBy(dn => dn.Length)
            .ThenBy(dn => dn, StringComparer.Ordinal)
            .Take(MaxMonitoredDns)];
    }

    /// <summary>Why <paramref name="dn"/> cannot be a DN (the T-Library server's rule: 1-64 characters, no control characters), or null.</summary>
    internal static string? DnProblem(string dn)
    {
        if (dn.Length == 0)
        {
            return "is empty";
        }

        if (dn.Length > MaxDnLength)
        {
            return $"is {dn.Length.ToString(CultureInfo.InvariantCulture)} characters long: a DN has at most {MaxDnLength} (the T-Library limit)";
        }

        for (var i = 0; i < dn.Length; i++)
        {
            if (char.IsControl(dn[i]))
            {
                return $"has a control character at position {(i + 1).ToString(CultureInfo.InvariantCulture)}: a DN is printable text";
            }
        }

        return null;
    }

    /// <summary>
    /// The DN sources of switch <paramref name="index"/> at key <paramref name="key"/> (<c>Switches:0</c>): the plan of
    /// <paramref name="profile"/> (none when it could not be loaded) and the entries that parse; the others add their
    /// problems to <paramref name="problems"/>.
    /// </summary>
    internal static SwitchDnPlan PlanOf(int index, string key, SwitchSettings settings, FirmwareProfile? profile, List<string> problems)
    {
        var plan = profile is null ? [] : profile.NumberingPlan.Select(r => new DnBlock(r.From, r.To, KindOf(r.Type), null, -1, IsRange: true) { PlanType = ProfileTypeName(r.Type) }).ToList();
        var entries = new List<DnBlock>();
        var dns = settings.Dns ?? [];
        for (var j = 0; j < dns.Count; j++)
        {
            var entryKey = Join(key, $"Dns:{j.ToString(CultureInfo.InvariantCulture)}");
            if (dns[j] is not { } entry)
            {
                problems.Add($"{entryKey}: an empty entry: give Number (or From and To) and Type");
                continue;
            }

            if (entry.Parse(entryKey, j, problems) is { } block)
            {
                entries.Add(block);
            }
        }

        return new SwitchDnPlan(index, settings.Name, key, profile?.Id ?? "?", plan, entries, dns.Count);
    }

    /// <summary>
    /// The checks across the DN sources of <paramref name="plans"/> (one line per problem, on the key of the entry at
    /// fault): a DN listed twice in one switch's entries, an entry sharing a DN with another switch's entries or
    /// numbering plan, and a switch holding more than <see cref="MaxDns"/> DNs. Numbering plans that overlap each other
    /// are left to the caller (one line per pair of switches).
    /// </summary>
    internal static List<string> Check(IReadOnlyList<SwitchDnPlan> plans)
    {
        var found = new List<(int Switch, int Entry, string Problem)>();
        foreach (var plan in plans)
        {
            var total = Union(plan.Plan.Concat(plan.Entries));
            if (total > MaxDns)
            {
                var at = plan.EntryCount > 0 ? Join(plan.Key, "Dns") : Join(plan.Key, "Profile");
                found.Add((plan.Index, int.MaxValue, $"{at}: switch {plan.Name} holds {total.ToString("N0", CultureInfo.InvariantCulture)} DNs (the numbering plan of profile {plan.ProfileId} and Dns together): at most {MaxDns.ToString("N0", CultureInfo.InvariantCulture)} DNs per switch"));
            }
        }

        // One sweep in DN order: per switch, the entry and the plan range reaching furthest so far in this group.
        var byIndex = plans.ToDictionary(p => p.Index);
        var blocks = plans
            .SelectMany(p => p.Plan.Concat(p.Entries).Select(b => (Block: b, Plan: p)))
            .OrderBy(x => x.Block.Group)
            .ThenBy(x => x.Block.From, StringComparer.Ordinal)
            .ToList();
        var reach = new Dictionary<int, (DnBlock? Entry, DnBlock? Range)>();
        var group = int.MinValue;
        foreach (var (block, plan) in blocks)
        {
            if (block.Group != group)
            {
                reach.Clear();
                group = block.Group;
            }

            foreach (var (index, (entry, range)) in reach)
            {
                var other = byIndex[index];
                if (index == plan.Index)
                {
                    if (block.IsEntry && entry is not null && Reaches(entry, block))
                    {
                        found.Add((plan.Index, block.Entry, Twice(block, entry)));
                    }
                }
                else if (block.IsEntry)
                {
                    if (entry is not null && Reaches(entry, block))
                    {
                        found.Add((plan.Index, block.Entry, Clash(block, entry, other)));
                    }
                    else if (range is not null && Reaches(range, block))
                    {
                        found.Add((plan.Index, block.Entry, Clash(block, range, other)));
                    }
                }
                else if (entry is not null && Reaches(entry, block))
                {
                    found.Add((other.Index, entry.Entry, Clash(entry, block, plan)));
                }
            }

            var (furthestEntry, furthestRange) = reach.GetValueOrDefault(plan.Index);
            if (block.IsEntry && (furthestEntry is null || string.CompareOrdinal(block.To, furthestEntry.To) > 0))
            {
                furthestEntry = block;
            }
            else if (!block.IsEntry && (furthestRange is null || string.CompareOrdinal(block.To, furthestRange.To) > 0))
            {
                furthestRange = block;
            }

            reach[plan.Index] = (furthestEntry, furthestRange);
        }

        return [.. found.Distinct().OrderBy(f => f.Switch).ThenBy(f => f.Entry).Select(f => f.Problem)];
    }

    /// <summary>Whether <paramref name="earlier"/> (not after <paramref name="later"/> in DN order, same group) shares a DN with it.</summary>
    private static bool Reaches(DnBlock earlier, DnBlock later) => string.CompareOrdinal(later.From, earlier.To) <= 0;

    private static string Twice(DnBlock entry, DnBlock earlier) =>
        entry.IsRange
            ? $"{entry.FieldKey}: {entry.Text} overlaps {earlier.Key} ({earlier.Text}) at DN {entry.From}: list each DN once"
            : $"{entry.FieldKey}: DN {entry.From} is listed twice (also in {earlier.Key}: {earlier.Text}): list each DN once";

    /// <summary>The line for <paramref name="entry"/> sharing a DN with <paramref name="other"/> of switch <paramref name="owner"/>.</summary>
    private static string Clash(DnBlock entry, DnBlock other, SwitchDnPlan owner)
    {
        var source = other.IsEntry ? $"{other.Key}: {other.Text}" : $"numbering plan of profile {owner.ProfileId}: {other.Text} {other.PlanType}";
        var first = string.CompareOrdinal(entry.From, other.From) >= 0 ? entry.From : other.From;
        return entry.IsRange
            ? $"{entry.FieldKey}: {entry.Text} overlaps switch {owner.Name} at DN {first} ({source}): a DN belongs to one switch"
            : $"{entry.FieldKey}: DN {entry.From} is also a DN of switch {owner.Name} ({source}): a DN belongs to one switch";
    }

    /// <summary>How many distinct DNs the blocks hold.</summary>
    private static BigInteger Union(IEnumerable<DnBlock> blocks)
    {
        var total = BigInteger.Zero;
        DnBlock? current = null;
        var to = string.Empty;
        foreach (var block in blocks.OrderBy(b => b.Group).ThenBy(b => b.From, StringComparer.Ordinal))
        {
            if (current is not null && current.Group == block.Group && string.CompareOrdinal(block.From, to) <= 0)
            {
                to = string.CompareOrdinal(block.To, to) > 0 ? block.To : to;
                continue;
            }

            if (current is not null)
            {
                total += Size(current, to);
            }

            current = block;
            to = block.To;
        }

        return current is null ? total : total + Size(current, to);
    }

    private static BigInteger Size(DnBlock first, string to) =>
        first.Group < 0 ? BigInteger.One : BigInteger.Parse(to, CultureInfo.InvariantCulture) - BigInteger.Parse(first.From, CultureInfo.InvariantCulture) + 1;

    private static string ProfileTypeName(DnType type) => type switch
    {
        DnType.AcdPosition => "acd-position",
        DnType.AcdQueue => "acd-queue",
        DnType.RoutePoint => "route-point",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string Join(string key, string name) => key.Length == 0 ? name : key + ":" + name;
}
