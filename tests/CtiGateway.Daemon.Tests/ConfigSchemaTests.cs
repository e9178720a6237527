using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// The published JSON Schema (packaging/config/ctigateway.schema.json), the C# settings classes, the default config,
/// the reload behaviour and docs/configuration.md all describe the same keys.
/// </summary>
public sealed class ConfigSchemaTests
{
    private static string SchemaPath => Path.Combine(RepoPaths.Root, "packaging", "config", "ctigateway.schema.json");

    private static string DefaultConfigPath => Path.Combine(RepoPaths.Root, "packaging", "config", "ctigateway.json");

    private static JsonElement Schema { get; } = JsonDocument.Parse(File.ReadAllText(SchemaPath)).RootElement.Clone();

    [Fact]
    public void EverySettingsPropertyIsInTheSchemaAndViceVersaWithTheSameType()
    {
        var fromSettings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        WalkSettings(typeof(GatewaySettings), string.Empty, fromSettings);
        var fromSchema = new SortedDictionary<string, string>(StringComparer.Ordinal);
        WalkSchema(Schema, string.Empty, fromSchema, _ => { });

        var missingInSchema = fromSettings.Keys.Except(fromSchema.Keys).ToList();
        var missingInSettings = fromSchema.Keys.Except(fromSettings.Keys).ToList();
        Assert.True(missingInSchema.Count == 0, "settings keys missing in packaging/config/ctigateway.schema.json (add them there, with default and x-reload, and to the table in docs/configuration.md): " + string.Join(", ", missingInSchema));
        Assert.True(missingInSettings.Count == 0, "schema keys with no settings property: " + string.Join(", ", missingInSettings));
        var typeMismatch = fromSettings.Where(kv => fromSchema[kv.Key] != kv.Value).Select(kv => $"{kv.Key}: C# {kv.Value}, schema {fromSchema[kv.Key]}").ToList();
        Assert.True(typeMismatch.Count == 0, string.Join("; ", typeMismatch));
    }

    [Fact]
    public void SchemaDefaultsAreTheSettingsDefaults()
    {
        var leaves = SchemaLeaves();
        var checkedCount = 0;
        foreach (var (key, node) in leaves)
        {
            if (!node.TryGetProperty("default", out var expected))
            {
                continue;
            }

            var actual = DefaultOf(key);
            var actualJson = JsonSerializer.Serialize(actual);
            Assert.True(JsonElement.DeepEquals(expected, JsonDocument.Parse(actualJson).RootElement), $"{key}: schema default {expected.GetRawText()}, C# default {actualJson}");
            checkedCount++;
        }

        Assert.True(checkedCount >= 20, $"only {checkedCount} defaults checked");
    }

    [Fact]
    public void ReloadBehaviourOfEachKeyMatchesTheSchema()
    {
        foreach (var (key, node) in SchemaLeaves())
        {
            var reload = node.GetProperty("x-reload").GetString();
            Assert.True(reload is "reload" or "restart", $"{key}: x-reload '{reload}'");
            if (key.Contains('*', StringComparison.Ordinal))
            {
                // Inside Switches: the whole list is applied by SwitchLinkService.ApplyAsync.
                Assert.Equal("reload", reload);
                continue;
            }

            var running = new GatewaySettings();
            var next = new GatewaySettings();
            Mutate(next, key);
            var restart = ReloadHandler.RestartKeys(running, next).ToList();
            if (reload == "restart")
            {
                Assert.True(restart.SequenceEqual([key]), $"{key} changed: RestartKeys gave [{string.Join(", ", restart)}]");
            }
            else
            {
                Assert.True(restart.Count == 0, $"{key} changed: RestartKeys gave [{string.Join(", ", restart)}] but the key is reloadable");
            }
        }

        var withSwitch = new GatewaySettings();
        withSwitch.Switches.Add(new CtiGateway.Switching.SwitchSettings { Name = "x", Profile = "osv-v10", Links = [new() { Host = "h", Port = 1 }] });
        Assert.Empty(ReloadHandler.RestartKeys(new GatewaySettings(), withSwitch));
    }

