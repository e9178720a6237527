namespace CtiGateway.Server.Tests;

/// <summary>
/// The accept loop's liveness probe (the daemon's systemd watchdog asks it): the idle loop wakes up to answer, and a
/// loop held at the test-fault gate answers nothing and admits nobody until the gate opens.
/// </summary>
public sealed class AcceptLoopProbeTests
{
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task IdleAcceptLoopAnswersItsProbe()
    {
        await using var test = await TestServer.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await test.Server.ProbeAcceptLoopAsync(TestContext.Current.CancellationToken).WaitAsync(TestClient.DefaultTimeout, TestContext.Current.CancellationToken);
        }

        // Answering probes does not disturb accepting.
        await using var client = await test.ConnectRegisteredAsync();
        Assert.Equal(1, test.Server.ClientCount);
        await test.Server.ProbeAcceptLoopAsync(TestContext.Current.CancellationToken).WaitAsync(TestClient.DefaultTimeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AcceptLoopHeldAtTheGateNeitherAnswersNorAdmits()
    {
        await using var test = await TestServer.StartAsync();
        // The loop is running and idle before the gate closes.
        await test.Server.ProbeAcceptLoopAsync(TestContext.Current.CancellationToken).WaitAsync(TestClient.DefaultTimeout, TestContext.Current.CancellationToken);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        test.Server.AcceptLoopGate = ct => new ValueTask(gate.Task.WaitAsync(ct));

        var probe = test.Server.ProbeAcceptLoopAsync(TestContext.Current.CancellationToken);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(test.EndPoint, TestContext.Current.CancellationToken);
        await Task.WhenAny(probe, Task.Delay(Silence, TestContext.Current.CancellationToken));
        Assert.False(probe.IsCompleted, "a held accept loop must not answer its probe");
        Assert.Equal(0, test.Server.ClientCount);
        await test.Logs.WaitForAsync(1100);

        gate.SetResult();
        await probe.WaitAsync(TestClient.DefaultTimeout, TestContext.Current.CancellationToken);
        await TestServer.EventuallyAsync(() => test.Server.ClientCount == 1, "the waiting connection to be admitted");
        await test.Logs.WaitForAsync(1101);
    }
}
