using System.Net.Sockets;

namespace CtiGateway.Protocol.Tests.Wireshark;

/// <summary>
/// Plays <see cref="WireWrite"/>s over a connected client/server socket pair. The receiver reads every chunk whole
/// before the sender writes the next one, so each chunk leaves as its own TCP segment.
/// </summary>
internal sealed class LoopbackExchange(NetworkStream client, NetworkStream server)
{
    private readonly MemoryStream _receivedByServer = new();
    private readonly MemoryStream _receivedByClient = new();

    public byte[] ReceivedByServer => _receivedByServer.ToArray();

    public byte[] ReceivedByClient => _receivedByClient.ToArray();

    public long ClientSent { get; private set; }

    public long ServerSent { get; private set; }

    public async Task PlayAsync(WireWrite write, CancellationToken cancellationToken)
    {
        var (writer, reader, sink) = write.FromClient ? (client, server, _receivedByServer) : (server, client, _receivedByClient);
        foreach (var chunk in write.Chunks)
        {
            await writer.WriteAsync(chunk, cancellationToken);
            await writer.FlushAsync(cancellationToken);
            var received = new byte[chunk.Length];
            await reader.ReadExactlyAsync(received, cancellationToken);
            sink.Write(received);
            if (write.FromClient)
            {
                ClientSent += chunk.Length;
            }
            else
            {
                ServerSent += chunk.Length;
            }
        }
    }
}
