namespace CtiGateway.Daemon;

/// <summary>
/// Test-only faults (<c>Diagnostics:Faults:Enabled</c> with <c>CTIGW_TEST_FAULTS=1</c>). The accept-loop gate is
/// awaited by the T-Library accept loop's own code; closing it stalls that loop for real, which the watchdog notices
/// because the loop stops answering its probe.
/// </summary>
internal sealed class FaultInjection
{
    /// <summary>The fault names the control socket accepts after <c>fault block-</c> / <c>fault release-</c>.</summary>
    public const string AcceptLoop = "accept-loop";

    private readonly Lock _lock = new();
    private TaskCompletionSource? _acceptLoopGate;

    public FaultInjection(GatewaySettings settings)
    {
        Enabled = settings.Diagnostics.Faults.Enabled;
    }

    public bool Enabled { get; }

    /// <summary>Awaited by the accept loop: completes at once while the gate is open.</summary>
    public ValueTask WaitAcceptLoopGateAsync(CancellationToken cancellationToken)
    {
        Task? closed;
        lock (_lock)
        {
            closed = _acceptLoopGate?.Task;
        }

        return closed is null ? ValueTask.CompletedTask : new ValueTask(closed.WaitAsync(cancellationToken));
    }

    /// <summary>Closes (<paramref name="block"/>) or opens the accept-loop gate.</summary>
    public void SetAcceptLoopBlocked(bool block)
    {
        TaskCompletionSource? release = null;
        lock (_lock)
        {
            if (block)
            {
                _acceptLoopGate ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            else
            {
                release = _acceptLoopGate;
                _acceptLoopGate = null;
            }
        }

        release?.TrySetResult();
    }
}
