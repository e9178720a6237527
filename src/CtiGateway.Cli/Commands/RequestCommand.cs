using CtiGateway.Client;

namespace CtiGateway.Cli;

/// <summary><c>ctigw request MESSAGE [Attr=value ...] [--json]</c>: send one request and print the response event.</summary>
internal static class RequestCommand
{
    public static async Task<int> RunAsync(GlobalOptions global, IReadOnlyList<string> tokens, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var args = ParsedArguments.Parse("request", tokens, [], ["--json"]);
        if (args.Positionals.Count == 0)
        {
            throw args.Usage("request needs a MESSAGE, e.g. ctigw request RequestMakeCall ThisDN=5001 OtherDN=5002.");
        }

        // All input is checked before any connection is made.
        var request = AttributeArguments.BuildRequest(args.Positionals[0], args.Positionals.Skip(1));
        var printer = new EventPrinter(stdout, args.Has("--json"));

        await using var client = new TServerClient(global.ClientOptions());
        await client.ConnectAsync(cancellationToken);
        try
        {
            if (request.ThisDN is { } dn && request.Type != MessageType.RequestRegisterAddress)
            {
                await client.RegisterAddressAsync(dn, cancellationToken);
            }

            var response = await client.RequestAsync(request, cancellationToken);
            await printer.PrintAsync(response, cancellationToken);
            return ExitCodes.Success;
        }
        catch (TServerErrorException ex)
        {
            await printer.PrintAsync(ex.Event, cancellationToken);
            await stderr.WriteLineAsync($"ctigw: {MessageCatalog.GetName(ex.RequestType)} failed: ErrorCode={ex.ErrorCode} ErrorMessage={ex.ErrorMessage}");
            return ExitCodes.RuntimeFailure;
        }
    }
}
