using CtiGateway.Protocol;

namespace CtiGateway.Switching;

/// <summary>A call waiting at a routing point for its router, with the router timeout (owned by the call-model loop).</summary>
internal sealed class RouteWait(ConnId connId, string routePoint, SwitchCallHost host)
{
    private SwitchCallHost? _host = host;

    public ConnId ConnId { get; } = connId;

    public string RoutePoint { get; } = routePoint;

    public ITimer? Timer { get; set; }

    /// <summary>The timer fired: the loop handles the timeout (unless the wait was stopped).</summary>
    public void Expire() => Volatile.Read(ref _host)?.PostRouterTimeout(this);

    /// <summary>Stops the timer; a timeout already on its way to the loop finds the wait gone.</summary>
    public void Stop()
    {
        Volatile.Write(ref _host, null);
        Timer?.Dispose();
    }
}
