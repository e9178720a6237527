using CtiGateway.Protocol;

namespace CtiGateway.Testing.CallModels;

/// <summary>What the letters of a scenario stand for: party DNs, and "ConnID n" as the n-th ConnID seen.</summary>
internal sealed class ScenarioContext(IReadOnlyDictionary<string, string> parties)
{
    private readonly List<ConnId> _connIds = [];

    public IReadOnlyDictionary<string, string> Parties { get; } = parties;

    /// <summary>
    /// The parties of <paramref name="scenario"/> on a switch: the internal party with letter number i (A = 0, B = 1, ...)
    /// is <paramref name="internalDns"/>[i], every external party is <paramref name="externalNumber"/>, every queue
    /// party <paramref name="queueDn"/>, a routing point <paramref name="routePoint"/>.
    /// </summary>
    public static ScenarioContext For(CallModelScenario scenario, IReadOnlyList<string> internalDns, string externalNumber, string queueDn = "4001", string routePoint = "3001") =>
        new(scenario.Parties.ToDictionary(
            p => p.Key,
            p => p.Value switch
            {
                PartyKind.External => externalNumber,
                PartyKind.Queue => queueDn,
                PartyKind.RoutePoint => routePoint,
                _ => internalDns[p.Key[0] - 'A'],
            }));

    /// <summary>The DN of party <paramref name="letter"/> (a value that names no party is taken as it is).</summary>
    public string Dn(string letter) => Parties.TryGetValue(letter, out var dn) ? dn : letter;

    /// <summary>Notes the ConnIDs of the events, in the order they first appear.</summary>
    public void See(TlibMessage m)
    {
        if (m.ConnID is { } c && !_connIds.Contains(c))
        {
            _connIds.Add(c);
        }
    }

    /// <summary>The n-th ConnID (1-based).</summary>
    public ConnId ConnIdAt(int n)
    {
        Assert.True(n >= 1 && n <= _connIds.Count, $"ConnID {n} has not appeared (only {_connIds.Count} so far).");
        return _connIds[n - 1];
    }

    /// <summary>"ConnID n" for a known ConnID, else its hex.</summary>
    public string NameOf(ConnId c)
    {
        var i = _connIds.IndexOf(c);
        return i < 0 ? c.ToString() : $"ConnID {i + 1}";
    }
}
