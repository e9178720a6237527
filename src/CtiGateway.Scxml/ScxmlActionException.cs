namespace CtiGateway.Scxml;

/// <summary>Thrown by a custom action handler: the session gets error.execution and the rest of the block is skipped.</summary>
public sealed class ScxmlActionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScxmlActionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ScxmlActionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
