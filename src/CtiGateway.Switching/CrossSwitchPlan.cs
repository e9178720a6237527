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
        if (string.IsNullOrEmpty(code) || code.Length > MaxAccessCodeLength)
        {
            return false;
        }

        var digits = code.AsSpan(code[0] == '+' ? 1 : 0);
        if (digits.IsEmpty)
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
    /// Checks <c>Switches:N:AccessNumbers</c>: each key names another switch of the gateway, each value is an access
    /// code (<see cref="IsAccessCode"/>). One line per problem, with the key path.
    /// </summary>
    public static IEnumerable<string> Validate(IReadOnlyList<SwitchSettings> switches, string path)
    {
        var names = switches.Select(s => s.Name).Where(n => !string.IsNullOrWhiteSpace(n)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < switches.Count; i++)
        {
            var sw = switches[i];
            foreach (var (other, code) in sw.AccessNumbers ?? [])
            {
                var key = $"{path}:{i}:AccessNumbers:{other}";
                if (string.Equals(other, sw.Name, StringComparison.Ordinal))
                {
                    yield return $"{key}: a switch needs no access number for itself";
                }
                else if (!names.Contains(other))
                {
                    yield return $"{key}: '{other}' is not a switch of this gateway ({string.Join(", ", names.Order(StringComparer.Ordinal))})";
                }

                if (!IsAccessCode(code))
                {
                    yield return $"{key}: '{code}' is not an access code (1-{MaxAccessCodeLength} of 0-9 * #, optional leading +)";
                }
            }
        }
    }
}
