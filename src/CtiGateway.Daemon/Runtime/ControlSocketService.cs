using System.Buffers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using CtiGateway.Switching;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>
/// The local control socket (<c>Control:Socket</c>, default /run/ctigateway/control.sock, mode 0660 so only the
/// service's user and group can use it). Protocol: the client sends one command line (<c>status</c>, <c>calls</c>,
/// <c>sessions</c>, <c>sessions show ID</c>, <c>sessions kill ID</c>, or
/// with test faults enabled <c>fault block-accept-loop</c> / <c>fault release-accept-loop</c>) and gets one line of
/// JSON back (<c>{"ok":true,...}</c> or <c>{"ok":false,"error":"..."}</c>), then the daemon closes the connection. It
/// never touches the T-Library port. A failure to create the socket is logged and the daemon keeps serving. The call
/// counts and listings are read on each switch's call-model loop (<see cref="SwitchLinkService.ListCallsAsync"/>);
/// a loop that does not answer within <see cref="CallQueryTimeout"/> leaves the counts out (status, with a note) or
/// fails the listing, so the socket always answers.
/// </summary>
internal sealed class ControlSocketService : IHostedService, IDisposable
{
    private const int MaxCommandBytes = 1024;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a request waits for the call models' answer.</summary>
    private static readonly TimeSpan CallQueryTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How long a request waits for the sessions' answer (each session is asked for its states).</summary>
    private static readonly TimeSpan SessionQueryTimeout = TimeSpan.FromSeconds(4);

    private readonly GatewaySettings _settings;
    private readonly RuntimeState _state;
    private readonly FaultInjection _faults;
    private readonly ILogger<ControlSocketService> _logger;
    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private string? _boundPath;

