namespace CtiGateway.Cli;

/// <summary>The exit codes of ctigw (CONTRACT.md): 0 success, 1 runtime failure, 2 bad usage or invalid input.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int RuntimeFailure = 1;
    public const int BadUsage = 2;

    /// <summary>The exit code for an exception that ended a command: 2 for bad usage or input, 1 for everything else.</summary>
    public static int For(Exception error) => error is UsageException ? BadUsage : RuntimeFailure;
}
