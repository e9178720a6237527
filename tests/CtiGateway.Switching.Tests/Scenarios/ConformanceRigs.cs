namespace CtiGateway.Switching.Tests;

/// <summary>
/// The rigs of the scenario suite, one per profile, started on first use and stopped after the last test. A rig that
/// failed to start (or was skipped: no socat) fails (or skips) every later test of its profile at once, the same way.
/// </summary>
public sealed class ConformanceRigs : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Task<ConformanceRig>> _rigs = new(StringComparer.Ordinal);

    internal async Task<ConformanceRig> GetAsync(ConformanceProfile profile, CancellationToken ct)
    {
        Task<ConformanceRig>? rig;
        await _gate.WaitAsync(ct);
        try
        {
            if (!_rigs.TryGetValue(profile.Id, out rig))
            {
                rig = ConformanceRig.StartAsync(profile, CancellationToken.None);
                _rigs[profile.Id] = rig;
            }
        }
        finally
        {
            _gate.Release();
        }

        return await rig.WaitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var rig in _rigs.Values)
        {
            if (rig.IsCompletedSuccessfully)
            {
                await rig.Result.DisposeAsync();
            }
        }

        _rigs.Clear();
        _gate.Dispose();
    }
}
