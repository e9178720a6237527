using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace CtiGateway.Cli;

/// <summary>
/// <c>ctigw status [--control PATH] [--json]</c>: asks the daemon over its local control socket (never the T-Library
/// port) and prints version, uptime, role, links, clients, DNs, calls, sessions, queue depths and the watchdog.
/// </summary>
internal static class StatusCommand
{
    /// <summary>The daemon's default control socket (Control:Socket).</summary>
    public const string DefaultControlSocket = "/run/ctigateway/control.sock";

    private const int MaxAnswerBytes = 16 * 1024 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(IReadOnlyList<string> tokens, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var args = ParsedArguments.Parse("status", tokens, ["--control"], ["--json"]);
        if (args.Positionals.Count > 0)
        {
            throw args.Usage($"unexpected argument '{args.Positionals[0]}'.");
        }

        var path = args.Get("--control") ?? DefaultControlSocket;
        if (path.Length == 0)
        {
            throw args.Usage("--control needs a socket path.");
        }

        var answer = await AskAsync(path, "status", cancellationToken);
        using var document = ParseAnswer(answer, path);
        var root = document.RootElement;
        if (!root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
        {
            var error = root.TryGetProperty("error", out var e) ? e.GetString() : answer;
            await stderr.WriteLineAsync($"ctigw: the daemon refused 'status': {error}");
            return ExitCodes.RuntimeFailure;
        }

        await stdout.WriteAsync(args.Has("--json") ? answer.Trim() + Environment.NewLine : StatusText.Render(root));
        await stdout.FlushAsync(cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>Sends one command line and reads the one-line answer; a daemon that cannot be reached is an IOException naming the path.</summary>
    public static async Task<string> AskAsync(string path, string command, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        if (!File.Exists(path))
        {
            throw new IOException($"cannot reach ctigatewayd: its control socket {path} does not exist (is the daemon running? is this its Control:Socket? give --control PATH)");
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), timeout.Token);
        }
        catch (SocketException ex)
        {
            throw new IOException($"cannot reach ctigatewayd on its control socket {path}: {ex.Message} (is the daemon running? is this its Control:Socket? give --control PATH)", ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"cannot reach ctigatewayd on its control socket {path}: no answer within {Timeout.TotalSeconds:0} s");
        }

        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(command + "\n"), SocketFlags.None, timeout.Token);
            using var received = new MemoryStream();
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                if (n == 0)
                {
                    break;
                }

                received.Write(buffer, 0, n);
                if (received.Length > MaxAnswerBytes)
                {
                    throw new IOException($"the answer on control socket {path} is longer than {MaxAnswerBytes} bytes");
                }
            }

            return Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length);
        }
        catch (SocketException ex)
        {
            throw new IOException($"control socket {path}: the daemon closed the connection: {ex.Message}", ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"control socket {path}: no answer within {Timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>Parses the daemon's answer; an answer that is not JSON is an IOException naming the socket.</summary>
    public static JsonDocument ParseAnswer(string answer, string path)
    {
        try
        {
            return JsonDocument.Parse(answer);
        }
        catch (JsonException ex)
        {
            var shown = answer.Length > 200 ? answer[..200] + "..." : answer;
            throw new IOException($"control socket {path}: the answer is not JSON ({ex.Message}): {shown}", ex);
        }
    }
}
