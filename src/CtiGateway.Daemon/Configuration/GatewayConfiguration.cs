using Microsoft.Extensions.Configuration;

namespace CtiGateway.Daemon;

/// <summary>Builds the configuration: demo defaults, then the JSON file, then command-line overrides.</summary>
internal static class GatewayConfiguration
{
    /// <summary>
    /// Loads the configuration. A file that does not parse is reported in <paramref name="syntaxProblems"/>, one
    /// <c>FILE:LINE:COL: message</c> line each (<see cref="ConfigFileSyntax"/>); a file that is missing or cannot be
    /// read is one line in <paramref name="problems"/> (and its exception added to <paramref name="failures"/> when
    /// given, for a debug log line). Null when there is any such problem. <paramref name="positions"/>, when given,
    /// learns where the file sets each key and which keys the demo defaults and the command line set, so that later
    /// problems can be printed with the file position of their value (<see cref="ConfigKeyPositions.Locate"/>).
    /// </summary>
    public static IConfigurationRoot? Build(DaemonCommandLine commandLine, List<string> problems, List<string> syntaxProblems, List<Exception>? failures = null, ConfigKeyPositions? positions = null)
    {
        var builder = new ConfigurationBuilder();
        if (commandLine.Demo)
        {
            builder.AddInMemoryCollection(DemoDefaults());
            positions?.SetDefaults(DemoDefaults().Select(kv => kv.Key));
        }

        positions?.SetOverrides(commandLine.Overrides.Select(kv => kv.Key));

        if (commandLine.ConfigFile is { } file)
        {
            var full = Path.GetFullPath(file);
            if (!File.Exists(full))
            {
                problems.Add($"{file}: config file not found");
                return null;
            }

            try
            {
                syntaxProblems.AddRange(ConfigFileSyntax.Check(file, full, positions));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{file}: cannot be read: {ex.Message}");
                failures?.Add(ex);
                return null;
            }

            if (syntaxProblems.Count > 0)
            {
                return null;
            }

            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }

        builder.AddInMemoryCollection(commandLine.Overrides);
        try
        {
            return builder.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            var inner = ex.InnerException is { } i ? $" ({i.Message})" : string.Empty;
            problems.Add($"{commandLine.ConfigFile}: {ex.Message}{inner}");
            failures?.Add(ex);
            return null;
        }
    }

    /// <summary>The demo appliance: the T-Library server on 127.0.0.1:3000 (CONTRACT.md).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> DemoDefaults() =>
    [
        new("TServer:Host", "127.0.0.1"),
        new("TServer:Port", "3000"),
        new("TServer:ApplicationName", "CtiGateway-Demo"),
    ];
}
