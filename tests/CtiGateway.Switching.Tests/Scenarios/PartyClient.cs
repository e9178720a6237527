using System.Net;
using CtiGateway.Client;
using CtiGateway.Protocol;

namespace CtiGateway.Switching.Tests;

/// <summary>
/// One party of a scenario: a T-Library client of the repo's client library (<see cref="TServerClient"/>) connected
/// to the gateway over TCP and registered on the party's DN and on the probe DN. It keeps the party's events in
/// arrival order; the probe DN's events only mark how far the stream has come (<see cref="ProbesSeen"/>).
/// </summary>
internal sealed class PartyClient : IAsyncDisposable
{
    private readonly TServerClient _client;
    private readonly List<TlibMessage> _events = [];

    private PartyClient(TServerClient client, string party, string dn, string probeDn)
    {
        _client = client;
        Party = party;
        Dn = dn;
        ProbeDn = probeDn;
    }

    public string Party { get; }

    public string Dn { get; }

    public string ProbeDn { get; }

    /// <summary>EventDialing of the probe DN seen so far.</summary>
    public int ProbesSeen { get; private set; }

    /// <summary>The party's events (not the probe's) received and not yet taken.</summary>
    public IReadOnlyList<TlibMessage> Events => _events;

    public static async Task<PartyClient> ConnectAsync(IPEndPoint gateway, string party, string dn, string probeDn, CancellationToken ct)
    {
        var options = new TServerClientOptions
        {
            ApplicationName = $"e2e-party-{party}",
            AutoReconnect = false,
            RequestTimeout = ConformanceRig.Timeout,
            EventOverflow = TServerEventOverflow.Wait,
        }.AddEndpoint(gateway);
        var client = new TServerClient(options);
        var party0 = new PartyClient(client, party, dn, probeDn);
        try
        {
            var link = await client.ConnectAsync(ct);
            Assert.Equal(MessageType.EventLinkConnected, link.Type);
            await client.RegisterAddressAsync(dn, ct);
            await client.RegisterAddressAsync(probeDn, ct);
            return party0;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends <paramref name="request"/>; its ReferenceID is set when this returns. The task ends with the answering event.</summary>
    public Task<TlibMessage> Send(TlibMessage request) => _client.RequestAsync(request);

    /// <summary>Reads events until <paramref name="condition"/> holds; false when <paramref name="deadline"/> passes first.</summary>
    public async Task<bool> WaitUntilAsync(Func<PartyClient, bool> condition, DateTime deadline, CancellationToken ct)
    {
        while (!condition(this))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(left);
            TlibMessage m;
            try
            {
                m = await _client.Events.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return condition(this);
            }

            Take(m);
        }

        return true;
    }

    /// <summary>Reads what has already arrived, without waiting.</summary>
    public void Poll()
    {
        while (_client.Events.TryRead(out var m))
        {
            Take(m);
        }
    }

    /// <summary>Returns the party's events so far and forgets them.</summary>
    public List<TlibMessage> TakeEvents()
    {
        var taken = _events.ToList();
        _events.Clear();
        return taken;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private void Take(TlibMessage m)
    {
        if (m.Type is MessageType.EventServerConnected or MessageType.EventServerDisconnected)
        {
            return;
        }

        if (m.ThisDN == ProbeDn)
        {
            if (m.Type == MessageType.EventDialing)
            {
                ProbesSeen++;
            }

            return;
        }

        _events.Add(m);
    }
}
