namespace CtiGateway.Switching;

/// <summary>
/// Several switches in one gateway: DNs written <c>DN@switch</c>, and the access codes each switch dials to reach the
/// others over the PBX trunk (<c>Switches:N:AccessNumbers:OTHER</c>).
/// </summary>
internal static class CrossSwitchPlan
{
    /// <summary>Longest access code accepted.</summary>
    public const int MaxAccessCodeLength = 16;

    /// <summary>
    /// Splits <paramref name="text"/> at its last '@' into DN and switch name; false (and the text as DN) when it has
    /// no '@' with text on both sides.
    /// </summary>
    public static bool TrySplit(string text, out string dn, out string switchName)
    {
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            dn = text;
            switchName = string.Empty;
            return false;
        }

        dn = text[..at];
        switchName = text[(at + 1)..];
        return true;
    }

    /// <summary>Whether <paramref name="code"/> is an access code: 1-16 of 0-9 * #, with an optional leading '+'.</summary>
    public static bool IsAccessCode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        var digits = code.AsSpan(code[0] == '+' ? 1 : 0);
        if (digits.IsEmpty || digits.Length > MaxAccessCodeLength)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c) && c is not '*' and not '#')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Checks <c>Switches:N:AccessNumbers</c>: each entry names another switch of the gateway, once, and an access code
    /// (<see cref="IsAccessCode"/>). One line per problem, with the key path.
    /// </summary>
    public static IEnumerable<string> Validate(IReadOnlyList<SwitchSettings> switches, string path)
    {
        var names = switches.Select(s => s.Name).Where(n => !string.IsNullOrWhiteSpace(n)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < switches.Count; i++)
        {
            var sw = switches[i];
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var entries = sw.AccessNumbers ?? [];
            for (var j = 0; j < entries.Count; j++)
            {
                var entry = entries[j];
                var key = $"{path}:{i}:AccessNumbers:{j}";
                var other = entry?.Switch ?? string.Empty;
                if (string.Equals(other, sw.Name, StringComparison.Ordinal))
                {
                    yield return $"{key}:Switch: a switch needs no access number for itself ({other})";
                }
                else if (!names.Contains(other))
                {
                    yield return $"{key}:Switch: '{other}' is not a switch of this gateway ({string.Join(", ", names.Order(StringComparer.Ordinal))})";
                }
                else if (seen.TryGetValue(other, out var first))
                {
                    yield return $"{key}:Switch: switch {other} already has an access number ({path}:{i}:AccessNumbers:{first})";
                }
                else
                {
                    seen[other] = j;
                }

                if (!IsAccessCode(entry?.Code))
                {
                    yield return $"{key}:Code: '{entry?.Code}' is not an access code (1-{MaxAccessCodeLength} of 0-9 * #, optional leading +)";
                }
            }
        }
    }

    /// <summary>The access codes of <paramref name="settings"/> by the other switch's name.</summary>
    public static Dictionary<string, string> CodesOf(SwitchSettings settings)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in settings.AccessNumbers ?? [])
        {
            if (entry is not null && entry.Switch.Length > 0)
            {
                codes.TryAdd(entry.Switch, entry.Code);
            }
        }

        return codes;
    }
}