    [Fact]
    public void DocsListEveryKeyWithItsReloadBehaviour()
    {
        var docs = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "configuration.md"));
        foreach (var (key, node) in SchemaLeaves())
        {
            var documented = DocKey(key);
            var row = docs.FirstOrDefault(l => l.StartsWith($"| `{documented}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/configuration.md has no table row for `{documented}`");
            var restart = node.GetProperty("x-reload").GetString() == "restart";
            Assert.True(restart == row.Contains("requires restart", StringComparison.Ordinal), $"docs row of {documented} disagrees with x-reload: {row}");
        }
    }

    [Fact]
    public void DefaultConfigValidatesAgainstTheSchemaAndTheDaemon()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(DefaultConfigPath));
        var errors = new List<string>();
        SchemaCheck(Schema, config.RootElement, string.Empty, errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var configuration = new ConfigurationBuilder().AddJsonFile(DefaultConfigPath).Build();
        var problems = ConfigValidator.Validate(configuration, out var settings, Path.GetDirectoryName(DefaultConfigPath));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(3000, settings.TServer.Port);

        // The checker is not vacuous: a wrong document fails it.
        using var bad = JsonDocument.Parse("""{ "TServer": { "Port": 70000, "Bogus": 1 }, "Logging": { "Level": "Loud" }, "Switches": [ { "Name": "a" } ] }""");
        var badErrors = new List<string>();
        SchemaCheck(Schema, bad.RootElement, string.Empty, badErrors);
        Assert.Contains(badErrors, e => e.StartsWith("TServer:Port:", StringComparison.Ordinal));
        Assert.Contains(badErrors, e => e.StartsWith("TServer:Bogus:", StringComparison.Ordinal));
        Assert.Contains(badErrors, e => e.StartsWith("Logging:Level:", StringComparison.Ordinal));
        Assert.Contains(badErrors, e => e.StartsWith("Switches:0:", StringComparison.Ordinal) && e.Contains("Profile", StringComparison.Ordinal));
    }

    private static string DocKey(string key)
    {
        var parts = key.Split(':');
        var n = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] == "*")
            {
                parts[i] = n++ == 0 ? "N" : "M";
            }
        }

        return string.Join(':', parts);
    }

    private static List<(string Key, JsonElement Node)> SchemaLeaves()
    {
        var leaves = new List<(string, JsonElement)>();
        WalkSchema(Schema, string.Empty, new SortedDictionary<string, string>(StringComparer.Ordinal), leaf => leaves.Add(leaf));
        return leaves;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + ":" + key;

    private static bool IsLeafType(Type t) => (Nullable.GetUnderlyingType(t) ?? t) is { } u && (u.IsPrimitive || u.IsEnum || u == typeof(string) || u == typeof(decimal));

    private static string Kind(Type t) => KindOf(Nullable.GetUnderlyingType(t) ?? t);

    private static string KindOf(Type t) =>
        t == typeof(int) || t == typeof(long) ? "integer"
        : t == typeof(double) || t == typeof(decimal) ? "number"
        : t == typeof(bool) ? "boolean"
        : t == typeof(string) || t.IsEnum ? "string"
        : ElementType(t) is not null ? "array"
        : "object";

    private static Type? ElementType(Type t) =>
        t != typeof(string) && t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t) ? t.GetGenericArguments()[0] : null;

    private static IEnumerable<PropertyInfo> Keys(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.SetMethod is { IsPublic: true });

    private static void WalkSettings(Type type, string path, IDictionary<string, string> keys)
    {
        foreach (var p in Keys(type))
        {
            var key = Join(path, p.Name);
            keys[key] = Kind(p.PropertyType);
            if (ElementType(p.PropertyType) is { } element)
            {
                keys[key + ":*"] = Kind(element);
                if (!IsLeafType(element))
                {
                    WalkSettings(element, key + ":*", keys);
                }
            }
            else if (!IsLeafType(p.PropertyType))
            {
                WalkSettings(p.PropertyType, key, keys);
            }
        }
    }

    private static void WalkSchema(JsonElement node, string path, IDictionary<string, string> keys, Action<(string, JsonElement)> leaf)
    {
        var type = node.GetProperty("type").GetString()!;
        if (type == "object")
        {
            foreach (var p in node.GetProperty("properties").EnumerateObject())
            {
                if (path.Length == 0 && p.Name == "$schema")
                {
                    continue;
                }

                var key = Join(path, p.Name);
                keys[key] = p.Value.GetProperty("type").GetString()!;
                WalkSchema(p.Value, key, keys, leaf);
            }
        }
        else if (type == "array")
        {
            var items = node.GetProperty("items");
            keys[path + ":*"] = items.GetProperty("type").GetString()!;
            if (items.GetProperty("type").GetString() == "object")
            {
                WalkSchema(items, path + ":*", keys, leaf);
            }
            else
            {
                leaf((path, node));
            }
        }
        else
        {
            leaf((path, node));
        }
    }

    /// <summary>The C# default at <paramref name="key"/>: a fresh GatewaySettings, or a fresh element for "*".</summary>
    private static object? DefaultOf(string key)
    {
        object? current = new GatewaySettings();
        var type = typeof(GatewaySettings);
        foreach (var segment in key.Split(':'))
        {
            if (segment == "*")
            {
                type = ElementType(type)!;
                current = Activator.CreateInstance(type);
                continue;
            }

            var p = type.GetProperty(segment)!;
            current = p.GetValue(current);
            type = p.PropertyType;
        }

        return current;
    }

    private static void Mutate(GatewaySettings settings, string key)
    {
        object target = settings;
        var segments = key.Split(':');
        foreach (var segment in segments[..^1])
        {
            target = target.GetType().GetProperty(segment)!.GetValue(target)!;
        }

        var p = target.GetType().GetProperty(segments[^1])!;
        var value = p.GetValue(target);
        object changed = value switch
        {
            int i => i + 1,
            double d => d + 1,
            bool b => !b,
            string s => s + "x",
            List<string> l => new List<string>(l) { "10.0.0.0/8" },
            _ => throw new InvalidOperationException($"{key}: cannot mutate {p.PropertyType}"),
        };
        p.SetValue(target, changed);
    }

    /// <summary>The subset of JSON Schema the config schema uses: type, properties, additionalProperties, required, items, enum, minimum, maximum, minLength, minItems.</summary>
    private static void SchemaCheck(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        var where = path.Length == 0 ? "(root)" : path;
        var type = schema.GetProperty("type").GetString();
        var ok = type switch
        {
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            "string" => value.ValueKind == JsonValueKind.String,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "number" => value.ValueKind == JsonValueKind.Number,
            _ => false,
        };
        if (!ok)
        {
            errors.Add($"{where}: expected {type}, got {value.ValueKind}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            errors.Add($"{where}: {value.GetRawText()} is not one of {allowed.GetRawText()}");
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            var number = value.GetDouble();
            if (schema.TryGetProperty("minimum", out var min) && number < min.GetDouble())
            {
                errors.Add($"{where}: {number.ToString(CultureInfo.InvariantCulture)} is below {min.GetRawText()}");
            }

            if (schema.TryGetProperty("maximum", out var max) && number > max.GetDouble())
            {
                errors.Add($"{where}: {number.ToString(CultureInfo.InvariantCulture)} is above {max.GetRawText()}");
            }
        }

        if (value.ValueKind == JsonValueKind.String && schema.TryGetProperty("minLength", out var minLength) && value.GetString()!.Length < minLength.GetInt32())
        {
            errors.Add($"{where}: shorter than {minLength.GetInt32()}");
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            var properties = schema.GetProperty("properties");
            foreach (var p in value.EnumerateObject())
            {
                if (properties.TryGetProperty(p.Name, out var sub))
                {
                    SchemaCheck(sub, p.Value, Join(path, p.Name), errors);
                }
                else if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{Join(path, p.Name)}: not allowed here");
                }
            }

            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var r in required.EnumerateArray().Select(r => r.GetString()!).Where(r => !value.TryGetProperty(r, out _)))
                {
                    errors.Add($"{where}: required {r} is missing");
                }
            }
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            if (schema.TryGetProperty("minItems", out var minItems) && value.GetArrayLength() < minItems.GetInt32())
            {
                errors.Add($"{where}: fewer than {minItems.GetInt32()} items");
            }

            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                SchemaCheck(schema.GetProperty("items"), item, Join(path, (i++).ToString(CultureInfo.InvariantCulture)), errors);
            }
        }
    }
}
