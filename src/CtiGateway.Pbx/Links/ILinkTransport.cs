using System.IO.Pipelines;

namespace CtiGateway.Pbx.Links;

/// <summary>
/// Opens one connection to a switch as a duplex pipe. The returned pipe ends the connection when both of its sides
/// are completed; when it is <see cref="IAsyncDisposable"/> the link also disposes it.
/// </summary>
public interface ILinkTransport
{
    /// <summary>A readable description for link state reasons and errors (e.g. "tcp 10.0.0.5:1040").</summary>
    string Description { get; }

    /// <summary>Opens the next connection.</summary>
    ValueTask<IDuplexPipe> ConnectAsync(CancellationToken cancellationToken);
}
