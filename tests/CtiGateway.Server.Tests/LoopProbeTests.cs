using CtiGateway.Runtime;

namespace CtiGateway.Server.Tests;

/// <summary>The liveness probe primitive shared by the accept loop and the link supervisors.</summary>
public sealed class LoopProbeTests
{
    [Fact]
    public async Task ProbesWaitForTheLoopAndEveryWaitingProbeIsAnswered()
    {
        var probe = new LoopProbe();
        var asked = Enumerable.Range(0, 50).Select(_ => probe.RequestAsync(TestContext.Current.CancellationToken)).ToArray();
        Assert.All(asked, a => Assert.False(a.IsCompleted));
        Assert.True(probe.Requested.IsCompleted);

        probe.Answer();
        await Task.WhenAll(asked).WaitAsync(TestClient.DefaultTimeout, TestContext.Current.CancellationToken);
        Assert.False(probe.Requested.IsCompleted, "the wake signal is reset once the probes are answered");
    }

    [Fact]
    public async Task AnIdleLoopWakesToAnswerAndStillGetsItsResult()
    {
        var probe = new LoopProbe();
        var work = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = probe.AnswerWhileAsync(work.Task);
        for (var i = 0; i < 20; i++)
        {
            await probe.RequestAsync(TestContext.Current.CancellationToken).WaitAsync(TestClient.DefaultTimeout, TestContext.Current.CancellationToken);
        }

        Assert.False(loop.IsCompleted);
        work.SetResult(42);
        Assert.Equal(42, await loop.WaitAsync(TestClient.DefaultTimeout, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AProbeNobodyAnswersEndsOnlyWithItsCancellation()
    {
        var probe = new LoopProbe();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.RequestAsync(cts.Token));
    }
}
