using CtiGateway.Cli.Bench;

namespace CtiGateway.Cli;

/// <summary><c>ctigw bench fanout</c>: parse the options, run <see cref="FanoutBenchmark"/>, print its line.</summary>
internal static class BenchFanoutCommand
{
    private static readonly string[] ValueOptions = ["--clients", "--dns", "--seconds", "--size", "--publishers", "--window", "--drain"];

    public static async Task<int> RunAsync(GlobalOptions global, IReadOnlyList<string> tokens, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = ParseOptions(tokens);
        var result = await new FanoutBenchmark(options, global.Server, stderr).RunAsync(cancellationToken);
        await stderr.WriteLineAsync("bench fanout: " + result.Details());
        await stdout.WriteLineAsync(result.ToLine());
        await stdout.FlushAsync(CancellationToken.None);
        return ExitCodes.Success;
    }

    /// <summary>Reads the options; every bad value is a usage error naming the option.</summary>
    public static FanoutOptions ParseOptions(IReadOnlyList<string> tokens)
    {
        var args = ParsedArguments.Parse("bench fanout", tokens, ValueOptions, []);
        if (args.Positionals.Count > 0)
        {
            throw args.Usage($"unexpected argument '{args.Positionals[0]}'.");
        }

        var defaults = new FanoutOptions();
        var clients = args.GetInt("--clients", defaults.Clients, 1, 100_000);
        var options = new FanoutOptions
        {
            Clients = clients,
            Dns = args.GetInt("--dns", defaults.Dns, 1, 9_999),
            Duration = args.GetSeconds("--seconds", defaults.Duration.TotalSeconds, 86_400),
            EventSize = args.GetInt("--size", defaults.EventSize, 1, 60_000),
            Publishers = args.GetInt("--publishers", defaults.Publishers, 1, 64),
            Window = args.GetInt("--window", defaults.Window, 1, 1_000_000),
            MaxDrain = args.GetSeconds("--drain", defaults.MaxDrain.TotalSeconds, 3_600),
        };
        if (options.Dns > options.Clients)
        {
            throw args.Usage($"--dns ({options.Dns}) must not exceed --clients ({options.Clients}): every DN needs a client.");
        }

        return options;
    }
}
