using CtiGateway.Client;
using CtiGateway.Protocol;
using CtiGateway.Testing.CallModels;

namespace CtiGateway.Switching.Tests;

/// <summary>
/// Plays one scenario of the shared table end to end: each internal party is a T-Library client registered on its
/// DN; a party's step is its T-Library request sent through the gateway (ConnIDs as the client learned them from
/// earlier events); what only the switch does is done on the simulator. After each step every client waits for the
/// events the reference requires of it, then for a probe call on the probe DN (registered by every client) that the
/// simulator raises after the step: when each client has seen it, the step's events have all arrived, and nothing of
/// the step can leak into the next.
/// </summary>
internal sealed class EndToEndScenarioRun(ConformanceRig rig, CallModelScenario scenario)
{
    private readonly Dictionary<string, PartyClient> _clients = new(StringComparer.Ordinal);
    private readonly List<string> _errors = [];
    private int _probes;

    /// <summary>Each party's events per step, in the order its client received them.</summary>
    public List<(int Step, string Dn, TlibMessage Event)> Actual { get; } = [];

    /// <summary>The ReferenceID of the request sent in each step.</summary>
    public Dictionary<int, int> ReferenceIds { get; } = [];

    /// <summary>What the steps did, for the report.</summary>
    public List<string> Log { get; } = [];

    public ScenarioContext Context { get; private set; } = null!;

    /// <summary>Requests refused or never answered.</summary>
    public IReadOnlyList<string> Errors => _errors;

    public async Task RunAsync(CancellationToken ct)
    {
        await rig.ResetAsync(ct);
        var profile = rig.Profile;
        var routePoint = scenario.WaitsForRouterTimeout ? profile.TimedRoutePoint : profile.RoutePoint;
        Context = ScenarioContext.For(scenario, profile.PartyDns, profile.ExternalNumber, profile.QueueDn, routePoint);
        var setupContext = scenario.ConnIdsFromSetup ? Context : ScenarioContext.For(scenario, profile.PartyDns, profile.ExternalNumber, profile.QueueDn, routePoint);
        try
        {
            foreach (var party in scenario.InternalParties)
            {
                _clients[party] = await PartyClient.ConnectAsync(rig.Endpoint, party, Context.Dn(party), profile.ProbeDn, ct);
            }

            await BarrierAsync(ct);
            Take(0, setupContext);
            foreach (var step in scenario.Setup)
            {
                Log.Add("set-up " + step);
                var (request, _) = await TriggerAsync(step, setupContext, ct);
                if (request is not null)
                {
                    await AnsweredAsync(step, "set-up", request, DateTime.UtcNow + ConformanceRig.Timeout, fatal: true);
                }

                await BarrierAsync(ct);
                Take(0, setupContext);
            }

            for (var n = 1; n <= scenario.Steps.Count; n++)
            {
                var step = scenario.Steps[n - 1];
                Log.Add($"step {n}: {step}");
                var deadline = DateTime.UtcNow + ConformanceRig.Timeout;
                var (request, referenceId) = await TriggerAsync(step, Context, ct);
                if (referenceId is { } id)
                {
                    ReferenceIds[n] = id;
                }

                foreach (var (party, client) in _clients)
                {
                    var required = scenario.Rows.Count(r => r.Step == n && r.Party == party && r.Required);
                    await client.WaitUntilAsync(c => c.Events.Count >= required, deadline, ct);
                }

                if (request is not null)
                {
                    await AnsweredAsync(step, $"step {n}", request, deadline, fatal: false);
                }

                await BarrierAsync(ct);
                Take(n, Context);
            }
        }
        finally
        {
            foreach (var client in _clients.Values)
            {
                await client.DisposeAsync();
            }
        }
    }

