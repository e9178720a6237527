using System.IO.Pipelines;
using System.Net.Sockets;

namespace CtiGateway.Pbx.Links;

/// <summary>A connected socket as a duplex pipe; disposing it closes the socket.</summary>
internal sealed class SocketDuplexPipe : IDuplexPipe, IAsyncDisposable
{
    private readonly NetworkStream _stream;

    public SocketDuplexPipe(Socket socket)
    {
        socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public async ValueTask DisposeAsync()
    {
        await Input.CompleteAsync().ConfigureAwait(false);
        try
        {
            // Completing the writer flushes what is still buffered; the peer may already be gone (broken pipe,
            // reset). That data is lost with the connection either way, and it must not fail the link's supervisor.
            await Output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The connection is closed below.
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
