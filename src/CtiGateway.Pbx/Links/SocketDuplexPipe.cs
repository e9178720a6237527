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
        await Output.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
