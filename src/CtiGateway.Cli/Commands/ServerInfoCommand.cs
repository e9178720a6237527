using CtiGateway.Client;

namespace CtiGateway.Cli;

/// <summary><c>ctigw server-info</c>: version, role and switch links from EventServerInfo.</summary>
internal static class ServerInfoCommand
{
    public static async Task<int> RunAsync(GlobalOptions global, IReadOnlyList<string> tokens, TextWriter stdout, CancellationToken cancellationToken)
    {
        var args = ParsedArguments.Parse("server-info", tokens, [], ["--json"]);
        if (args.Positionals.Count > 0)
        {
            throw args.Usage($"unexpected argument '{args.Positionals[0]}'.");
        }

        await using var client = new TServerClient(global.ClientOptions());
        await client.ConnectAsync(cancellationToken);
        var info = await client.QueryServerAsync(cancellationToken);
        var report = ServerInfoReport.From(info);
        await stdout.WriteAsync(args.Has("--json") ? report.ToJson() + Environment.NewLine : report.ToText());
        await stdout.FlushAsync(cancellationToken);
        return ExitCodes.Success;
    }
}
