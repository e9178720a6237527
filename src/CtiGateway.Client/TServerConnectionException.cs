using System.Net;

namespace CtiGateway.Client;

/// <summary>
/// The connection to the T-Server could not be opened, was lost, or is not there: the request was not answered.
/// </summary>
public sealed class TServerConnectionException : IOException
{
    /// <summary>Creates the error.</summary>
    public TServerConnectionException()
        : this("The T-Server connection is not available.")
    {
    }

    /// <summary>Creates the error with a message.</summary>
    public TServerConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a message and the cause.</summary>
    public TServerConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error with a message, the endpoint concerned and the cause.</summary>
    public TServerConnectionException(string message, EndPoint? endPoint, Exception? innerException)
        : base(message, innerException)
    {
        EndPoint = endPoint;
    }

    /// <summary>The endpoint concerned, when there is one.</summary>
    public EndPoint? EndPoint { get; }
}