    public ControlSocketService(GatewaySettings settings, RuntimeState state, FaultInjection faults, ILogger<ControlSocketService> logger)
    {
        _settings = settings;
        _state = state;
        _faults = faults;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = _settings.Control.Socket;
        if (path.Length == 0)
        {
            return Task.CompletedTask;
        }

        try
        {
            _listener = Bind(path);
            _boundPath = path;
            RuntimeLog.ControlListening(_logger, path);
            _acceptLoop = Task.Run(() => AcceptLoopAsync(_listener, _stop.Token), CancellationToken.None);
        }
        catch (Exception ex) when (ex is SocketException or IOException or UnauthorizedAccessException)
        {
            RuntimeLog.ControlUnavailable(_logger, path, ex.Message);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_boundPath is not null)
        {
            try
            {
                File.Delete(_boundPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Left behind; the next start replaces a stale socket file.
            }
        }
    }

    public void Dispose()
    {
        _listener?.Dispose();
        _stop.Dispose();
    }

    /// <summary>Creates the folder if missing, replaces a stale socket file, binds and sets mode 0660.</summary>
    private Socket Bind(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new IOException("the control socket needs a Unix system");
        }

        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var endpoint = new UnixDomainSocketEndPoint(path);
        if (Directory.Exists(path))
        {
            throw new IOException("the path is a directory");
        }

        if (File.Exists(path))
        {
            using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                try
                {
                    probe.Connect(endpoint);
                    throw new IOException("another running daemon answers on it (give each daemon its own Control:Socket)");
                }
                catch (SocketException)
                {
                    // Nobody listens: a stale file from a daemon that died.
                }
            }

            File.Delete(path);
            RuntimeLog.ControlStaleReplaced(_logger, path);
        }

        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(endpoint);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
            listener.Listen(16);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                RuntimeLog.ControlRejected(_logger, $"accept failed: {ex.Message}");
                continue;
            }

            _ = Task.Run(() => ServeAsync(connection, ct), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket connection, CancellationToken stopping)
    {
        using var _ = connection;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            var command = await ReadCommandAsync(connection, timeout.Token).ConfigureAwait(false);
            byte[] answer;
            if (command is null)
            {
                answer = Error($"no command line within {MaxCommandBytes} bytes");
                RuntimeLog.ControlRejected(_logger, "no command line (connection closed, or a line over 1024 bytes)");
            }
            else
            {
                RuntimeLog.ControlRequest(_logger, command);
                answer = await HandleAsync(command, timeout.Token).ConfigureAwait(false);
            }

            await connection.SendAsync((byte[])[.. answer, (byte)'\n'], SocketFlags.None, timeout.Token).ConfigureAwait(false);
            connection.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // A client that went away or never sent a line; nothing to answer.
        }
    }

    private static async Task<string?> ReadCommandAsync(Socket connection, CancellationToken ct)
    {
        var buffer = new byte[MaxCommandBytes];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = await connection.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, ct).ConfigureAwait(false);
            if (n == 0)
            {
                return filled == 0 ? null : Encoding.UTF8.GetString(buffer, 0, filled).Trim();
            }

            var newline = Array.IndexOf(buffer, (byte)'\n', filled, n);
            filled += n;
            if (newline >= 0)
            {
                return Encoding.UTF8.GetString(buffer, 0, newline).Trim();
            }
        }

        return null;
    }

    private async Task<byte[]> HandleAsync(string command, CancellationToken cancellationToken)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 1 && words[0] == "status")
        {
            var (calls, problem) = await ListCallsAsync(cancellationToken).ConfigureAwait(false);
            var tally = problem is not null ? CallTally.Unavailable(problem)
                : _state.Switching is { } switching ? CallTally.Of(switching.SwitchNames, calls!)
                : CallTally.Unavailable(NoSwitches);
            return StatusReport.ToJsonBytes(_state, tally);
        }

        if (words.Length == 1 && words[0] == "calls")
        {
            var (calls, problem) = await ListCallsAsync(cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                RuntimeLog.ControlRejected(_logger, $"calls: {problem}");
                return Error(problem);
            }

            return CallListing.ToJsonBytes(calls!, _state.Now, _state.Switching is null ? NoSwitches : null);
        }

        if (words.Length >= 1 && words[0] == "sessions")
        {
            return await SessionsAsync(words, cancellationToken).ConfigureAwait(false);
        }

        if (words.Length == 2 && words[0] == "fault")
        {
            return Fault(words[1]);
        }

        var shown = command.Length > 60 ? command[..60] + "..." : command;
        RuntimeLog.ControlRejected(_logger, $"unknown command '{shown}'");
        return Error($"unknown command '{shown}' (known: status, calls, sessions, sessions show ID, sessions kill ID)");
    }

    /// <summary>
    /// <c>sessions</c>, <c>sessions show ID</c>, <c>sessions kill ID</c>: the live orchestration sessions. With
    /// orchestration off, the listing is empty with a note saying why, and show and kill name no session.
    /// </summary>
    private async Task<byte[]> SessionsAsync(string[] words, CancellationToken cancellationToken)
    {
        var orchestration = _state.Orchestration;
        var off = orchestration is null ? $"orchestration is not running: {_state.OrchestrationNotRunning}" : null;
        if (words.Length == 1)
        {
            if (orchestration is null)
            {
                return SessionListing.ToJsonBytes([], off);
            }

            try
            {
                var sessions = await orchestration.ListSessionsAsync().WaitAsync(SessionQueryTimeout, cancellationToken).ConfigureAwait(false);
                return SessionListing.ToJsonBytes(sessions);
            }
            catch (TimeoutException)
            {
                RuntimeLog.ControlRejected(_logger, "sessions: the sessions did not answer in time");
                return Error($"the sessions did not answer within {SessionQueryTimeout.TotalSeconds:0} s");
            }
        }

        if (words.Length == 3 && words[1] is "show" or "kill")
        {
            var id = words[2];
            if (orchestration is null)
            {
                return Error($"no live session '{id}' ({off})");
            }

            if (words[1] == "kill")
            {
                return orchestration.KillSession(id) ? Killed(id) : Error($"no live session '{id}'");
            }

            try
            {
                var details = await orchestration.ShowSessionAsync(id).WaitAsync(SessionQueryTimeout, cancellationToken).ConfigureAwait(false);
                return details is null ? Error($"no live session '{id}'") : SessionListing.DetailsToJsonBytes(details);
            }
            catch (TimeoutException)
            {
                return Error($"session '{id}' did not answer within {SessionQueryTimeout.TotalSeconds:0} s");
            }
        }

        return Error("sessions takes no argument, or 'show ID' or 'kill ID'");
    }

    /// <summary>Why there are no calls to count or list when the daemon has no switch.</summary>
    private const string NoSwitches = "no switches configured";

    /// <summary>
    /// The live calls of every switch, or the reason they could not be read (a call-model loop that did not answer
    /// within <see cref="CallQueryTimeout"/>, or stopped). No switches: an empty list.
    /// </summary>
    private async Task<(IReadOnlyList<SwitchCall>? Calls, string? Problem)> ListCallsAsync(CancellationToken cancellationToken)
    {
        if (_state.Switching is not { } switching)
        {
            return ([], null);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CallQueryTimeout);
        try
        {
            return (await switching.ListCallsAsync(limit.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"the call models did not answer within {CallQueryTimeout.TotalSeconds:0} s (a switch's call-model loop is busy or stuck; see its queue depth in the metrics)");
        }
        catch (Exception ex) when (ex is ChannelClosedException or InvalidOperationException or ObjectDisposedException)
        {
            return (null, $"the call models cannot be read: {ex.Message}");
        }
    }

    private byte[] Fault(string name)
    {
        if (!_faults.Enabled)
        {
            RuntimeLog.ControlRejected(_logger, $"fault {name}: fault injection is off");
            return Error($"fault injection is off (test-only: Diagnostics:Faults:Enabled=true with {FaultSettings.EnvironmentVariable}=1)");
        }

        switch (name)
        {
            case "block-" + FaultInjection.AcceptLoop:
                _faults.SetAcceptLoopBlocked(true);
                RuntimeLog.FaultChanged(_logger, FaultInjection.AcceptLoop, "accept loop blocked");
                return Ok();
            case "release-" + FaultInjection.AcceptLoop:
                _faults.SetAcceptLoopBlocked(false);
                RuntimeLog.FaultChanged(_logger, FaultInjection.AcceptLoop, "accept loop released");
                return Ok();
            default:
                return Error($"unknown fault '{name}' (known: block-{FaultInjection.AcceptLoop}, release-{FaultInjection.AcceptLoop})");
        }
    }

    private static byte[] Ok() => "{\"ok\":true}"u8.ToArray();

    private static byte[] Killed(string sessionId)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", true);
            json.WriteString("killed", sessionId);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Error(string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteBoolean("ok", false);
            json.WriteString("error", message);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
