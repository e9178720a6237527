using System.Net;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator.Tests;

/// <summary>SetAgentState / GetAgentState and the agent events, in the model and over TCP (OSV dialect).</summary>
public sealed class AgentStateTests
{
    private readonly SwitchModel _model = new(SwitchingPlan.Demo(), new ManualTimeProvider());

    private string Monitor(string device) => _model.MonitorStart(device, owner: null).MonitorCrossRefId!;

    private List<string> Agents() =>
        [.. _model.DrainEvents().Select(r => r.Message).Cast<CstaAgentEvent>().Select(e => $"{e.Element}@{e.MonitorCrossRefId} {e.AgentDevice} {e.AgentId} {e.AcdGroup}")];

    [Fact]
    public void TheDemoPlanHasAgentsLoggedOnAndReadyOn5001To5020InQueue4001()
    {
        var plan = SwitchingPlan.Demo();
        Assert.Equal(20, plan.Agents.Count);
        Assert.Equal(new SimAgentSeat("5001", "A5001", "4001", true), plan.Agents.First());
        Assert.Equal(new SimAgentSeat("5020", "A5020", "4001", true), plan.Agents.Last());
        Assert.Equal("agentReady", _model.AgentStateOf("5020"));
        Assert.Null(_model.AgentStateOf("5021"));
        var state = _model.GetAgentState("5001");
        Assert.Equal([new SimAgentState("A5001", true, "agentReady", "4001")], state.Agents!);
        Assert.Empty(_model.GetAgentState("5021").Agents!);
    }

    [Fact]
    public void EachStateChangeRaisesItsEventToTheStationAndTheQueue()
    {
        var station = Monitor("5001");
        var queue = Monitor("4001");
        Assert.Equal("SetAgentStateResponse", _model.SetAgentState("5001", "notReady").Element);
        Assert.Equal([$"AgentNotReadyEvent@{station} 5001 A5001 4001", $"AgentNotReadyEvent@{queue} 5001 A5001 4001"], Agents());
        Assert.Equal("agentNotReady", _model.AgentStateOf("5001"));

        _model.SetAgentState("5001", "workingAfterCall");
        _model.SetAgentState("5001", "ready");
        _model.SetAgentState("5001", "loggedOff");
        Assert.Equal(
            [
                $"AgentWorkingAfterCallEvent@{station} 5001 A5001 4001", $"AgentWorkingAfterCallEvent@{queue} 5001 A5001 4001",
                $"AgentReadyEvent@{station} 5001 A5001 4001", $"AgentReadyEvent@{queue} 5001 A5001 4001",
                $"AgentLoggedOffEvent@{station} 5001 A5001 4001", $"AgentLoggedOffEvent@{queue} 5001 A5001 4001",
            ],
            Agents());
        Assert.Equal([new SimAgentState("A5001", false, "agentNull", null)], _model.GetAgentState("5001").Agents!);

        // A new agent logs on at a station without a position: not ready until it says so.
        var other = Monitor("5050");
        _model.SetAgentState("5050", "loggedOn", "A9", "4001");
        Assert.Equal([$"AgentLoggedOnEvent@{other} 5050 A9 4001", $"AgentLoggedOnEvent@{queue} 5050 A9 4001"], Agents());
        Assert.Equal("agentNotReady", _model.AgentStateOf("5050"));
    }

    [Fact]
    public void AReadyAgentOnACallIsReportedBusy()
    {
        _model.MakeCall("5001", "5002");
        Assert.Equal(("agentBusy", "agentBusy"), (_model.AgentStateOf("5001"), _model.AgentStateOf("5002")));
        Assert.Equal("agentReady", _model.AgentStateOf("5003"));
    }

    [Fact]
    public void WrongRequestsGetEcma269Errors()
    {
        static (string, string) Error(SimServiceResult r) => (r.ErrorCategory!, r.ErrorValue!);
        Assert.Equal(("operation", "invalidDeviceID"), Error(_model.SetAgentState("9999", "ready")));
        Assert.Equal(("operation", "invalidObjectType"), Error(_model.SetAgentState("4001", "ready")));
        Assert.Equal(("operation", "invalidAgentState"), Error(_model.SetAgentState("5001", "agentReady")));
        Assert.Equal(("operation", "invalidAgentGroup"), Error(_model.SetAgentState("5030", "loggedOn", "A30", "3001")));
        Assert.Equal(("stateIncompatibility", "invalidObjectState"), Error(_model.SetAgentState("5001", "loggedOn")));
        Assert.Equal(("stateIncompatibility", "invalidObjectState"), Error(_model.SetAgentState("5030", "ready")));
        Assert.Equal(("operation", "invalidAgentIdentifier"), Error(_model.SetAgentState("5001", "notReady", "A5002")));
        Assert.Equal(("operation", "invalidDeviceID"), Error(_model.GetAgentState("12")));
        Assert.Empty(_model.DrainEvents());
    }

    [Fact]
    public async Task AgentEventsAndGetAgentStateOverTcp()
    {
        var server = new CstaSimulatorServer(new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System), new CstaSimulatorOptions { HeartbeatInterval = null }, TimeProvider.System);
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var serverScope = server;
        await using var client = await CstaTestClient.ConnectAsync(server.LocalEndPoint);
        await client.AnswerStartupAsync();
        var station = await client.MonitorAsync(1, "5002");

        await client.SendAsync(2, w => CstaXmlEncoder.WriteSetAgentState(w, CstaDialectFlavour.OsvEd4, "5002", "notReady"));
        Assert.Equal("SetAgentStateResponse", (await client.ExpectResponseAsync<CstaAcknowledgement>(2)).Element);
        var (invokeId, message) = await client.ExpectAsync();
        Assert.Equal(CstaWire.EventInvokeId, invokeId);
        var ev = Assert.IsType<CstaAgentEvent>(message);
        Assert.Equal((CstaAgentEventType.AgentNotReady, station, "5002", "A5002", "4001", CstaNamespaces.Ed4), (ev.Type, ev.MonitorCrossRefId, ev.AgentDevice, ev.AgentId, ev.AcdGroup, ev.Namespace));

        await client.SendAsync(3, w => CstaXmlEncoder.WriteGetAgentState(w, CstaDialectFlavour.OsvEd4, "5002"));
        Assert.Equal([new CstaAgentStateEntry("A5002", true, "agentNotReady", "4001")], (await client.ExpectResponseAsync<CstaGetAgentStateResponse>(3)).Agents);

        await client.SendAsync(4, w => CstaXmlEncoder.WriteSetAgentState(w, CstaDialectFlavour.OsvEd4, "5002", "loggedOn"));
        var error = await client.ExpectResponseAsync<CstaErrorResponse>(4);
        Assert.Equal(("stateIncompatibility", "invalidObjectState"), (error.Category, error.Value));
    }
}
