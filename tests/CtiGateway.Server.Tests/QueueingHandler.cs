using System.Collections.Concurrent;

namespace CtiGateway.Server.Tests;

/// <summary>A switch side that only queues the requests handed over, for the test to take and answer.</summary>
internal sealed class QueueingHandler : ITlibRequestHandler
{
    private readonly ConcurrentQueue<TlibRequest> _taken = new();
    private readonly SemaphoreSlim _signal = new(0);

    public IReadOnlyCollection<TlibRequest> Taken => _taken;

    public void Handle(TlibRequest request)
    {
        _taken.Enqueue(request);
        _signal.Release();
    }

    public async Task<TlibRequest> NextAsync()
    {
        using var cts = TestClient.Timeout();
        await _signal.WaitAsync(cts.Token);
        Assert.True(_taken.TryDequeue(out var request));
        return request;
    }
}
