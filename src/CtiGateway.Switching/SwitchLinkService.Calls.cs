using CtiGateway.CallModel;
using CtiGateway.Protocol;
using CtiGateway.Server;

namespace CtiGateway.Switching;

/// <summary>
/// The call models of the switches: one <see cref="SwitchCallHost"/> per switch, client requests routed to the switch
/// that owns the request's ThisDN, and the listings of live calls.
/// </summary>
public sealed partial class SwitchLinkService
{
    /// <summary>
    /// Routes a client request to the switch whose DNs hold its ThisDN (a request without ThisDN goes to the only
    /// switch, when there is one). Never blocks: the switch's loop answers it.
    /// </summary>
    public void Handle(TlibRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var switches = Volatile.Read(ref _switches);
        if (switches.Length == 0)
        {
            request.Fail(ErrorCode.TERR_NO_SWITCH, $"{request.Name} needs a switch and none is configured");
            return;
        }

        if (TryAnswerGatewayService(request, switches))
        {
            return;
        }

        SwitchRuntime? target = null;
        if (request.ThisDN is { } dn)
        {
            target = SwitchOfThisDn(request, switches, dn);
            if (target is null)
            {
                return;
            }
        }
        else if (switches.Length == 1)
        {
            target = switches[0];
        }
        else if (SwitchOfAgent(switches, request) is { } agentSwitch)
        {
            target = agentSwitch;
        }
        else
        {
            request.Fail(ErrorCode.TERR_INVALID_ATTR, $"Missing attribute ThisDN: {request.Name} needs it to choose among switches {string.Join(", ", switches.Select(s => s.Name))}");
            return;
        }

        if (!RouteOtherDn(target, switches, request))
        {
            return;
        }

        target.Calls.Handle(request);
    }

    /// <summary>Live calls of every switch (read on each switch's loop).</summary>
    public async Task<IReadOnlyList<SwitchCall>> ListCallsAsync(CancellationToken cancellationToken)
    {
        var result = new List<SwitchCall>();
        foreach (var sw in Volatile.Read(ref _switches))
        {
            var calls = await sw.Calls.QueryAsync(m => m.ListCalls(), cancellationToken).ConfigureAwait(false);
            result.AddRange(calls.Select(c => new SwitchCall(sw.Name, c)));
        }

        return result;
    }

    /// <summary>Counters of each switch's call model: calls, events published, requests, faults, queue depth, request latency.</summary>
    public IReadOnlyList<SwitchCallCounters> CallCounters() =>
        [.. Volatile.Read(ref _switches).Select(s => new SwitchCallCounters(s.Name, s.Calls.CallCount, s.Calls.EventsPublished, s.Calls.Requests, s.Calls.Faults, s.Calls.QueueDepth, s.Calls.Latency))];

    private SwitchCallHost CreateCallHost(SwitchRuntime runtime, SwitchSettings settings)
    {
        var options = new CallModelOptions
        {
            TimeProvider = _time,
            ConsultUserData = settings.ConsultUserDataPolicy ?? ConsultUserDataPolicy.Inherited,
            DefaultRoutes = RoutePlan.DefaultRoutes(settings),
            MaxRouteHops = settings.RouteHopLimit,
        };
        var model = new SwitchCallModel(runtime.Directory, _connIds, options)
        {
            InboundLegUserData = (dn, callId) => SecondLegUserData(runtime.Name, dn, callId),
        };
        ConfigureAgents(model, runtime, settings);
        return new SwitchCallHost(runtime, _server, model, _logger, _time) { Routes = new RoutePlan(settings) };
    }

    private static async ValueTask PostToCallsAsync(SwitchRuntime sw, CallHostInput input, CancellationToken cancellationToken) =>
        await sw.Calls.PostAsync(input, cancellationToken).ConfigureAwait(false);
}
