using System.Net;
using CtiGateway.Client;

namespace CtiGateway.Cli;

/// <summary>Options that apply to every command: <c>--server HOST:PORT</c> (default 127.0.0.1:3000) and <c>--help</c>.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultServer = "127.0.0.1:3000";

    private GlobalOptions(EndPoint server, bool help, bool serverGiven)
    {
        Server = server;
        Help = help;
        ServerGiven = serverGiven;
    }

    /// <summary>The T-Library server endpoint.</summary>
    public EndPoint Server { get; }

    /// <summary>True when --server was given (not the default).</summary>
    public bool ServerGiven { get; }

    /// <summary>True when --help or -h was given.</summary>
    public bool Help { get; }

    /// <summary>Takes the global options out of <paramref name="args"/>; the rest (command and its arguments) is returned.</summary>
    public static GlobalOptions Extract(IReadOnlyList<string> args, out List<string> rest)
    {
        rest = [];
        string? server = null;
        var help = false;
        var optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (optionsEnded)
            {
                rest.Add(token);
            }
            else if (token == "--")
            {
                optionsEnded = true;
                rest.Add(token);
            }
            else if (token is "--help" or "-h")
            {
                help = true;
            }
            else if (token == "--server" || token.StartsWith("--server=", StringComparison.Ordinal))
            {
                if (server is not null)
                {
                    throw new UsageException("option --server is given twice.");
                }

                if (token.Length > "--server".Length)
                {
                    server = token["--server=".Length..];
                }
                else if (i + 1 < args.Count)
                {
                    server = args[++i];
                }
                else
                {
                    throw new UsageException("option --server needs a value (HOST:PORT).");
                }
            }
            else
            {
                rest.Add(token);
            }
        }

        var serverGiven = server is not null;
        server ??= DefaultServer;
        if (!TServerClientOptions.TryParseEndPoint(server, out var endPoint, out var error))
        {
            throw new UsageException($"--server: {error}");
        }

        return new GlobalOptions(endPoint, help, serverGiven);
    }

    /// <summary>Client options for this server, as used by every command.</summary>
    public TServerClientOptions ClientOptions(TServerEventOverflow overflow = TServerEventOverflow.DropOldest)
    {
        var options = new TServerClientOptions
        {
            ApplicationName = "ctigw",
            EventOverflow = overflow,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(500),
            ReconnectMaxDelay = TimeSpan.FromSeconds(10),
        };
        options.AddEndpoint(Server);
        return options;
    }
}
