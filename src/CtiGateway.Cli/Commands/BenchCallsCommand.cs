using System.Globalization;
using System.Net;
using CtiGateway.Cli.Bench;

namespace CtiGateway.Cli;

/// <summary>
/// <c>ctigw bench calls</c>: parse the options, run <see cref="CallsBenchmark"/> (or, with --strategy, the
/// <see cref="RouteBenchmark"/> with that strategy on route point 3001), print its line.
/// </summary>
internal static class BenchCallsCommand
{
    /// <summary>Most DNs: the gateway monitors at most this many per switch.</summary>
    public const int MaxDns = 100_000;

    private static readonly string[] ValueOptions = ["--cps", "--dns", "--clients", "--seconds", "--call-length", "--first-dn", "--gateway", "--listen", "--gateway-pid", "--strategy"];

    /// <summary>The options of the call traffic that the route benchmark (--strategy) has no use for.</summary>
    private static readonly string[] CallTrafficOnly = ["--clients", "--call-length", "--listen", "--gateway-pid"];

    public static async Task<int> RunAsync(GlobalOptions global, IReadOnlyList<string> tokens, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = ParseOptions(global, tokens);

        // The bench and the gateway's output readers write from several threads: one lock around stderr.
        var log = TextWriter.Synchronized(stderr);
        if (options.Strategy is not null)
        {
            // Exactly bench route --strategy (its socket completions too: not inline), with this command's line.
            var routed = await new RouteBenchmark(options.ToRouteOptions(), log).RunAsync(cancellationToken);
            await log.WriteLineAsync("bench calls: " + routed.Details());
            await stdout.WriteLineAsync(routed.ToCallsLine());
            await stdout.FlushAsync(CancellationToken.None);
            return ExitCodes.Success;
        }

        InlineSocketCompletions.Enable();
        var result = await new CallsBenchmark(options, log).RunAsync(cancellationToken);
        await log.WriteLineAsync("bench calls: " + result.Details());
        await stdout.WriteLineAsync(result.ToLine());
        await stdout.FlushAsync(CancellationToken.None);
        return ExitCodes.Success;
    }

    /// <summary>Reads the options; every bad value is a usage error naming the option.</summary>
    public static CallsOptions ParseOptions(GlobalOptions global, IReadOnlyList<string> tokens)
    {
        var args = ParsedArguments.Parse("bench calls", tokens, ValueOptions, []);
        if (args.Positionals.Count > 0)
        {
            throw args.Usage($"unexpected argument '{args.Positionals[0]}'.");
        }

        var strategy = args.Get("--strategy") is not null;
        if (strategy)
        {
            if (global.ServerGiven)
            {
                throw args.Usage("--server does not apply with --strategy: that runs the route bench, which starts its own gateway (--gateway PATH) and watches route point 3001 with one client.");
            }

            if (CallTrafficOnly.FirstOrDefault(o => args.Get(o) is not null) is { } option)
            {
                throw args.Usage($"{option} does not apply with --strategy: that runs the route bench, which starts its own gateway and simulator, watches route point 3001 with one client and hangs up each call once it is routed.");
            }
        }

        var defaults = new CallsOptions();
        var dns = args.GetInt("--dns", defaults.Dns, 2, MaxDns);
        var options = new CallsOptions
        {
            CallsPerSecond = args.GetInt("--cps", defaults.CallsPerSecond, 1, 1_000_000),
            Dns = dns,
            Clients = args.GetInt("--clients", Math.Min(defaults.Clients, dns), 1, 100_000),
            Duration = args.GetSeconds("--seconds", defaults.Duration.TotalSeconds, 86_400),
            CallLength = args.Get("--call-length") is null ? null : args.GetSeconds("--call-length", 0, 86_400),
            // With --strategy the stations must stay clear of route point 3001, as in bench route.
            FirstDn = args.GetInt("--first-dn", defaults.FirstDn, strategy ? 10_000 : 1, 999_999_999 - dns),
            GatewayPath = args.Get("--gateway"),
            SimulatorListen = args.Get("--listen") is { } listen ? ParseListen(args, listen) : null,
            GatewayPid = args.Get("--gateway-pid") is null ? null : args.GetInt("--gateway-pid", 0, 1, int.MaxValue),
            ExternalGateway = global.ServerGiven ? global.Server : null,
            Strategy = BenchRouteCommand.StrategyPath(args),
        };
        if (options.Clients > options.Dns)
        {
            throw args.Usage($"--clients ({options.Clients}) must not exceed --dns ({options.Dns}): every client monitors at least one DN.");
        }

        if (options.ExternalGateway is not null && options.SimulatorListen is null)
        {
            throw args.Usage("--server uses a running gateway: give --listen HOST:PORT, the address its switch link connects to, for the bench's simulator.");
        }

        if (options.ExternalGateway is not null && options.GatewayPath is not null)
        {
            throw args.Usage("--gateway starts a gateway and --server uses a running one: give one of them.");
        }

        return options;
    }

    private static IPEndPoint ParseListen(ParsedArguments args, string text) =>
        IPEndPoint.TryParse(text, out var endpoint) && text.Contains(':', StringComparison.Ordinal)
            ? endpoint
            : throw args.Usage(string.Create(CultureInfo.InvariantCulture, $"--listen must be IP:PORT (port 0 picks a free one), not '{text}'."));
}
