using System.Globalization;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Links;

/// <summary>
/// The start-up exchange (issue 8 item 5): a link whose profile has one is up only once it is complete, so a switch
/// that accepts the connection and never speaks is not reported as a live link. In order, each step only when the
/// options ask for it: the switch's own SystemStatus (OSV style, switch.md 1.3 step 1; answered on the read loop),
/// the ECMA-354 application session (DMCC style, CstaTcpLink.Session.cs), then SystemRegister answered by
/// SystemRegisterResponse (step 3-4). The whole exchange must finish within
/// <see cref="CstaTcpLinkOptions.StartupTimeout"/> of connecting; otherwise the missing message is a hardware error
/// (cause <see cref="StartupTimeoutCause"/>) and the connection is closed, then reconnected with backoff.
/// </summary>
public sealed partial class CstaTcpLink
{
    /// <summary>Hardware-error cause of a start-up exchange not complete within the start-up timeout.</summary>
    public const string StartupTimeoutCause = "startup-timeout";

    /// <summary>Hardware-error cause of a start-up request the switch refused (CSTAErrorCode).</summary>
    public const string StartupRefusedCause = "startup-refused";

    private TaskCompletionSource<CstaMessage>? _startupStatus;

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs the start-up exchange of a new connection. Returns (null, what was done) when the link may be reported
    /// up, otherwise (why not, null); a timeout or refusal has then been reported as a hardware error.
    /// </summary>
    private async Task<(string? Failure, string? Done)> RunStartupAsync(Task<string> read, Task stopped, CancellationToken token)
    {
        var deadline = Now + _options.StartupTimeout;
        var done = new List<string>(3);
        if (_options.AwaitSystemStatus)
        {
            TaskCompletionSource<CstaMessage>? awaited;
            lock (_sync)
            {
                awaited = _startupStatus;
            }

            if (awaited is null)
            {
                return ("link stopped", null);
            }

            var outcome = await AwaitAnswerAsync(awaited.Task, "the switch's SystemStatus", read, stopped, deadline, token).ConfigureAwait(false);
            switch (outcome)
            {
                case CstaSystemStatus status:
                    done.Add($"SystemStatus '{status.Status}' answered");
                    break;
                case TimeoutException:
                    return (Refused(
                        StartupTimeoutCause,
                        $"No SystemStatus within {Seconds(_options.StartupTimeout)} s of connecting on link {Name} (start-up timeout): the switch accepted the connection but did not start the CSTA session.",
                        "SystemStatus"), null);
                case string ended:
                    return (ended, null);
                default:
                    return ($"start-up on link {Name}: unexpected outcome {outcome}", null);
            }
        }

        if (_options.ApplicationSession is { } session)
        {
            var failure = await StartSessionAsync(session, read, stopped, deadline, token).ConfigureAwait(false);
            if (failure is not null)
            {
                return (failure, null);
            }

            done.Add($"application session {SessionId} for {SessionDuration?.TotalSeconds} s");
        }

        if (_options.SystemRegister)
        {
            var (invokeId, answer) = await SendSessionRequestAsync(
                "SystemRegister", w => CstaXmlEncoder.WriteSystemRegister(w, _options.Flavour), token).ConfigureAwait(false);
            if (answer is null)
            {
                return ("link stopped before SystemRegister was sent", null);
            }

            var outcome = await AwaitAnswerAsync(answer.Task, "SystemRegisterResponse", read, stopped, deadline, token).ConfigureAwait(false);
            switch (outcome)
            {
                case CstaSystemRegisterResponse registered:
                    done.Add($"SystemRegister id {registered.SysStatRegisterId}");
                    break;
                case CstaErrorResponse error:
                    return (Refused(
                        StartupRefusedCause,
                        $"SystemRegister (invoke id {invokeId}) refused by the switch on link {Name}: CSTAErrorCode {error.Category}/{error.Value}; the profile asks for system-register.",
                        "SystemRegister"), null);
                case CstaMessage other:
                    return (Refused(
                        StartupRefusedCause,
                        $"SystemRegister (invoke id {invokeId}) on link {Name} answered with {other.Element} instead of SystemRegisterResponse.",
                        "SystemRegister"), null);
                case TimeoutException:
                    return (Refused(
                        StartupTimeoutCause,
                        $"No SystemRegisterResponse within {Seconds(_options.StartupTimeout)} s of connecting on link {Name} (start-up timeout): SystemRegister (invoke id {invokeId}) not answered.",
                        "SystemRegister"), null);
                case string ended:
                    return (ended, null);
                default:
                    return ($"SystemRegister on link {Name}: unexpected outcome {outcome}", null);
            }
        }

        return (null, string.Join(", ", done));
    }

    /// <summary>On the read loop, after SystemStatusResponse went out: completes the start-up wait for it, if any.</summary>
    private void OnSystemStatusAnswered(CstaSystemStatus status)
    {
        TaskCompletionSource<CstaMessage>? awaited;
        lock (_sync)
        {
            awaited = _startupStatus;
        }

        awaited?.TrySetResult(status);
    }
}
