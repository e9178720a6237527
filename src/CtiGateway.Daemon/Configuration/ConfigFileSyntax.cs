using System.Text;
using System.Text.Json;
using CtiGateway.Json;

namespace CtiGateway.Daemon;

/// <summary>
/// Reads the config file's JSON before the .NET JSON configuration provider does, so that a mistake in it is reported
/// as <c>FILE:LINE:COL: message</c> (the provider only says "Could not parse the JSON file"). It accepts what the
/// provider accepts: <c>//</c> and <c>/* */</c> comments, trailing commas, a byte-order mark, bytes that are not UTF-8
/// (read as U+FFFD, as the provider's StreamReader does). It reports what the provider rejects: a syntax error, a top
/// level that is not an object, and a value given twice for one key path (the provider compares whole key paths,
/// ignoring case).
/// </summary>
internal static class ConfigFileSyntax
{
    /// <summary>
    /// One <c>FILE:LINE:COL: message</c> line per problem in the file at <paramref name="fullPath"/>, named
    /// <paramref name="file"/> in the lines; empty when the provider will read it. Lines and columns count from 1,
    /// columns in characters. When the file is read, <paramref name="positions"/> (if given) learns where it sets each key.
    /// </summary>
    public static List<string> Check(string file, string fullPath, ConfigKeyPositions? positions = null)
    {
        string text;
        using (var reader = new StreamReader(fullPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = reader.ReadToEnd();
        }

        var problems = new List<string>();
        var root = PositionedJsonReader.Parse(Encoding.UTF8.GetBytes(text), allowCommentsAndTrailingCommas: true, out var error);
        if (root is null)
        {
            var (line, column, message) = error!.Value;
            problems.Add($"{file}:{line}:{column}: {message}");
            return problems;
        }

        if (root.Kind != JsonTokenType.StartObject)
        {
            problems.Add($"{file}:{root.Line}:{root.Column}: the top level must be a JSON object ({{ ... }}), not {root.KindName}");
            return problems;
        }

        var values = new Dictionary<string, (int Line, int Column)>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in root.Properties)
        {
            FindDuplicates(file, property.Value, property.Name, property.Line, property.Column, values, problems);
        }

        if (problems.Count == 0)
        {
            positions?.SetFile(file, root);
        }

        return problems;
    }

    /// <summary>
    /// Walks <paramref name="value"/> as the provider flattens it (values and empty objects or arrays become keys;
    /// a value whose key path already has one is a duplicate) and adds a line for each duplicate.
    /// </summary>
    private static void FindDuplicates(string file, PositionedJson value, string path, int line, int column, Dictionary<string, (int Line, int Column)> values, List<string> problems)
    {
        switch (value.Kind)
        {
            case JsonTokenType.StartObject when value.Properties.Count > 0:
                foreach (var property in value.Properties)
                {
                    FindDuplicates(file, property.Value, path + ":" + property.Name, property.Line, property.Column, values, problems);
                }

                return;
            case JsonTokenType.StartArray when value.Items.Count > 0:
                for (var i = 0; i < value.Items.Count; i++)
                {
                    var item = value.Items[i];
                    FindDuplicates(file, item, path + ":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Line, item.Column, values, problems);
                }

                return;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                // An empty object or array sets its key without a duplicate check, as the provider does.
                values[path] = (line, column);
                return;
            default:
                if (values.TryGetValue(path, out var first))
                {
                    problems.Add($"{file}:{line}:{column}: duplicate key '{path}' (first at line {first.Line}, column {first.Column})");
                    return;
                }

                values[path] = (line, column);
                return;
        }
    }
}
