namespace CtiGateway.Switching.Tests;

/// <summary>The rigs of the scenario suite, one per profile, started on first use and stopped after the last test.</summary>
public sealed class ConformanceRigs : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, ConformanceRig> _rigs = new(StringComparer.Ordinal);

    internal async Task<ConformanceRig> GetAsync(ConformanceProfile profile, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (!_rigs.TryGetValue(profile.Id, out var rig))
            {
                rig = await ConformanceRig.StartAsync(profile, ct);
                _rigs[profile.Id] = rig;
            }

            return rig;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var rig in _rigs.Values)
        {
            await rig.DisposeAsync();
        }

        _rigs.Clear();
        _gate.Dispose();
    }
}