    private async Task<(Task<TlibMessage>? Request, int? ReferenceId)> TriggerAsync(ScenarioStep step, ScenarioContext context, CancellationToken ct)
    {
        var simulator = rig.Simulator;
        switch (step.Kind)
        {
            case ScenarioStepKind.Request:
                var message = step.ToRequest(context);
                var sent = _clients[step.Party].Send(message);
                return (sent, message.ReferenceID);
            case ScenarioStepKind.InboundCall:
                var callId = simulator.Invoke(m => m.DeliverInboundCall(context.Dn(step.Other!), context.Dn(step.Party)));
                Assert.True(callId is not null, $"{step}: the simulator delivered no call");
                break;
            case ScenarioStepKind.ExternalHangsUp:
                var hungUp = await rig.CallIdOfAsync(context.ConnIdAt(step.Conn!.Value), ct);
                Assert.True(simulator.Invoke(m => m.ExternalPartyHangsUp(hungUp)), $"{step}: call {hungUp} has no external party");
                break;
            case ScenarioStepKind.FarEndAnswers:
                var answered = await rig.CallIdOfAsync(context.ConnIdAt(step.Conn!.Value), ct);
                Assert.True(simulator.Invoke(m => m.ExternalPartyAnswers(answered)), $"{step}: no external party rings on call {answered}");
                break;
            case ScenarioStepKind.NetworkBusy:
                simulator.Invoke(m => m.SetNetworkBusy(context.Dn(step.Party)));
                break;
            case ScenarioStepKind.RouterTimeout:
                // Nothing to do: the gateway's router timeout of the routing point (1 s) runs out; the step waits for its events.
                break;
        }

        return (null, null);
    }

    // The request's answering event came (the client library matched its ReferenceID), or the error is noted.
    private async Task AnsweredAsync(ScenarioStep step, string where, Task<TlibMessage> request, DateTime deadline, bool fatal)
    {
        var left = deadline - DateTime.UtcNow;
        await Task.WhenAny(request, Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero, CancellationToken.None));
        string? problem = null;
        if (!request.IsCompleted)
        {
            problem = $"{where}: {step}: no event carried its ReferenceID within {ConformanceRig.Timeout.TotalSeconds} s";
        }
        else if (request.Exception?.InnerException is TServerErrorException refused)
        {
            problem = $"{where}: {step} refused by the gateway: {refused.Message}";
        }
        else if (request.Exception?.InnerException is { } failed)
        {
            problem = $"{where}: {step} failed: {failed.GetType().Name}: {failed.Message}";
        }

        if (problem is not null)
        {
            Assert.False(fatal, problem);
            _errors.Add(problem);
        }
    }

    /// <summary>A call from the probe DN, raised by the simulator now: every client sees it after all earlier events.</summary>
    private async Task BarrierAsync(CancellationToken ct)
    {
        var profile = rig.Profile;
        var made = rig.Simulator.Invoke(m => m.MakeCall(profile.ProbeDn, profile.ProbeCalleeDn));
        Assert.False(made.IsError, $"probe call {profile.ProbeDn} -> {profile.ProbeCalleeDn}: {made.Reason}");
        var probe = ++_probes;
        var deadline = DateTime.UtcNow + ConformanceRig.Timeout;
        try
        {
            foreach (var client in _clients.Values)
            {
                Assert.True(
                    await client.WaitUntilAsync(c => c.ProbesSeen >= probe, deadline, ct),
                    $"party {client.Party} ({client.Dn}) did not get the probe call's EventDialing on {profile.ProbeDn} within {ConformanceRig.Timeout.TotalSeconds} s");
            }
        }
        finally
        {
            rig.Simulator.Invoke(m => m.ClearCall(made.CallingConnection!.Value));
        }
    }

    private void Take(int step, ScenarioContext context)
    {
        foreach (var (_, client) in _clients.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            foreach (var m in client.TakeEvents())
            {
                context.See(m);
                if (step > 0)
                {
                    Actual.Add((step, client.Dn, m));
                }
            }
        }
    }
}
