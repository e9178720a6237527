namespace CtiGateway.Cli;

/// <summary>Bad usage or invalid input: exit code 2, the message on stderr names what was wrong.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
        : this("Invalid usage.")
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The command whose usage to show, or null for the general usage.</summary>
    public string? Command { get; init; }
}
