namespace CtiGateway.Daemon;

/// <summary>Process exit codes of ctigatewayd (CONTRACT.md).</summary>
internal static class ExitCodes
{
    /// <summary>Clean exit, including SIGTERM.</summary>
    public const int Ok = 0;

    /// <summary>A runtime failure after start (e.g. the port could not be bound).</summary>
    public const int Failure = 1;

    /// <summary>Invalid configuration or command line; nothing was bound.</summary>
    public const int Usage = 2;
}
