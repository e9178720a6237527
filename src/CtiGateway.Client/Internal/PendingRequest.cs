using CtiGateway.Protocol;

namespace CtiGateway.Client;

/// <summary>A request sent and not yet answered: completes with the first event that carries its ReferenceID.</summary>
internal sealed class PendingRequest : TaskCompletionSource<TlibMessage>
{
    public PendingRequest(TlibMessage request, int referenceId, TServerConnection connection, bool isRestore)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Request = request;
        ReferenceId = referenceId;
        Connection = connection;
        IsRestore = isRestore;
    }

    /// <summary>The request as sent.</summary>
    public TlibMessage Request { get; }

    /// <summary>Its ReferenceID.</summary>
    public int ReferenceId { get; }

    /// <summary>The connection it was sent on.</summary>
    public TServerConnection Connection { get; }

    /// <summary>True for the client's own re-registration after a reconnect.</summary>
    public bool IsRestore { get; }
}
