using System.Net.Sockets;
using System.Text;

namespace CtiGateway.Cli.Tests.Support;

/// <summary>A stand-in for the daemon's control socket: a Unix stream socket that reads one command line and answers with a fixed line.</summary>
internal sealed class FakeControlSocket : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly TaskCompletionSource<string> _command = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeControlSocket(string answer)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ctigw-fake-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(1);
        _ = Task.Run(async () =>
        {
            using var connection = await _listener.AcceptAsync();
            var buffer = new byte[1024];
            var filled = 0;
            while (Array.IndexOf(buffer, (byte)'\n', 0, filled) < 0)
            {
                var n = await connection.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None);
                if (n == 0)
                {
                    break;
                }

                filled += n;
            }

            _command.TrySetResult(Encoding.UTF8.GetString(buffer, 0, filled).Trim());
            await connection.SendAsync(Encoding.UTF8.GetBytes(answer + "\n"), SocketFlags.None);
            connection.Shutdown(SocketShutdown.Both);
        });
    }

    public string Path { get; }

    public Task<string> Command => _command.Task;

    public void Dispose() => _listener.Dispose();
}
