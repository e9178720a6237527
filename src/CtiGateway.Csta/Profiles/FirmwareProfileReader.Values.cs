using System.Text.Json;
using System.Text.RegularExpressions;
using CtiGateway.Json;

namespace CtiGateway.Pbx.Profiles;

/// <summary>Typed value checks with positions.</summary>
internal sealed partial class FirmwareProfileReader
{
    private const string CstaNamespacePrefix = "http://www.ecma-international.org/standards/ecma-323/csta/ed";

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    private static string Prefix(string path) => path.Length == 0 ? "" : path + ".";

    private static string Name<T>(T value)
        where T : struct, Enum =>
        Regex.Replace(value.ToString(), "(?<=[a-z])(?=[A-Z])", "-").ToLowerInvariant();

    private void Add(int line, int column, string message) => _problems.Add(new ProfileProblem(_file, line, column, message));

    private void Add(PositionedJson at, string message) => Add(at.Line, at.Column, message);

    /// <summary>Type, unknown and duplicate properties, missing required ones. False when the node is not an object.</summary>
    private bool CheckObject(PositionedJson node, string path, string[] allowed, string[] required)
    {
        var what = path.Length == 0 ? "profile" : path;
        if (node.Kind != JsonTokenType.StartObject)
        {
            Add(node, $"{what}: expected an object, got {node.KindName}");
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in node.Properties)
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                var near = allowed.FirstOrDefault(a => EditDistance(a, property.Name) <= 2);
                Add(property.Line, property.Column, $"{what}: unknown property '{property.Name}'" + (near is null ? "" : $" (did you mean '{near}'?)"));
            }
            else if (!seen.Add(property.Name))
            {
                Add(property.Line, property.Column, $"{what}: duplicate property '{property.Name}'");
            }
        }

        foreach (var name in required)
        {
            if (node[name] is null)
            {
                Add(node, $"{what}: missing required property '{name}'");
            }
        }

        return true;
    }

    /// <summary>Levenshtein distance, for "did you mean" on misspelt property names.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>An object's <c>kind</c> as one of <paramref name="kinds"/>; null (reported) when it is missing or wrong.</summary>
    private T? Kind<T>(PositionedJson? node, string path, (string Name, T Value)[] kinds)
        where T : struct
    {
        if (node is null)
        {
            return null;
        }

        if (node.Kind != JsonTokenType.StartObject)
        {
            Add(node, $"{path}: expected an object, got {node.KindName}");
            return null;
        }

        if (node["kind"] is null)
        {
            Add(node, $"{path}: missing required property 'kind'");
            return null;
        }

        return Enum(node, path, "kind", kinds);
    }

    private string? String(PositionedJson node, string path, string name)
    {
        var value = node[name];
        if (value is null)
        {
            return null;
        }

        if (value.Kind != JsonTokenType.String)
        {
            Add(value, $"{Prefix(path)}{name}: expected a string, got {value.KindName}");
            return null;
        }

        if (value.Text!.Length == 0)
        {
            Add(value, $"{Prefix(path)}{name}: must not be empty");
            return null;
        }

        return value.Text;
    }

    private bool? Bool(PositionedJson node, string path, string name)
    {
        var value = node[name];
        if (value is null)
        {
            return null;
        }

        if (value.Kind is not (JsonTokenType.True or JsonTokenType.False))
        {
            Add(value, $"{Prefix(path)}{name}: expected a boolean, got {value.KindName}");
            return null;
        }

        return value.Kind == JsonTokenType.True;
    }

    private long? Integer(PositionedJson node, string path, string name, long min, long max, string? rule = null)
    {
        var value = node[name];
        if (value is null)
        {
            return null;
        }

        if (value.Kind != JsonTokenType.Number)
        {
            Add(value, $"{Prefix(path)}{name}: expected an integer, got {value.KindName}");
            return null;
        }

        if (!long.TryParse(value.Text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            Add(value, $"{Prefix(path)}{name}: expected an integer, got {value.Text}");
            return null;
        }

        if (number < min || number > max)
        {
            Add(value, $"{Prefix(path)}{name}: {number} is out of range: {rule ?? $"must be {min}-{max}"}");
            return null;
        }

        return number;
    }

    private T? Enum<T>(PositionedJson node, string path, string name, (string Name, T Value)[] values)
        where T : struct
    {
        var text = String(node, path, name);
        if (text is null)
        {
            return null;
        }

        foreach (var (valueName, value) in values)
        {
            if (string.Equals(valueName, text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        Add(node[name]!, $"{Prefix(path)}{name}: '{text}' is not one of {string.Join(", ", values.Select(v => v.Name))}");
        return null;
    }
}
