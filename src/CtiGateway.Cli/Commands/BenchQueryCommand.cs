using CtiGateway.Cli.Bench;

namespace CtiGateway.Cli;

/// <summary><c>ctigw bench query</c>: parse the options, run <see cref="QueryBenchmark"/>, print its line.</summary>
internal static class BenchQueryCommand
{
    private static readonly string[] ValueOptions = ["--connections", "--first-dn", "--dns", "--seconds", "--window", "--type", "--drain"];

    public static async Task<int> RunAsync(GlobalOptions global, IReadOnlyList<string> tokens, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = ParseOptions(tokens);
        var result = await new QueryBenchmark(options, global.Server, stderr).RunAsync(cancellationToken);
        await stderr.WriteLineAsync("bench query: " + result.Details());
        await stdout.WriteLineAsync(result.ToLine());
        await stdout.FlushAsync(CancellationToken.None);
        return result.Answered > 0 && result.ConnectionsLost == 0 ? ExitCodes.Success : ExitCodes.RuntimeFailure;
    }

    /// <summary>Reads the options; every bad value is a usage error naming the option.</summary>
    public static QueryOptions ParseOptions(IReadOnlyList<string> tokens)
    {
        var args = ParsedArguments.Parse("bench query", tokens, ValueOptions, []);
        if (args.Positionals.Count > 0)
        {
            throw args.Usage($"unexpected argument '{args.Positionals[0]}'.");
        }

        var defaults = new QueryOptions();
        var type = defaults.InfoType;
        if (args.Get("--type") is { } typeName && !Enum.TryParse(typeName, ignoreCase: true, out type))
        {
            throw args.Usage($"--type '{typeName}' is not an AddressInfoType (e.g. DNStatus, AgentStatus, QueueStatus, NumberOfAgentsInQueue, CallsQuery).");
        }

        return new QueryOptions
        {
            Connections = args.GetInt("--connections", defaults.Connections, 1, 1_000),
            FirstDn = args.GetInt("--first-dn", (int)defaults.FirstDn, 0, int.MaxValue),
            Dns = args.GetInt("--dns", defaults.Dns, 1, 10_000),
            Duration = args.GetSeconds("--seconds", defaults.Duration.TotalSeconds, 86_400),
            Window = args.GetInt("--window", defaults.Window, 1, 100_000),
            InfoType = type,
            MaxDrain = args.GetSeconds("--drain", defaults.MaxDrain.TotalSeconds, 3_600),
        };
    }
}
