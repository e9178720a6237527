namespace CtiGateway.Switching;

/// <summary>A switch's configuration cannot be used (missing or invalid profile, a transport that is not wired yet).</summary>
public sealed class SwitchConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SwitchConfigException()
    {
    }

    /// <summary>Creates the exception with a message naming what was wrong and where.</summary>
    public SwitchConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public SwitchConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
