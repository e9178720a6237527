namespace CtiGateway.Orchestration;

/// <summary>A <c>queue:submit</c> target is malformed or names what this platform cannot serve; the message says which part and why.</summary>
public sealed class QueueTargetException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QueueTargetException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public QueueTargetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public QueueTargetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The ORS error value of the problem: invalidparameter (malformed) or unsupported (cannot be served here).</summary>
    public string Error { get; init; } = "invalidparameter";
}
