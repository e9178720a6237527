namespace CtiGateway.Switching;

/// <summary>A switch runtime that is running: its own cancellation (to stop just this switch) and its completion.</summary>
internal sealed class RunningSwitch(SwitchRuntime runtime, CancellationTokenSource stop, Task completion)
{
    public SwitchRuntime Runtime { get; } = runtime;

    public CancellationTokenSource Stop { get; } = stop;

    /// <summary>Completes when every link of the switch has stopped; never faults on cancellation.</summary>
    public Task Completion { get; } = completion;
}
