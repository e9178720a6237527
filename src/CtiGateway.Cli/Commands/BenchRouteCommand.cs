using CtiGateway.Cli.Bench;

namespace CtiGateway.Cli;

/// <summary><c>ctigw bench route</c>: parse the options, run <see cref="RouteBenchmark"/>, print its line.</summary>
internal static class BenchRouteCommand
{
    private static readonly string[] ValueOptions = ["--rps", "--seconds", "--destinations", "--first-dn", "--gateway", "--strategy"];

    public static async Task<int> RunAsync(IReadOnlyList<string> tokens, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var args = ParsedArguments.Parse("bench route", tokens, ValueOptions, []);
        if (args.Positionals.Count > 0)
        {
            throw args.Usage($"unexpected argument '{args.Positionals[0]}'.");
        }

        var defaults = new RouteOptions();
        var destinations = args.GetInt("--destinations", defaults.Destinations, 1, 100_000);
        var options = new RouteOptions
        {
            RequestsPerSecond = args.GetInt("--rps", defaults.RequestsPerSecond, 1, 100_000),
            Duration = args.GetSeconds("--seconds", defaults.Duration.TotalSeconds, 86_400),
            Destinations = destinations,
            FirstDn = args.GetInt("--first-dn", defaults.FirstDn, 10_000, 999_999_999 - destinations),
            GatewayPath = args.Get("--gateway"),
            Strategy = StrategyPath(args),
        };

        var log = TextWriter.Synchronized(stderr);
        var result = await new RouteBenchmark(options, log).RunAsync(cancellationToken);
        await log.WriteLineAsync("bench route: " + result.Details());
        await stdout.WriteLineAsync(result.ToLine());
        await stdout.FlushAsync(CancellationToken.None);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The full path of <c>--strategy FILE</c>, or null when it was not given; a file that does not exist or cannot be
    /// read is a usage error naming the path (bench route and bench calls --strategy).
    /// </summary>
    public static string? StrategyPath(ParsedArguments args)
    {
        if (args.Get("--strategy") is not { } strategy)
        {
            return null;
        }

        var file = Path.GetFullPath(strategy);
        if (!File.Exists(file))
        {
            throw args.Usage($"--strategy: {file} does not exist.");
        }

        try
        {
            using var stream = File.OpenRead(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw args.Usage($"--strategy: {file} cannot be read: {ex.Message}");
        }

        return file;
    }
}
