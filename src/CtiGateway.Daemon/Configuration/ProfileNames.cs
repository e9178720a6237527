namespace CtiGateway.Daemon;

/// <summary>
/// <c>Switches:N:Profile</c> may name a firmware profile instead of giving a file: a value with no folder and no
/// <c>.json</c> (e.g. <c>osv-v10</c>) is looked up as <c>NAME.json</c> in the <c>firmware-profiles</c> folder next to
/// the config file, then next to the executable, then in <c>/usr/share/ctigateway/firmware-profiles</c>.
/// </summary>
internal static class ProfileNames
{
    public const string SystemDirectory = "/usr/share/ctigateway/firmware-profiles";

    /// <summary>True when <paramref name="profile"/> is a name rather than a path.</summary>
    public static bool IsName(string profile) =>
        profile.Length > 0
        && !profile.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        && profile.IndexOfAny(['/', '\\']) < 0
        && profile != "." && profile != "..";

    /// <summary>The folders searched for profile names, in order.</summary>
    public static IReadOnlyList<string> Directories(string configDirectory) =>
    [
        Path.Combine(configDirectory, "firmware-profiles"),
        Path.Combine(AppContext.BaseDirectory, "firmware-profiles"),
        SystemDirectory,
    ];

    /// <summary>Replaces every profile name by the full path of its file; one problem line per unknown name.</summary>
    public static IReadOnlyList<string> Resolve(GatewaySettings settings, out HashSet<int> unknown)
    {
        var problems = new List<string>();
        unknown = [];
        var directories = Directories(settings.ProfileBaseDirectory);
        for (var i = 0; i < settings.Switches.Count; i++)
        {
            var sw = settings.Switches[i];
            if (sw?.Profile is not { } profile || !IsName(profile))
            {
                continue;
            }

            var found = directories.Select(d => Path.Combine(d, profile + ".json")).FirstOrDefault(File.Exists);
            if (found is not null)
            {
                sw.Profile = Path.GetFullPath(found);
                continue;
            }

            unknown.Add(i);
            var known = directories.Where(Directory.Exists)
                .SelectMany(d => Directory.EnumerateFiles(d, "*.json"))
                .Select(Path.GetFileNameWithoutExtension)
                .Where(n => n is not null && !n.EndsWith(".schema", StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            problems.Add($"Switches:{i}:Profile: unknown firmware profile name '{profile}' (known: {(known.Count == 0 ? "none" : string.Join(", ", known))}; searched {string.Join(", ", directories)})");
        }

        return problems;
    }
}
