using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace CtiGateway.Daemon;

/// <summary>
/// Checks a configuration against the settings classes before anything is bound: unknown keys, values of the wrong
/// type, then each section's range checks. Returns one line per problem, "Key:Path: reason".
/// </summary>
internal static class ConfigValidator
{
    /// <summary>Validates <paramref name="configuration"/>; returns one "Key:Path: reason" line per problem (none = valid).</summary>
    /// <param name="configuration">The built configuration (defaults, file, command-line overrides).</param>
    /// <param name="settings">The bound settings (keys with problems left at their defaults).</param>
    /// <param name="profileBaseDirectory">The config file's folder: relative profile paths and profile names resolve there.</param>
    /// <param name="checkPorts">Bind and release every listening port (start-up and --check-config, never on SIGHUP).</param>
    public static IReadOnlyList<string> Validate(IConfiguration configuration, out GatewaySettings settings, string? profileBaseDirectory = null, bool checkPorts = false)
    {
        var problems = new List<string>();

        // "$schema" (and any other root "$" key) is an editor hint for the JSON Schema, not a setting.
        var hints = configuration.GetChildren().Where(c => c.Key.StartsWith('$')).Select(c => c.Key).ToList();
        if (hints.Count > 0)
        {
            configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(configuration.AsEnumerable().Where(kv => !hints.Any(h => kv.Key == h || kv.Key.StartsWith(h + ":", StringComparison.Ordinal))))
                .Build();
        }

        CheckSection(configuration, typeof(GatewaySettings), string.Empty, problems);
        settings = new GatewaySettings();
        if (profileBaseDirectory is not null)
        {
            settings.ProfileBaseDirectory = profileBaseDirectory;
        }

        // Keys with the wrong type or unknown are left out, so that the range and file checks of every other key
        // still run and one pass reports every problem.
        var bad = problems.Select(p => p[..p.IndexOf(": ", StringComparison.Ordinal)]).ToList();
        var bindable = bad.Count == 0 ? configuration : new ConfigurationBuilder()
            .AddInMemoryCollection(configuration.AsEnumerable().Where(kv => !bad.Any(b => kv.Key.Equals(b, StringComparison.OrdinalIgnoreCase) || kv.Key.StartsWith(b + ":", StringComparison.OrdinalIgnoreCase))))
            .Build();
        try
        {
            bindable.Bind(settings, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add($"config: {ex.Message}");
            return problems;
        }

        var nameProblems = ProfileNames.Resolve(settings, out var unknownProfiles);
        problems.AddRange(nameProblems);

        // A key already reported (wrong type, unknown profile name) is not reported again by the later checks.
        bad.AddRange(unknownProfiles.Select(i => $"Switches:{i}:Profile"));
        var later = settings.Validate().ToList();
        if (checkPorts)
        {
            later.AddRange(PortProbe.Check(PortProbe.ListeningPorts(settings)));
        }

        problems.AddRange(later.Where(p => !bad.Any(b => p.StartsWith(b + ":", StringComparison.OrdinalIgnoreCase))));

        return problems;
    }

    private static void CheckSection(IConfiguration section, Type type, string path, List<string> problems)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.SetMethod is { IsPublic: true })
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            var key = Join(path, child.Key);
            if (!properties.TryGetValue(child.Key, out var property))
            {
                problems.Add($"{key}: unknown key (known keys here: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal))})");
                continue;
            }

            CheckValue(child, property.PropertyType, key, problems);
        }
    }

    private static void CheckValue(IConfigurationSection child, Type type, string key, List<string> problems)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(underlying))
        {
            if (child.GetChildren().Any())
            {
                problems.Add($"{key}: must be a single {Describe(underlying)} value, not an object or array");
                return;
            }

            if (child.Value is null || (child.Value.Length == 0 && underlying == typeof(string)))
            {
                return;
            }

            var converter = TypeDescriptor.GetConverter(underlying);
            try
            {
                _ = converter.ConvertFromString(null, CultureInfo.InvariantCulture, child.Value);
            }
            catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or OverflowException)
            {
                problems.Add($"{key}: '{child.Value}' is not a valid {Describe(underlying)}");
            }

            return;
        }

        var elementType = ElementType(underlying);
        if (elementType is not null)
        {
            if (child.Value is { Length: > 0 } && !child.GetChildren().Any())
            {
                problems.Add($"{key}: must be an array");
                return;
            }

            foreach (var item in child.GetChildren())
            {
                if (!int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add($"{Join(key, item.Key)}: {key} must be an array, not an object");
                    continue;
                }

                CheckValue(item, elementType, Join(key, item.Key), problems);
            }

            return;
        }

        if (child.Value is { Length: > 0 } && !child.GetChildren().Any())
        {
            problems.Add($"{key}: must be an object, not '{child.Value}'");
            return;
        }

        var items = child.GetChildren().ToList();
        if (items.Count > 0 && items.All(i => int.TryParse(i.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            problems.Add($"{key}: must be an object, not an array");
            return;
        }

        CheckSection(child, underlying, key, problems);
    }

    private static bool IsScalar(Type t) => t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan);

    private static Type? ElementType(Type t)
    {
        if (t.IsArray)
        {
            return t.GetElementType();
        }

        if (t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t) && t.GetGenericArguments().Length == 1)
        {
            return t.GetGenericArguments()[0];
        }

        return null;
    }

    private static string Describe(Type t) => t == typeof(int) || t == typeof(long) ? "integer"
        : t == typeof(bool) ? "boolean (true/false)"
        : t == typeof(double) ? "number"
        : t.Name;

    private static string Join(string path, string key) => path.Length == 0 ? key : path + ":" + key;
}
