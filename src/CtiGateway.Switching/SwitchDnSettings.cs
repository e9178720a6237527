using System.Globalization;
using System.Numerics;
using System.Text;

namespace CtiGateway.Switching;

/// <summary>
/// One entry of a switch's own DNs (<c>Switches:N:Dns:M</c>), as a Genesys switch's DN objects are configured: one DN
/// (<see cref="Number"/>) or a range of digit DNs (<see cref="From"/> to <see cref="To"/>), with its
/// <see cref="Type"/>. An entry for a DN of the profile's numbering plan overrides the plan's type for that DN; any other
/// entry adds a DN to the switch (<see cref="SwitchDirectory.BuildDirectory"/>).
/// </summary>
public sealed class SwitchDnSettings
{
    /// <summary>One DN (<c>4002</c>, <c>T1</c>): 1-64 characters, no control characters. Not with From/To.</summary>
    public string Number { get; set; } = string.Empty;

    /// <summary>First DN of a range: digits, as many as <see cref="To"/>. Not with Number.</summary>
    public string From { get; set; } = string.Empty;

    /// <summary>Last DN of a range, inclusive: digits, as many as <see cref="From"/>, not below it.</summary>
    public string To { get; set; } = string.Empty;

    /// <summary>The DN type, as Genesys names it: Extension, ACDPosition, ACDQueue, RoutingPoint or Trunk (<see cref="SwitchDirectory.TypeNames"/>).</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>
    /// Reads the entry at <paramref name="key"/> (<c>Switches:0:Dns:3</c>): its block of DNs, or null with one line per
    /// problem added to <paramref name="problems"/> (key path of the offending value, then the reason).
    /// </summary>
    internal DnBlock? Parse(string key, int entry, List<string> problems)
    {
        var number = Number ?? string.Empty;
        var from = From ?? string.Empty;
        var to = To ?? string.Empty;
        var type = Type ?? string.Empty;
        var count = problems.Count;
        var kind = default(CallModel.DnKind);
        if (type.Length == 0)
        {
            problems.Add($"{key}:Type: a DN type is required ({SwitchDirectory.TypeList})");
        }
        else if (!SwitchDirectory.TryParseType(type, out kind))
        {
            var near = SwitchDirectory.TypeNames.FirstOrDefault(n => string.Equals(Squeeze(type), n, StringComparison.OrdinalIgnoreCase));
            problems.Add($"{key}:Type: '{Printable(type)}' is not a DN type ({SwitchDirectory.TypeList})" + (near is null ? string.Empty : $"; did you mean '{near}'?"));
        }

        if (number.Length > 0 && (from.Length > 0 || to.Length > 0))
        {
            problems.Add($"{key}:Number: '{Printable(number)}' is given with {(from.Length > 0 ? "From" : "To")}: an entry is one DN (Number) or one range (From and To), not both");
            return null;
        }

        if (from.Length > 0 || to.Length > 0)
        {
            var fromOk = RangeBound(key, "From", from, "To", to, problems);
            var toOk = RangeBound(key, "To", to, "From", from, problems);
            if (fromOk && toOk)
            {
                if (from.Length != to.Length)
                {
                    problems.Add($"{key}:To: '{to}' has {to.Length} digits and From '{from}' has {from.Length}: a range's From and To have as many digits");
                }
                else if (string.CompareOrdinal(from, to) > 0)
                {
                    problems.Add($"{key}:To: '{to}' is below From '{from}'");
                }
                else
                {
                    var size = BigInteger.Parse(to, CultureInfo.InvariantCulture) - BigInteger.Parse(from, CultureInfo.InvariantCulture) + 1;
                    if (size > SwitchDirectory.MaxDns)
                    {
                        problems.Add($"{key}: the range {from}-{to} is {size.ToString("N0", CultureInfo.InvariantCulture)} DNs, more than a switch holds (at most {SwitchDirectory.MaxDns.ToString("N0", CultureInfo.InvariantCulture)} DNs per switch, numbering plan and Dns together)");
                    }
                }
            }

            return problems.Count == count ? new DnBlock(from, to, kind, key, entry, IsRange: true) : null;
        }

        if (number.Length == 0)
        {
            problems.Add($"{key}:Number: empty: give the DN in Number, or a range in From and To");
        }
        else if (SwitchDirectory.DnProblem(number) is { } problem)
        {
            problems.Add($"{key}:Number: '{Printable(number)}' {problem}");
        }

        return problems.Count == count ? new DnBlock(number, number, kind, key, entry, IsRange: false) : null;
    }

    /// <summary>Text from the configuration, safe to print in one line: control characters as \uXXXX, cut after 80 characters.</summary>
    internal static string Printable(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, 90));
        foreach (var c in text.Length > 80 ? text[..80] : text)
        {
            if (char.IsControl(c))
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                sb.Append(c);
            }
        }

        return text.Length > 80 ? sb.Append("...").ToString() : sb.ToString();
    }

    private static string Squeeze(string type) => type.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);

    private static bool RangeBound(string key, string name, string value, string otherName, string other, List<string> problems)
    {
        if (value.Length == 0)
        {
            problems.Add($"{key}:{name}: empty: a range needs From and To ({otherName} is '{Printable(other)}')");
            return false;
        }

        if (!value.All(char.IsAsciiDigit))
        {
            problems.Add($"{key}:{name}: '{Printable(value)}' is not all digits: a range runs over digit DNs (list other DNs one by one with Number)");
            return false;
        }

        if (value.Length > SwitchDirectory.MaxDnLength)
        {
            problems.Add($"{key}:{name}: {value.Length} digits: a DN has at most {SwitchDirectory.MaxDnLength} characters");
            return false;
        }

        return true;
    }
}
