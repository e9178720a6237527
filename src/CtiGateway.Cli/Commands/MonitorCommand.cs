using CtiGateway.Client;

namespace CtiGateway.Cli;

/// <summary><c>ctigw monitor DN [DN...] [--json]</c>: register the DNs and print every event until interrupted.</summary>
internal static class MonitorCommand
{
    public static async Task<int> RunAsync(GlobalOptions global, IReadOnlyList<string> tokens, TextWriter stdout, CancellationToken cancellationToken)
    {
        var args = ParsedArguments.Parse("monitor", tokens, [], ["--json"]);
        if (args.Positionals.Count == 0)
        {
            throw args.Usage("monitor needs at least one DN.");
        }

        if (args.Positionals.FirstOrDefault(string.IsNullOrWhiteSpace) is not null)
        {
            throw args.Usage("a DN must not be empty.");
        }

        var printer = new EventPrinter(stdout, args.Has("--json"));

        // Wait: the printer reads continuously; a slow stdout holds the socket rather than losing events.
        await using var client = new TServerClient(global.ClientOptions(TServerEventOverflow.Wait));
        await client.ConnectAsync(cancellationToken);
        using var printing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var printTask = PrintAllAsync(client, printer, printing.Token);
        try
        {
            foreach (var dn in args.Positionals.Distinct(StringComparer.Ordinal))
            {
                await RegisterAsync(client, dn, cancellationToken);
            }

            await printTask;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM: a normal end.
        }
        finally
        {
            await printing.CancelAsync();
            try
            {
                await printTask;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Registers one DN. A refusal (EventError) ends the command; a lost connection does not: the client restores a
    /// registration it has sent after reconnecting, and one it could not send is tried again.
    /// </summary>
    private static async Task RegisterAsync(TServerClient client, string dn, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await client.RegisterAddressAsync(dn, cancellationToken);
                return;
            }
            catch (TServerErrorException ex)
            {
                throw new TServerErrorException($"registering DN {dn}: {ex.Message}", ex);
            }
            catch (TServerConnectionException) when (client.RegisteredDNs.Contains(dn))
            {
                return;
            }
            catch (TServerConnectionException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }

    private static async Task PrintAllAsync(TServerClient client, EventPrinter printer, CancellationToken cancellationToken)
    {
        await foreach (var e in client.ReadEventsAsync(cancellationToken))
        {
            await printer.PrintAsync(e, cancellationToken);
        }
    }
}
