using System.Buffers;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Links;

/// <summary>
/// The ECMA-354 application session of a DMCC-style link (switch.md 1.3, f-me/dmcc Session.hs): after TCP connect
/// the link sends StartApplicationSession and waits for StartApplicationSessionPosResponse (sessionID,
/// actualSessionDuration) before it reports itself up; a negative answer, a CSTAErrorCode or no answer within the
/// link's start-up timeout is a hardware error and the connection is closed (then reconnected with backoff). While up it
/// sends ResetApplicationSessionTimer every actualSessionDuration x ResetAt (half by default) in the time of the
/// link's <see cref="TimeProvider"/>; a refused or unanswered reset drops the link before the switch would expire
/// the session. On stop it sends StopApplicationSession and waits briefly for the answer.
/// </summary>
public sealed partial class CstaTcpLink
{
    /// <summary>Longest wait for StopApplicationSession's answer on shutdown (SIGTERM must finish within 5 s).</summary>
    public static readonly TimeSpan MaxStopWait = TimeSpan.FromSeconds(2);

    private ApplicationSession? _session;
    private PendingSessionRequest? _pending;
    private int _sessionResets;

    /// <summary>The sessionID of the current application session, or null (none configured, or not started).</summary>
    public string? SessionId
    {
        get
        {
            lock (_sync)
            {
                return _session?.Id;
            }
        }
    }

    /// <summary>The actualSessionDuration of the current application session, or null.</summary>
    public TimeSpan? SessionDuration
    {
        get
        {
            lock (_sync)
            {
                return _session?.Duration;
            }
        }
    }

    /// <summary>ResetApplicationSessionTimer requests the switch answered positively (all connections).</summary>
    public int SessionTimerResets => Volatile.Read(ref _sessionResets);

    private static int WholeSeconds(TimeSpan duration) => (int)Math.Clamp(Math.Round(duration.TotalSeconds), 0, int.MaxValue);

    /// <summary>
    /// Opens the session, waiting for the answer until <paramref name="deadline"/> (the end of the start-up timeout);
    /// returns null when it started, otherwise why not (the connection is then closed).
    /// </summary>
    private async Task<string?> StartSessionAsync(CstaApplicationSessionOptions options, Task<string> read, Task stopped, TimeSpan deadline, CancellationToken token)
    {
        var (invokeId, answer) = await SendSessionRequestAsync(
            "StartApplicationSession",
            w => CstaXmlEncoder.WriteStartApplicationSession(
                w,
                options.ApplicationId,
                options.ProtocolVersion,
                WholeSeconds(options.RequestedDuration),
                options.UserName,
                options.Password,
                options.CleanupDelay is { } delay ? WholeSeconds(delay) : null),
            token).ConfigureAwait(false);
        if (answer is null)
        {
            return "link stopped before StartApplicationSession was sent";
        }

        var outcome = await AwaitAnswerAsync(answer.Task, "the answer to StartApplicationSession", read, stopped, deadline, token).ConfigureAwait(false);
        switch (outcome)
        {
            case CstaStartApplicationSessionPosResponse positive:
                var seconds = positive.ActualSessionDuration ?? WholeSeconds(options.RequestedDuration);
                if (seconds <= 0)
                {
                    return Refused("session-refused", $"StartApplicationSessionPosResponse on link {Name} grants actualSessionDuration {seconds} s: no usable session.", positive.Element + "/actualSessionDuration");
                }

                lock (_sync)
                {
                    _session = new ApplicationSession(positive.SessionId, TimeSpan.FromSeconds(seconds), Now);
                }

                return null;
            case CstaApplicationSessionResponse negative:
                return Refused(
                    "session-refused",
                    $"StartApplicationSession refused by the switch on link {Name} (invoke id {invokeId}): {negative.Element} {negative.ErrorCode ?? "(no errorCode)"}; requested protocol version {options.ProtocolVersion}.",
                    negative.Element);
            case CstaErrorResponse error:
                return Refused(
                    "session-refused",
                    $"StartApplicationSession refused by the switch on link {Name} (invoke id {invokeId}): CSTAErrorCode {error.Category}/{error.Value}.",
                    error.Element + "/" + error.Category);
            case TimeoutException:
                return Refused(
                    StartupTimeoutCause,
                    $"No StartApplicationSessionPosResponse within {Seconds(_options.StartupTimeout)} s of connecting on link {Name} (start-up timeout): StartApplicationSession (invoke id {invokeId}) not answered.",
                    "StartApplicationSession");
            case string ended:
                return ended;
            default:
                return $"StartApplicationSession on link {Name}: unexpected answer {outcome}";
        }
    }

