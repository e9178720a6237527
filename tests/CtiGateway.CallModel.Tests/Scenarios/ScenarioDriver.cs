using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;
using CtiGateway.Simulator;
using CtiGateway.Testing.CallModels;

namespace CtiGateway.CallModel.Tests;

/// <summary>
/// Plays the steps of the shared scenario table in memory: a party's T-Library request is planned by the call model
/// (<see cref="SwitchCallModel.PlanRequest"/>, as the gateway does) and the <see cref="SwitchCommand"/> it gives is run
/// as the simulator's switch service; what only the switch does is done on the switch model. The CSTA events the switch
/// raises reach the model through CSTA-XML and the real decoder (<see cref="SwitchRig"/>).
/// </summary>
internal sealed class ScenarioDriver(SwitchRig rig, ScenarioContext context)
{
    private int _seen;
    private int _nextReferenceId = 100;

    public SwitchRig Rig { get; } = rig;

    public ScenarioContext Context { get; set; } = context;

    public SwitchCallModel Model => Rig.Model;

    public string Dn(string party) => Context.Dn(party);

    public ConnId Conn(int n) => Context.ConnIdAt(n);

    /// <summary>Party's CSTA connection on "ConnID n", as the model gives it.</summary>
    public CstaConnectionId Leg(int n, string party) => Rig.Leg(Conn(n), Dn(party));

    /// <summary>The CSTA callID of "ConnID n".</summary>
    public string CallIdOf(int n)
    {
        Assert.True(Model.TryGetCall(Conn(n), out var call));
        return call.CallId;
    }

    /// <summary>Plays one step of the table.</summary>
    public void Play(ScenarioStep step)
    {
        switch (step.Kind)
        {
            case ScenarioStepKind.Request:
                Ask(step);
                break;
            case ScenarioStepKind.InboundCall:
                Switch(s => Assert.NotNull(s.DeliverInboundCall(Dn(step.Other!), Dn(step.Party))));
                break;
            case ScenarioStepKind.ExternalHangsUp:
                Switch(s => Assert.True(s.ExternalPartyHangsUp(CallIdOf(step.Conn!.Value)), $"{step}: the call has no external party"));
                break;
            case ScenarioStepKind.FarEndAnswers:
                Switch(s => Assert.True(s.ExternalPartyAnswers(CallIdOf(step.Conn!.Value)), $"{step}: no external party rings"));
                break;
            case ScenarioStepKind.NetworkBusy:
                Switch(s => s.SetNetworkBusy(Dn(step.Party)));
                break;
            case ScenarioStepKind.RouterTimeout:
                // What the gateway's loop does at the router timeout: DeflectCall to the routing point's default destination.
                var routePoint = Dn(step.Party);
                var destination = Model.DefaultRouteOf(routePoint) ?? throw new InvalidOperationException($"{step}: routing point {routePoint} has no default destination in the rig.");
                Assert.True(Model.TryPlanRoute(Conn(step.Conn!.Value), routePoint, destination, out var route), $"{step}: the call does not wait at {routePoint}");
                Rig.Run(s => Service(s, route));
                Observe();
                break;
        }
    }

    /// <summary>Acts on the switch directly, then applies its events.</summary>
    public void Switch(Action<SwitchModel> action)
    {
        action(Rig.Switch);
        Rig.Pump();
        Observe();
    }

    /// <summary>Applies a recorded CSTA event once per monitor of the listed parties (as the switch reports it).</summary>
    public void Inject(CstaCallEvent callEvent, params string[] toParties)
    {
        foreach (var party in toParties)
        {
            Assert.NotEqual(CallEventOutcome.Fault, Rig.Apply(callEvent with { MonitorCrossRefId = "mon-" + Dn(party) }));
        }

        Observe();
    }

    /// <summary>Runs something against the model directly (e.g. a NetworkReached the switch reports).</summary>
    public void Do(Action<SwitchCallModel, ICallModelSink> action)
    {
        action(Model, Rig.Sink);
        Observe();
    }

    /// <summary>Notes the ConnIDs of the events published since the last look.</summary>
    public void Observe()
    {
        for (; _seen < Rig.Sink.Events.Count; _seen++)
        {
            Context.See(Rig.Sink.Events[_seen].Event);
        }
    }

    /// <summary>Forgets the output so far (after the set-up).</summary>
    public void ClearOutput()
    {
        Rig.Sink.Clear();
        _seen = 0;
    }

    // The gateway's path in one thread: plan, note a consultation's purpose, run the service(s) on the switch.
    private void Ask(ScenarioStep step)
    {
        var plan = Model.PlanRequest(step.ToRequest(Context), ++_nextReferenceId, Rig.Sink);
        Assert.False(plan.IsRefused, $"{step} refused by the call model: {plan.Error} {plan.Message}");
        if (plan.Command is { } command)
        {
            if (command.Consultation is { } purpose)
            {
                Model.NoteConsultation(command.RequesterDn, purpose);
            }

            var result = Rig.Run(s => Service(s, command));
            if (command.Kind == SwitchCommandKind.MuteTransfer)
            {
                // TMuteTransfer: the consultation call made, the transfer follows at once (the target still rings).
                var consultation = result.ResultConnection ?? throw new InvalidOperationException($"{step}: ConsultationCall gave no initiatedCall.");
                Rig.Run(s => s.TransferCall(command.Connection, consultation));
            }
        }

        Observe();
    }

    private static SimServiceResult Service(SwitchModel s, SwitchCommand c) => c.Kind switch
    {
        SwitchCommandKind.MakeCall => s.MakeCall(c.RequesterDn, c.Device),
        SwitchCommandKind.AnswerCall => s.AnswerCall(c.Connection),
        SwitchCommandKind.ClearConnection => s.ClearConnection(c.Connection),
        SwitchCommandKind.ClearCall => s.ClearCall(c.Connection),
        SwitchCommandKind.HoldCall => s.HoldCall(c.Connection),
        SwitchCommandKind.RetrieveCall => s.RetrieveCall(c.Connection),
        SwitchCommandKind.ConsultationCall or SwitchCommandKind.MuteTransfer => s.ConsultationCall(c.Connection, c.Device),
        SwitchCommandKind.TransferCall => s.TransferCall(c.Connection, c.SecondConnection),
        SwitchCommandKind.ConferenceCall => s.ConferenceCall(c.Connection, c.SecondConnection),
        SwitchCommandKind.SingleStepTransferCall => s.SingleStepTransferCall(c.Connection, c.Device),
        SwitchCommandKind.SingleStepConferenceCall => s.SingleStepConferenceCall(c.Connection, c.Device),
        SwitchCommandKind.AlternateCall => s.AlternateCall(c.Connection, c.SecondConnection),
        SwitchCommandKind.ReconnectCall => s.ReconnectCall(c.SecondConnection, c.Connection),
        SwitchCommandKind.DeflectCall => s.DeflectCall(c.Connection, c.Device),
        SwitchCommandKind.GenerateDigits => s.GenerateDigits(c.Connection, c.Digits),
        _ => throw new InvalidOperationException($"No switch service for {c.Kind}."),
    };
}
