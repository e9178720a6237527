using CtiGateway.Protocol;

namespace CtiGateway.Client;

/// <summary>A request sent and not yet answered: completes with the first event that carries its ReferenceID.</summary>
internal sealed class PendingRequest : TaskCompletionSource<TlibMessage>
{
    public PendingRequest(TlibMessage request, int referenceId, TServerConnection connection)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Request = request;
        ReferenceId = referenceId;
        Connection = connection;
    }

    /// <summary>The request as sent.</summary>
    public TlibMessage Request { get; }

    /// <summary>Its ReferenceID.</summary>
    public int ReferenceId { get; }

    /// <summary>The connection it was sent on.</summary>
    public TServerConnection Connection { get; }
}
