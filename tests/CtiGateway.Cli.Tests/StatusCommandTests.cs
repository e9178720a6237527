using System.Net.Sockets;
using System.Text;
using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Cli.Tests;

/// <summary>
/// <c>ctigw status</c> against a stand-in control socket (a real Unix socket that answers like the daemon) and with
/// no daemon at all. The real daemon is covered in CtiGateway.Daemon.Tests.
/// </summary>
public sealed class StatusCommandTests
{
    private const string Answer = """
        {"ok":true,"version":"1.2.3","startedAt":"2026-01-31T12:00:00.0000000+00:00","uptimeSeconds":90061.5,"role":"backup","tlibEndpoint":"127.0.0.1:3000","pid":4242,
         "links":[{"switch":"tel_sw","link":"tel_sw/1","endpoint":"10.0.0.5:1040","state":"down","active":false,"switchConnected":false,"lastError":"connect via tcp failed: Connection refused","bytesIn":10,"bytesOut":20,"framesIn":1,"framesOut":2,"hardwareErrors":3,"reconnects":4}],
         "clients":{"connected":2,"accepted":5,"rejected":1,"slowCut":0},"dns":{"registered":7},
         "calls":{"count":0,"note":"call model not built"},"sessions":{"count":0,"note":"SCXML sessions not built"},
         "queues":{"clients":2,"maxBytes":300,"totalBytes":400,"limitBytes":8388608},
         "watchdog":{"enabled":true,"intervalMs":30000,"pings":12,"loops":[{"name":"link tel_sw/1","answering":true},{"name":"tlib accept loop","answering":false}]}}
        """;

    [Fact]
    public async Task PrintsEveryPartOfTheDaemonsAnswer()
    {
        using var daemon = new FakeControlSocket(Answer.ReplaceLineEndings(string.Empty));
        var (exit, stdout, stderr) = await RunAsync(["status", "--control", daemon.Path], TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        Assert.Equal("status", await daemon.Command.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(
            """
            version: 1.2.3
            uptime: 1d 01:01:01 (since 2026-01-31T12:00:00.0000000+00:00)
            role: backup
            t-library: 127.0.0.1:3000 (pid 4242)
            link tel_sw/1 (switch tel_sw, 10.0.0.5:1040): down; last error: connect via tcp failed: Connection refused
              bytes in/out: 10/20  frames in/out: 1/2  hardware errors: 3  reconnects: 4
            clients: 2 connected (5 accepted, 1 rejected, 0 cut as slow readers since start)
            dns: 7 registered
            calls: 0 (call model not built)
            sessions: 0 (SCXML sessions not built)
            queues: max 300 bytes, total 400 bytes over 2 clients (limit 8388608 bytes per client)
            watchdog: on, interval 30000 ms, 12 pings sent; loops: link tel_sw/1 answering, tlib accept loop NOT ANSWERING

            """.ReplaceLineEndings("\n"),
            stdout);
    }

    [Fact]
    public async Task JsonPrintsTheAnswerAndARefusalIsExit1()
    {
        using (var daemon = new FakeControlSocket(Answer.ReplaceLineEndings(string.Empty)))
        {
            var (exit, stdout, _) = await RunAsync(["status", "--control", daemon.Path, "--json"], TestContext.Current.CancellationToken);
            Assert.Equal(0, exit);
            using var json = System.Text.Json.JsonDocument.Parse(stdout);
            Assert.Equal(7, json.RootElement.GetProperty("dns").GetProperty("registered").GetInt32());
        }

        using (var refusing = new FakeControlSocket("""{"ok":false,"error":"unknown command"}"""))
        {
            var (exit, _, stderr) = await RunAsync(["status", "--control", refusing.Path], TestContext.Current.CancellationToken);
            Assert.Equal(1, exit);
            Assert.Contains("the daemon refused 'status': unknown command", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NoDaemonIsExit1NamingTheSocketAndBadUsageIsExit2()
    {
        var path = Path.Combine(Path.GetTempPath(), "ctigw-none-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        var (exit, _, stderr) = await RunAsync(["status", "--control", path], TestContext.Current.CancellationToken);
        Assert.Equal(1, exit);
        Assert.Contains($"cannot reach ctigatewayd: its control socket {path} does not exist", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = await RunAsync(["status", "extra"], TestContext.Current.CancellationToken);
        Assert.Equal(2, exit);
        Assert.Contains("unexpected argument 'extra'", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args, CancellationToken test)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, stdout, stderr, TestTimeout.Token(test));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A Unix stream socket that reads one command line and answers with a fixed line.</summary>
    private sealed class FakeControlSocket : IDisposable
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
}