    /// <summary>Resets the session timer every actualSessionDuration x ResetAt until the connection ends.</summary>
    private async Task SessionTimerLoopAsync(CstaApplicationSessionOptions options, CancellationTokenSource connection)
    {
        var token = connection.Token;
        ApplicationSession? session;
        lock (_sync)
        {
            session = _session;
        }

        if (session is null)
        {
            return;
        }

        var interval = session.Duration * options.ResetAt;
        var next = session.StartedAt + interval;
        while (!token.IsCancellationRequested)
        {
            var wait = next - Now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, token).ConfigureAwait(false);
            }

            var sentAt = Now;
            var (invokeId, answer) = await SendSessionRequestAsync(
                "ResetApplicationSessionTimer",
                w => CstaXmlEncoder.WriteResetApplicationSessionTimer(w, session.Id, WholeSeconds(options.RequestedDuration)),
                token).ConfigureAwait(false);
            if (answer is null)
            {
                return;
            }

            var limit = options.ResponseTimeout < interval ? options.ResponseTimeout : interval;
            var outcome = await AwaitAnswerAsync(answer.Task, "the answer to ResetApplicationSessionTimer", null, null, sentAt + limit, token).ConfigureAwait(false);
            string? failure = null;
            switch (outcome)
            {
                case CstaApplicationSessionResponse { IsPositive: true } positive:
                    Interlocked.Increment(ref _sessionResets);
                    var granted = positive.ActualSessionDuration is > 0 and var s ? TimeSpan.FromSeconds(s) : session.Duration;
                    lock (_sync)
                    {
                        _session = session = session with { Duration = granted };
                    }

                    interval = granted * options.ResetAt;
                    next = sentAt + interval;
                    break;
                case CstaApplicationSessionResponse negative:
                    failure = $"ResetApplicationSessionTimer refused by the switch (session {session.Id}, invoke id {invokeId}): {negative.ErrorCode ?? "(no errorCode)"}";
                    break;
                case CstaErrorResponse error:
                    failure = $"ResetApplicationSessionTimer refused by the switch (session {session.Id}, invoke id {invokeId}): CSTAErrorCode {error.Category}/{error.Value}";
                    break;
                case TimeoutException:
                    failure = $"ResetApplicationSessionTimer (session {session.Id}, invoke id {invokeId}) not answered within {limit.TotalSeconds} s; the switch would end the session {session.Duration.TotalSeconds} s after the last reset";
                    break;
                default:
                    return;
            }

