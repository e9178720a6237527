using System.Globalization;
using System.Text.RegularExpressions;
using CtiGateway.Protocol.Tests.WireFormat;

namespace CtiGateway.Protocol.Tests.Wireshark;

/// <summary>Reads the generated name tables of packaging/wireshark/ctigateway-tlib.lua.</summary>
internal static partial class LuaDissectorFile
{
    public const string RelativePath = "packaging/wireshark/ctigateway-tlib.lua";

    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(FullPath));

    public static string FullPath => RepoRoot.File(RelativePath);

    /// <summary>A table of the form <c>local NAME = { [n] = "text", ... }</c>.</summary>
    public static IReadOnlyDictionary<int, string> StringTable(string name) =>
        Entries(TableBody(name), StringEntry(), m => m.Groups["text"].Value, name);

    /// <summary>A table of the form <c>local NAME = { [n] = 7, ... }</c>.</summary>
    public static IReadOnlyDictionary<int, int> IntTable(string name) =>
        Entries(TableBody(name), IntEntry(), m => ParseInt(m.Groups["value"].Value), name);

    /// <summary>ATTRIBUTE_ENUMS: attribute id to the name of its ENUMS table.</summary>
    public static IReadOnlyDictionary<int, string> AttributeEnums() =>
        Entries(TableBody("ATTRIBUTE_ENUMS"), EnumReference(), m => m.Groups["enum"].Value, "ATTRIBUTE_ENUMS");

    /// <summary>The ENUMS table: enum name to its values; an alias (<c>MessageType = MESSAGE_NAMES</c>) maps to that table.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>> Enums()
    {
        var body = TableBody("ENUMS");
        var result = new Dictionary<string, IReadOnlyDictionary<int, string>>(StringComparer.Ordinal);
        for (var i = 0; i < body.Count; i++)
        {
            var alias = EnumAlias().Match(body[i]);
            if (alias.Success)
            {
                result.Add(alias.Groups["name"].Value, StringTable(alias.Groups["table"].Value));
                continue;
            }

            var open = EnumOpen().Match(body[i]);
            if (!open.Success)
            {
                throw new FormatException($"{RelativePath}: unexpected line in ENUMS: '{body[i]}'.");
            }

            var values = new List<string>();
            for (i++; i < body.Count && body[i] != "    },"; i++)
            {
                values.Add(body[i]);
            }

            result.Add(open.Groups["name"].Value, Entries(values, StringEntry(), m => m.Groups["text"].Value, open.Groups["name"].Value));
        }

        return result;
    }

    /// <summary>The value of <c>local NAME = number</c>.</summary>
    public static int Constant(string name)
    {
        var prefix = $"local {name} = ";
        var line = Lines.Value.Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return ParseInt(line[prefix.Length..].Trim());
    }

    private static List<string> TableBody(string name)
    {
        var lines = Lines.Value;
        var start = Array.IndexOf(lines, $"local {name} = {{");
        if (start < 0)
        {
            throw new FormatException($"{RelativePath} has no table 'local {name} = {{'.");
        }

        var body = new List<string>();
        for (var i = start + 1; lines[i] != "}"; i++)
        {
            body.Add(lines[i]);
        }

        return body;
    }

    private static Dictionary<int, T> Entries<T>(IEnumerable<string> lines, Regex entry, Func<Match, T> value, string table)
    {
        var result = new Dictionary<int, T>();
        foreach (var line in lines)
        {
            var m = entry.Match(line);
            if (!m.Success)
            {
                throw new FormatException($"{RelativePath}: unexpected line in {table}: '{line}'.");
            }

            if (!result.TryAdd(ParseInt(m.Groups["key"].Value), value(m)))
            {
                throw new FormatException($"{RelativePath}: {table} has key {m.Groups["key"].Value} twice.");
            }
        }

        return result;
    }

    private static int ParseInt(string text) => int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s+\[(?<key>-?\d+)\] = ""(?<text>[^""]*)"",$")]
    private static partial Regex StringEntry();

    [GeneratedRegex(@"^\s+\[(?<key>-?\d+)\] = (?<value>-?\d+),$")]
    private static partial Regex IntEntry();

    [GeneratedRegex(@"^\s+\[(?<key>\d+)\] = ENUMS\.(?<enum>\w+),$")]
    private static partial Regex EnumReference();

    [GeneratedRegex(@"^    (?<name>\w+) = (?<table>[A-Z_]+),$")]
    private static partial Regex EnumAlias();

    [GeneratedRegex(@"^    (?<name>\w+) = \{$")]
    private static partial Regex EnumOpen();
}
