using System.Net;
using CtiGateway.Client;
using CtiGateway.Cli.Tests.Support;
using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void ServerDefaultsTo127001Port3000AndCanBeAnywhere()
    {
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 3000), GlobalOptions.Extract(["server-info"], out _).Server);

        var global = GlobalOptions.Extract(["monitor", "5001", "--server", "10.0.0.7:3100", "--json"], out var rest);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.7"), 3100), global.Server);
        Assert.Equal(["monitor", "5001", "--json"], rest);
        Assert.Equal(new DnsEndPoint("tserver", 3000), GlobalOptions.Extract(["--server=tserver:3000", "server-info"], out _).Server);
    }

    [Theory]
    [InlineData("--server", "option --server needs a value")]
    [InlineData("--server=nohost", "--server: 'nohost' is not HOST:PORT.")]
    [InlineData("--server=h:99999", "port '99999' is not a number from 1 to 65535")]
    public void BadServerIsAUsageError(string arg, string expected) =>
        Assert.Contains(expected, Assert.Throws<UsageException>(() => GlobalOptions.Extract([arg], out _)).Message, StringComparison.Ordinal);

    [Fact]
    public void CommandOptionsAreCheckedAndNamed()
    {
        var args = ParsedArguments.Parse("bench fanout", ["--clients", "10", "--dns=2", "--", "--json"], ["--clients", "--dns"], []);
        Assert.Equal("10", args.Get("--clients"));
        Assert.Equal("2", args.Get("--dns"));
        Assert.Equal(["--json"], args.Positionals);

        Assert.Contains("unknown option '--bogus' for 'ctigw monitor'", Assert.Throws<UsageException>(() => ParsedArguments.Parse("monitor", ["--bogus"], [], ["--json"])).Message, StringComparison.Ordinal);
        Assert.Contains("option --clients needs a value", Assert.Throws<UsageException>(() => ParsedArguments.Parse("bench fanout", ["--clients"], ["--clients"], [])).Message, StringComparison.Ordinal);
        Assert.Contains("option --json takes no value", Assert.Throws<UsageException>(() => ParsedArguments.Parse("monitor", ["--json=1"], [], ["--json"])).Message, StringComparison.Ordinal);
        Assert.Contains("option --dns is given twice", Assert.Throws<UsageException>(() => ParsedArguments.Parse("bench fanout", ["--dns", "1", "--dns", "2"], ["--dns"], [])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchFanoutDefaultsAndLimits()
    {
        var defaults = BenchFanoutCommand.ParseOptions([]);
        Assert.Equal((100, 1, TimeSpan.FromSeconds(10), 200), (defaults.Clients, defaults.Dns, defaults.Duration, defaults.EventSize));

        var custom = BenchFanoutCommand.ParseOptions(["--clients", "8", "--dns", "4", "--seconds", "0.5", "--size", "512"]);
        Assert.Equal((8, 4, TimeSpan.FromSeconds(0.5), 512), (custom.Clients, custom.Dns, custom.Duration, custom.EventSize));

        Assert.Contains("--clients must be a whole number from 1 to 100000, not 'many'", Assert.Throws<UsageException>(() => BenchFanoutCommand.ParseOptions(["--clients", "many"])).Message, StringComparison.Ordinal);
        Assert.Contains("--seconds must be a number of seconds above 0", Assert.Throws<UsageException>(() => BenchFanoutCommand.ParseOptions(["--seconds", "0"])).Message, StringComparison.Ordinal);
        Assert.Contains("--dns (5) must not exceed --clients (2)", Assert.Throws<UsageException>(() => BenchFanoutCommand.ParseOptions(["--clients", "2", "--dns", "5"])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchCallsStrategyRunsTheRouteBenchAndRefusesWhatDoesNotApply()
    {
        var noServer = GlobalOptions.Extract(["bench", "calls"], out _);
        var file = RepoFiles.InRepo("docs", "examples", "bench-route-strategy.scxml");

        var options = BenchCallsCommand.ParseOptions(noServer, ["--cps", "20", "--dns", "50", "--seconds", "2", "--strategy", file]);
        Assert.Equal(file, options.Strategy);
        var route = options.ToRouteOptions();
        Assert.Equal((20, 50, TimeSpan.FromSeconds(2), 200_000, file), (route.RequestsPerSecond, route.Destinations, route.Duration, route.FirstDn, route.Strategy));
        Assert.Equal(1_000, BenchCallsCommand.ParseOptions(noServer, ["--strategy", file]).ToRouteOptions().Destinations);
        Assert.Null(BenchCallsCommand.ParseOptions(noServer, []).Strategy);

        Assert.Contains("--clients does not apply with --strategy", Assert.Throws<UsageException>(() => BenchCallsCommand.ParseOptions(noServer, ["--strategy", file, "--clients", "5"])).Message, StringComparison.Ordinal);
        Assert.Contains("--call-length does not apply with --strategy", Assert.Throws<UsageException>(() => BenchCallsCommand.ParseOptions(noServer, ["--call-length", "1", "--strategy", file])).Message, StringComparison.Ordinal);
        var withServer = GlobalOptions.Extract(["--server", "127.0.0.1:3000", "bench", "calls"], out _);
        Assert.Contains("--server does not apply with --strategy", Assert.Throws<UsageException>(() => BenchCallsCommand.ParseOptions(withServer, ["--strategy", file, "--listen", "127.0.0.1:0"])).Message, StringComparison.Ordinal);
        var missing = Path.Combine(Path.GetTempPath(), "ctigw-no-such-strategy.scxml");
        Assert.Equal($"--strategy: {missing} does not exist.", Assert.Throws<UsageException>(() => BenchCallsCommand.ParseOptions(noServer, ["--strategy", missing])).Message);
    }

    [Fact]
    public void ExitCodesMapUsageToTwoAndFailuresToOne()
    {
        Assert.Equal(2, ExitCodes.For(new UsageException("x")));
        Assert.Equal(1, ExitCodes.For(new TServerErrorException(MessageType.RequestMakeCall, new TlibMessage(MessageType.EventError) { ErrorCode = 41 })));
        Assert.Equal(1, ExitCodes.For(new TServerConnectionException("refused")));
        Assert.Equal(1, ExitCodes.For(new TimeoutException()));
    }

    [Theory(Timeout = TestTimeout.Test)]
    [InlineData(new string[0], 2, "ctigw: no command given.")]
    [InlineData(new[] { "frobnicate" }, 2, "ctigw: unknown command 'frobnicate'.")]
    [InlineData(new[] { "monitor" }, 2, "ctigw: monitor needs at least one DN.")]
    [InlineData(new[] { "request" }, 2, "ctigw: request needs a MESSAGE")]
    [InlineData(new[] { "request", "RequestMakeCall", "Bogus=1" }, 2, "ctigw: invalid argument 'Bogus=1': unknown attribute 'Bogus'.")]
    [InlineData(new[] { "bench" }, 2, "ctigw: bench needs a benchmark name: fanout, calls, query or route.")]
    [InlineData(new[] { "bench", "fanout", "--size", "0" }, 2, "--size must be a whole number from 1 to 60000, not '0'")]
    [InlineData(new[] { "bench", "frob" }, 2, "ctigw: unknown benchmark 'frob' (known: fanout, calls, query, route).")]
    [InlineData(new[] { "bench", "calls" }, 2, "ctigw: --server uses a running gateway: give --listen HOST:PORT")]
    [InlineData(new[] { "bench", "calls", "--clients", "60", "--dns", "50" }, 2, "ctigw: --clients (60) must not exceed --dns (50)")]
    [InlineData(new[] { "bench", "calls", "--cps", "0" }, 2, "ctigw: --cps must be a whole number from 1 to 1000000, not '0'.")]
    [InlineData(new[] { "bench", "calls", "--listen", "nowhere" }, 2, "ctigw: --listen must be IP:PORT")]
    [InlineData(new[] { "bench", "calls", "--strategy", "docs/examples/bench-route-strategy.scxml" }, 2, "ctigw: --server does not apply with --strategy: ")]
    [InlineData(new[] { "server-info", "extra" }, 2, "ctigw: unexpected argument 'extra'.")]
    public async Task UsageErrorsExitTwoWithoutTouchingTheNetwork(string[] args, int code, string expected)
    {
        var refusing = ClientTestKit.RefusingEndPoint();
        var (exit, stdout, stderr) = await RunAsync(["--server", $"127.0.0.1:{refusing.Port}", .. args], TestContext.Current.CancellationToken);

        Assert.Equal(code, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task AnUnreachableServerIsARuntimeFailure()
    {
        var refusing = ClientTestKit.RefusingEndPoint();

        var (exit, stdout, stderr) = await RunAsync(["--server", $"127.0.0.1:{refusing.Port}", "server-info"], TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith($"ctigw: Could not connect to a T-Server: 127.0.0.1:{refusing.Port}:", stderr, StringComparison.Ordinal);
    }

    [Theory(Timeout = TestTimeout.Test)]
    [InlineData(new[] { "--help" }, "Usage: ctigw [--server HOST:PORT] COMMAND")]
    [InlineData(new[] { "help", "request" }, "Key-value lists (UserData, Reasons, Extensions, ...)")]
    [InlineData(new[] { "monitor", "--help" }, "Enum-typed Int attributes print their enum name")]
    [InlineData(new[] { "bench", "fanout", "-h" }, "delivered/s: N published/s: N p99-ms: X lost: N")]
    [InlineData(new[] { "bench", "calls", "-h" }, "calls/s: N events/s: N p50-ms: X p99-ms: X p999-ms: X gateway-cpu: X% gateway-peak-mb: N")]
    [InlineData(new[] { "bench", "calls", "--help" }, "calls/s: N routed: N unrouted: N errors: N p50-ms: X p99-ms: X p999-ms: X gateway-cpu: X%")]
    public async Task HelpGoesToStdoutAndExitsZero(string[] args, string expected)
    {
        var (exit, stdout, stderr) = await RunAsync(args, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Contains(expected, stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stderr);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task RequestInProcessPrintsTheResponse()
    {
        await using var server = new FakeTServer();

        var (exit, stdout, stderr) = await RunAsync(["--server", server.HostPort, "request", "RequestQueryServer", "--json"], TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.StartsWith("""{"Event":"EventServerInfo","ReferenceID":2,""", stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stderr);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args, CancellationToken test)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr, TestTimeout.Token(test));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
