namespace CtiGateway.Daemon;

/// <summary>
/// The daemon's command line: <c>--config FILE</c>, <c>--demo</c>, <c>--check-config FILE</c>, <c>--help</c>,
/// <c>--version</c>, and any config key in the .NET form <c>--Section:Key=value</c> (or <c>--Section:Key value</c>).
/// </summary>
internal sealed class DaemonCommandLine
{
    public const string Usage = """
        Usage: ctigatewayd (--config FILE | --demo) [--Section:Key=value ...]
               ctigatewayd --check-config FILE [--Section:Key=value ...]
          --config FILE        run from a JSON config file
          --demo               run the demo appliance (T-Library server on 127.0.0.1:3000)
          --check-config FILE  validate the config and exit (0 valid, 2 invalid)
          --Section:Key=value  override any config key, e.g. --TServer:Port=0 (0 = any free port)
          --version, --help
        """;

    public string? ConfigFile { get; private set; }

    public bool Demo { get; private set; }

    public bool CheckOnly { get; private set; }

    public bool ShowHelp { get; private set; }

    public bool ShowVersion { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Config overrides as key/value pairs (key in Section:Key form).</summary>
    public List<KeyValuePair<string, string?>> Overrides { get; } = [];

    public static DaemonCommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new DaemonCommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            switch (a)
            {
                case "--help" or "-h":
                    result.ShowHelp = true;
                    continue;
                case "--version":
                    result.ShowVersion = true;
                    continue;
                case "--demo":
                    result.Demo = true;
                    continue;
                case "--config" or "--check-config":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        result.Error = $"{a} needs a file name";
                        return result;
                    }

                    result.ConfigFile = args[++i];
                    result.CheckOnly |= a == "--check-config";
                    continue;
            }

            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2 && a.Contains(':', StringComparison.Ordinal))
            {
                var body = a[2..];
                var eq = body.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    result.Overrides.Add(new(body[..eq], body[(eq + 1)..]));
                }
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    result.Overrides.Add(new(body, args[++i]));
                }
                else
                {
                    result.Error = $"{a} needs a value (use --{body}=VALUE)";
                    return result;
                }

                continue;
            }

            result.Error = $"unknown argument '{a}'";
            return result;
        }

        if (!result.ShowHelp && !result.ShowVersion && result.ConfigFile is null && !result.Demo)
        {
            result.Error = "give --config FILE or --demo";
        }

        return result;
    }
}
