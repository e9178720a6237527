namespace CtiGateway.Daemon;

/// <summary>ctigatewayd: parses the command line and hands over to <see cref="DaemonRunner"/>.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var parsed = DaemonCommandLine.Parse(args);
        if (parsed.Error is not null)
        {
            await Console.Error.WriteLineAsync($"ctigatewayd: {parsed.Error}").ConfigureAwait(false);
            await Console.Error.WriteLineAsync(DaemonCommandLine.Usage).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (parsed.ShowHelp)
        {
            await Console.Out.WriteLineAsync(DaemonCommandLine.Usage).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (parsed.ShowVersion)
        {
            await Console.Out.WriteLineAsync($"ctigatewayd {DaemonInfo.Version}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        return await DaemonRunner.RunAsync(parsed).ConfigureAwait(false);
    }
}
