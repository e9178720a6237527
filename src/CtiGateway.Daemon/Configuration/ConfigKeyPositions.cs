using System.Globalization;
using System.Text.Json;
using CtiGateway.Json;

namespace CtiGateway.Daemon;

/// <summary>
/// Where the config file sets each key path, so that a validation problem about a value from the file is printed as
/// <c>FILE:LINE:COL: KEY:PATH: reason</c>, the form editors jump to (as JSON syntax errors and <c>ctigw profile
/// validate</c>). Filled by <see cref="GatewayConfiguration.Build"/>; lines and columns count from 1, columns in
/// characters, and point at the value (an object's or array's opening bracket).
/// </summary>
internal sealed class ConfigKeyPositions
{
    private readonly Dictionary<string, (int Line, int Column)> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _overrides = [];
    private readonly HashSet<string> _defaults = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The config file as named on the command line; null when there is none (the demo).</summary>
    public string? File { get; private set; }

    /// <summary>
    /// <paramref name="problem"/> (<c>KEY:PATH: reason</c>) prefixed with the file position of its key, or null when the
    /// key's value does not come from the file: no file, a command-line override sets the key (or a key above or below
    /// it), or the demo defaults set it. A key the file leaves out points at the closest object or array of the file that
    /// holds it (the switch that has no <c>Links</c>, the section that lacks a required key).
    /// </summary>
    public string? Locate(string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var end = problem.IndexOf(": ", StringComparison.Ordinal);
        if (File is null || end <= 0)
        {
            return null;
        }

        var key = problem[..end];
        if (_overrides.Any(o => Related(o, key)))
        {
            return null;
        }

        if (_values.TryGetValue(key, out var at))
        {
            return Format(at, problem);
        }

        if (_defaults.Contains(key))
        {
            return null;
        }

        for (var parent = Parent(key); parent.Length > 0; parent = Parent(parent))
        {
            if (_values.TryGetValue(parent, out at))
            {
                return Format(at, problem);
            }
        }

        return null;
    }

    /// <summary>The file, named <paramref name="file"/> in the lines, and the values of its top-level object.</summary>
    internal void SetFile(string file, PositionedJson root)
    {
        File = file;
        foreach (var property in root.Properties)
        {
            Add(property.Name, property.Value);
        }
    }

    /// <summary>Keys set after the file (command-line overrides): their values never come from the file.</summary>
    internal void SetOverrides(IEnumerable<string> keys) => _overrides.AddRange(keys);

    /// <summary>Keys set before the file (demo defaults): a problem on one the file does not set is not the file's.</summary>
    internal void SetDefaults(IEnumerable<string> keys) => _defaults.UnionWith(keys);

    private static bool Related(string a, string b) =>
        a.Equals(b, StringComparison.OrdinalIgnoreCase)
        || a.StartsWith(b + ":", StringComparison.OrdinalIgnoreCase)
        || b.StartsWith(a + ":", StringComparison.OrdinalIgnoreCase);

    private static string Parent(string key)
    {
        var colon = key.LastIndexOf(':');
        return colon < 0 ? string.Empty : key[..colon];
    }

    private string Format((int Line, int Column) at, string problem) =>
        $"{File}:{at.Line.ToString(CultureInfo.InvariantCulture)}:{at.Column.ToString(CultureInfo.InvariantCulture)}: {problem}";

    /// <summary>Records <paramref name="value"/> at <paramref name="path"/> and everything inside it (the first value of a path wins).</summary>
    private void Add(string path, PositionedJson value)
    {
        _values.TryAdd(path, (value.Line, value.Column));
        if (value.Kind == JsonTokenType.StartObject)
        {
            foreach (var property in value.Properties)
            {
                Add(path + ":" + property.Name, property.Value);
            }
        }
        else if (value.Kind == JsonTokenType.StartArray)
        {
            for (var i = 0; i < value.Items.Count; i++)
            {
                Add(path + ":" + i.ToString(CultureInfo.InvariantCulture), value.Items[i]);
            }
        }
    }
}
