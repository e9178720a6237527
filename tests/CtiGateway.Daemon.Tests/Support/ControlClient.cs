using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace CtiGateway.Daemon.Tests;

/// <summary>Talks to a daemon's control socket directly (one command line, one JSON answer line).</summary>
internal static class ControlClient
{
    public static async Task<JsonDocument> AskAsync(string path, string command, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cts.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes(command + "\n"), SocketFlags.None, cts.Token);
        using var received = new MemoryStream();
        var buffer = new byte[8192];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0)
        {
            received.Write(buffer, 0, n);
        }

        return JsonDocument.Parse(received.ToArray());
    }

    /// <summary>Polls <c>status</c> until <paramref name="condition"/> holds; returns that status.</summary>
    public static async Task<JsonDocument> WaitForStatusAsync(string path, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(path))
            {
                var doc = await AskAsync(path, "status", TimeSpan.FromSeconds(10));
                if (condition(doc.RootElement))
                {
                    return doc;
                }

                last = doc.RootElement.GetRawText();
                doc.Dispose();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"control socket {path}: status did not reach the expected state within {timeout}; last: {last}");
    }

    /// <summary>A short, unique socket path in a folder that does not exist yet (the daemon creates it).</summary>
    public static string NewSocketPath() =>
        Path.Combine(Path.GetTempPath(), "ctigw-ctl-" + Guid.NewGuid().ToString("N")[..12], "control.sock");
}