            if (failure is not null)
            {
                Report(HardwareErrorRecord.FromSession(Name, "session-reset-failed", failure + $" on link {Name}: link dropped.", "ResetApplicationSessionTimer", _time.GetUtcNow()));
                _dropReason = "application session: " + failure;
                await connection.CancelAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>Ends the session on shutdown: StopApplicationSession, then waits at most <see cref="MaxStopWait"/>.</summary>
    private async Task StopSessionAsync(CstaApplicationSessionOptions options, Task<string> read, CancellationToken token)
    {
        var sessionId = SessionId;
        if (sessionId is null)
        {
            return;
        }

        try
        {
            var (_, answer) = await SendSessionRequestAsync("StopApplicationSession", w => CstaXmlEncoder.WriteStopApplicationSession(w, sessionId), token).ConfigureAwait(false);
            if (answer is not null)
            {
                var limit = options.ResponseTimeout < MaxStopWait ? options.ResponseTimeout : MaxStopWait;
                await AwaitAnswerAsync(answer.Task, "the answer to StopApplicationSession", read, null, Now + limit, token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The connection is going anyway.
        }
    }

    /// <summary>Registers the pending answer, then sends the request; null answer when the link went down first.</summary>
    private async Task<(int InvokeId, TaskCompletionSource<CstaMessage>? Answer)> SendSessionRequestAsync(
        string element, Action<IBufferWriter<byte>> writeBody, CancellationToken token)
    {
        var invokeId = NextInvokeId();
        var pending = new PendingSessionRequest(invokeId, element, new TaskCompletionSource<CstaMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_sync)
        {
            _pending?.Answer.TrySetCanceled(CancellationToken.None);
            _pending = pending;
        }

        var body = new ArrayBufferWriter<byte>(512);
        writeBody(body);
        try
        {
            await WriteFrameAsync(invokeId, body.WrittenMemory, token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException)
        {
            return (invokeId, null);
        }

        return (invokeId, pending.Answer);
    }

    /// <summary>
    /// Waits for a session or start-up answer: returns the message, a <see cref="TimeoutException"/> at
    /// <paramref name="deadline"/> (link time, so a late start does not stretch the wait), or a string when the
    /// connection ended or the link stops first.
    /// </summary>
    private async Task<object> AwaitAnswerAsync(Task<CstaMessage> answer, string what, Task<string>? read, Task? stopped, TimeSpan deadline, CancellationToken token)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(token);
        var left = deadline - Now;
        var delay = Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero, _time, timer.Token);
        var tasks = new List<Task>(4) { answer, delay };
        if (read is not null)
        {
            tasks.Add(read);
        }

        if (stopped is not null)
        {
            tasks.Add(stopped);
        }

        var done = await Task.WhenAny(tasks).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        if (answer.IsCompletedSuccessfully)
        {
            return answer.Result;
        }

        if (ReferenceEquals(done, read))
        {
            return $"connection closed by the switch while waiting for {what} ({read!.Result})";
        }

        if (ReferenceEquals(done, delay) && delay.IsCompletedSuccessfully)
        {
            return new TimeoutException();
        }

        return "link stopped";
    }

    /// <summary>On the read loop: hands an answer to the pending session or start-up request; true when it was one.</summary>
    private bool TryTakeSessionAnswer(int invokeId, CstaMessage message)
    {
        if (invokeId == CstaWire.EventInvokeId || !(message is CstaErrorResponse || message.Element.EndsWith("Response", StringComparison.Ordinal)))
        {
            return false;
        }

        PendingSessionRequest? pending;
        lock (_sync)
        {
            pending = _pending is { } p && p.InvokeId == invokeId ? p : null;
            if (pending is not null)
            {
                _pending = null;
            }
        }

        if (pending is not null)
        {
            pending.Answer.TrySetResult(message);
            return true;
        }

        if (message is not (CstaApplicationSessionResponse or CstaErrorResponse))
        {
            return false;
        }

        // A keep-alive reset's answer: a positive one only shows the link alive; a negative one is a hardware error.
        if (message is CstaApplicationSessionResponse { Element: "ResetApplicationSessionTimerPosResponse" })
        {
            Interlocked.Increment(ref _sessionResets);
            return true;
        }

        if (message is CstaApplicationSessionResponse { IsPositive: false } refused)
        {
            Report(HardwareErrorRecord.FromSession(
                Name, "session-reset-failed", $"{refused.Element} (invoke id {invokeId}) on link {Name}: {refused.ErrorCode ?? "(no errorCode)"}.", refused.Element, _time.GetUtcNow()));
            return true;
        }

        return false;
    }

    private string Refused(string cause, string detail, string element)
    {
        Report(HardwareErrorRecord.FromSession(Name, cause, detail, element, _time.GetUtcNow()));
        return detail;
    }

    /// <summary>The current session: its id, granted duration, and when it started (link time).</summary>
    private sealed record ApplicationSession(string Id, TimeSpan Duration, TimeSpan StartedAt);

    /// <summary>The one session request waiting for its answer.</summary>
    private sealed record PendingSessionRequest(int InvokeId, string Element, TaskCompletionSource<CstaMessage> Answer);
}
