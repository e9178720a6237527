using System.Buffers;
using System.Collections.Concurrent;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Links;

/// <summary>
/// Request/answer correlation: <see cref="RequestAsync"/> sends a request and returns the switch's answer with the
/// same invoke id (a <c>...Response</c> or a CSTAErrorCode); such an answer is handed to the caller and not passed to
/// <see cref="Messages"/>. Answers to requests sent with <see cref="SendRequestAsync"/> still go to Messages.
/// </summary>
public sealed partial class CstaTcpLink
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<CstaMessage>> _requests = new();

    /// <summary>Requests waiting for their answer.</summary>
    public int PendingRequests => _requests.Count;

    /// <summary>
    /// Sends a request and waits, in the link's time, at most <paramref name="timeout"/> for its answer: the decoded
    /// response or <see cref="CstaErrorResponse"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The link is down, or went down before the answer came.</exception>
    /// <exception cref="TimeoutException">No answer within <paramref name="timeout"/>.</exception>
    public async Task<CstaMessage> RequestAsync(Action<IBufferWriter<byte>> writeBody, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writeBody);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var invokeId = NextInvokeId();
        var answer = new TaskCompletionSource<CstaMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests[invokeId] = answer;
        try
        {
            var body = new ArrayBufferWriter<byte>(256);
            writeBody(body);
            await SendAsync(invokeId, body.WrittenMemory, cancellationToken).ConfigureAwait(false);
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, _time, timer.Token);
            await Task.WhenAny(answer.Task, delay).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
            if (answer.Task.IsCompleted)
            {
                return await answer.Task.ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"Link {Name}: no answer to invoke id {invokeId} within {timeout.TotalSeconds} s.");
        }
        finally
        {
            _requests.TryRemove(invokeId, out _);
        }
    }

    /// <summary>On the read loop: hands an answer to its <see cref="RequestAsync"/> caller; true when it was one.</summary>
    private bool TryTakeRequestAnswer(int invokeId, CstaMessage message)
    {
        if (invokeId == CstaWire.EventInvokeId
            || !(message is CstaErrorResponse || message.Element.EndsWith("Response", StringComparison.Ordinal))
            || !_requests.TryRemove(invokeId, out var waiter))
        {
            return false;
        }

        waiter.TrySetResult(message);
        return true;
    }

    /// <summary>The connection ended: every waiting request fails.</summary>
    private void FailPendingRequests(string reason)
    {
        foreach (var (invokeId, waiter) in _requests)
        {
            if (_requests.TryRemove(invokeId, out _))
            {
                waiter.TrySetException(new InvalidOperationException($"Link {Name} went down before the answer to invoke id {invokeId}: {reason}"));
            }
        }
    }
}
