using CtiGateway.Client;

namespace CtiGateway.Cli;

/// <summary>The ctigw command line: global options, command dispatch and the exit-code mapping.</summary>
internal static class CliApp
{
    /// <summary>Runs one command line; returns the exit code. Messages for failures go to <paramref name="stderr"/>.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        string? command = null;
        try
        {
            var global = GlobalOptions.Extract(args, out var rest);
            command = rest.Count > 0 ? rest[0] : null;
            if (command == "bench" && rest.Count > 1 && !rest[1].StartsWith('-'))
            {
                command = "bench " + rest[1];
            }

            if (global.Help || command is null or "help")
            {
                if (command is null && !global.Help)
                {
                    throw new UsageException("no command given.");
                }

                await stdout.WriteLineAsync(Usage.For(command == "help" && rest.Count > 1 ? rest[1] : command));
                return ExitCodes.Success;
            }

            var commandArgs = rest.Skip(command.StartsWith("bench ", StringComparison.Ordinal) ? 2 : 1).ToList();
            return command switch
            {
                "server-info" => await ServerInfoCommand.RunAsync(global, commandArgs, stdout, cancellationToken),
                "monitor" => await MonitorCommand.RunAsync(global, commandArgs, stdout, cancellationToken),
                "request" => await RequestCommand.RunAsync(global, commandArgs, stdout, stderr, cancellationToken),
                "profile" => await ProfileValidateCommand.RunAsync(commandArgs, stdout, stderr, cancellationToken),
                "status" => await StatusCommand.RunAsync(commandArgs, stdout, stderr, cancellationToken),
                "calls" => await CallsCommand.RunAsync(commandArgs, stdout, stderr, cancellationToken),
                "sessions" => await SessionsCommand.RunAsync(commandArgs, stdout, stderr, cancellationToken),
                "scxml" => await ScxmlCommand.RunAsync(commandArgs, stdout, stderr, cancellationToken),
                "strategy" => await StrategyCommand.RunAsync(commandArgs, stdout, stderr, cancellationToken),
                "simulate" => await SimulateCommand.RunAsync(commandArgs, stdout, stderr, cancellationToken),
                "bench fanout" => await BenchFanoutCommand.RunAsync(global, commandArgs, stdout, stderr, cancellationToken),
                "bench calls" => await BenchCallsCommand.RunAsync(global, commandArgs, stdout, stderr, cancellationToken),
                "bench query" => await BenchQueryCommand.RunAsync(global, commandArgs, stdout, stderr, cancellationToken),
                "bench route" => await BenchRouteCommand.RunAsync(commandArgs, stdout, stderr, cancellationToken),
                "bench" => throw new UsageException("bench needs a benchmark name: fanout, calls, query or route.") { Command = "bench" },
                _ when command.StartsWith("bench ", StringComparison.Ordinal) => throw new UsageException($"unknown benchmark '{rest[1]}' (known: fanout, calls, query, route).") { Command = "bench" },
                _ => throw new UsageException($"unknown command '{rest[0]}'."),
            };
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"ctigw: {ex.Message}");
            await stderr.WriteLineAsync(ex.Command is { } c ? $"Run 'ctigw {c} --help' for usage." : "Run 'ctigw --help' for usage.");
            return ExitCodes.BadUsage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("ctigw: interrupted.");
            return ExitCodes.RuntimeFailure;
        }
        catch (Exception ex) when (ex is TServerErrorException or TServerConnectionException or TimeoutException or IOException
            or System.Net.Sockets.SocketException or TlibProtocolException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"ctigw: {ex.Message}");
            return ExitCodes.For(ex);
        }
        catch (Exception ex)
        {
            // Anything else is still a runtime failure: exit 1 with the message, never a crash.
            await stderr.WriteLineAsync($"ctigw: unexpected {ex.GetType().Name}: {ex.Message}");
            return ExitCodes.RuntimeFailure;
        }
    }
}
