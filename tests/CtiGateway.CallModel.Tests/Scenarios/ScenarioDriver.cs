using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;
using CtiGateway.Simulator;

namespace CtiGateway.CallModel.Tests;

/// <summary>What a scenario's set-up and steps act through: the switch, recorded CSTA, and the model.</summary>
internal sealed class ScenarioDriver(SwitchRig rig, ScenarioContext context)
{
    private int _seen;

    public SwitchRig Rig { get; } = rig;

    public ScenarioContext Context { get; set; } = context;

    public SwitchCallModel Model => Rig.Model;

    public string Dn(string party) => Context.Dn(party);

    public ConnId Conn(int n) => Context.ConnIdAt(n);

    /// <summary>Party's CSTA connection on "ConnID n", as the model gives it (what a request mapper will use).</summary>
    public CstaConnectionId Leg(int n, string party) => Rig.Leg(Conn(n), Dn(party));

    /// <summary>The CSTA callID of "ConnID n".</summary>
    public string CallIdOf(int n)
    {
        Assert.True(Model.TryGetCall(Conn(n), out var call));
        return call.CallId;
    }

    public SimServiceResult Run(Func<SwitchModel, SimServiceResult> service)
    {
        var result = Rig.Run(service);
        Observe();
        return result;
    }

    /// <summary>Acts on the switch directly (scripted traffic such as an inbound call), then applies its events.</summary>
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

    /// <summary>Runs something against the model directly (user-data requests, NetworkReached, CallCleared).</summary>
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
}
