using System.Net;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator.Tests;

/// <summary>Consultation and transfer through <see cref="CstaSimulatorServer"/> on 127.0.0.1, with a CtiGateway.Pbx client.</summary>
public sealed class CallControlOverTcpTests
{
    [Fact]
    public async Task ConsultationCallThenTransferCallOverTcp()
    {
        var server = new CstaSimulatorServer(new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System), new CstaSimulatorOptions { HeartbeatInterval = null }, TimeProvider.System);
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var serverScope = server;
        await using var client = await CstaTestClient.ConnectAsync(server.LocalEndPoint);
        await client.AnswerStartupAsync();
        var a = await client.MonitorAsync(1, "5001");
        var b = await client.MonitorAsync(2, "5002");
        var c = await client.MonitorAsync(3, "5003");

        await client.SendAsync(4, w => CstaXmlEncoder.WriteMakeCall(w, CstaDialectFlavour.OsvEd4, "5001", "5002"));
        var original = (await client.ExpectResponseAsync<CstaMakeCallResponse>(4)).CallingDevice;
        for (var i = 0; i < 4; i++)
        {
            await client.ExpectEventAsync();
        }

        await client.SendAsync(5, w => CstaXmlEncoder.WriteAnswerCall(w, CstaDialectFlavour.OsvEd4, new CstaConnectionId(original.CallId, "5002")));
        Assert.Equal("AnswerCallResponse", (await client.ExpectResponseAsync<CstaAcknowledgement>(5)).Element);
        await client.ExpectEventAsync();
        await client.ExpectEventAsync();

        await client.SendAsync(6, w => CstaXmlEncoder.WriteConsultationCall(w, CstaDialectFlavour.OsvEd4, original, "5003"));
        var consultResponse = await client.ExpectResponseAsync<CstaConsultationCallResponse>(6);
        var consultation = new List<CstaCallEvent>();
        for (var i = 0; i < 6; i++)
        {
            consultation.Add(await client.ExpectEventAsync());
        }

        Assert.Equal(
            [
                (CstaEventType.Held, a, "hold"),
                (CstaEventType.Held, b, "connected"),
                (CstaEventType.ServiceInitiated, a, "initiated"),
                (CstaEventType.Originated, a, "connected"),
                (CstaEventType.Delivered, a, "connected"),
                (CstaEventType.Delivered, c, "alerting"),
            ],
            consultation.Select(e => (e.Type, e.MonitorCrossRefId, e.LocalConnectionInfo!)));
        var consulting = consultation[2].Connection;
        Assert.Equal(consulting, consultResponse.InitiatedCall);
        Assert.Equal("5001", consulting.DeviceId);
        Assert.NotEqual(original.CallId, consulting.CallId);

        await client.SendAsync(7, w => CstaXmlEncoder.WriteAnswerCall(w, CstaDialectFlavour.OsvEd4, consultation[5].Connection));
        Assert.Equal("AnswerCallResponse", (await client.ExpectResponseAsync<CstaAcknowledgement>(7)).Element);
        await client.ExpectEventAsync();
        await client.ExpectEventAsync();

        await client.SendAsync(8, w => CstaXmlEncoder.WriteTransferCall(w, CstaDialectFlavour.OsvEd4, original, consulting));
        var transferResponse = await client.ExpectResponseAsync<CstaTransferCallResponse>(8);
        var transfered = new[] { await client.ExpectEventAsync(), await client.ExpectEventAsync(), await client.ExpectEventAsync() };
        Assert.Equal(
            [(a, "null"), (b, "connected"), (c, "connected")],
            transfered.Select(e => (e.MonitorCrossRefId, e.LocalConnectionInfo!)));
        Assert.All(transfered, e =>
        {
            Assert.Equal((CstaEventType.Transfered, original, consulting, "5001", "5003", "transfer"), (e.Type, e.Connection, e.SecondaryOldCall!.Value, e.SubjectDevice, e.OtherDevice, e.Cause));
            Assert.Equal(
                [("5002", original.CallId), ("5003", consulting.CallId)],
                e.Connections.Select(i => (i.Endpoint!, i.OldConnection!.Value.CallId)));
        });
        var newCallId = transfered[0].Connections[0].NewConnection!.Value.CallId;
        Assert.Equal(("TransferCallResponse", new CstaConnectionId(newCallId, "5002")), (transferResponse.Element, transferResponse.TransferredCall));
        Assert.Equal(transfered[0].Connections, transferResponse.Connections);

        // The transferred parties talk in the new call; clearing one ends it for both.
        await client.SendAsync(9, w => CstaXmlEncoder.WriteClearConnection(w, CstaDialectFlavour.OsvEd4, new CstaConnectionId(newCallId, "5002")));
        Assert.Equal("ClearConnectionResponse", (await client.ExpectResponseAsync<CstaAcknowledgement>(9)).Element);
        var cleared = new List<CstaCallEvent>();
        for (var i = 0; i < 3; i++)
        {
            cleared.Add(await client.ExpectEventAsync());
        }

        Assert.All(cleared, e => Assert.Equal((CstaEventType.ConnectionCleared, newCallId), (e.Type, e.Connection.CallId)));
        Assert.Equal(
            [(b, "5002", "null"), (c, "5002", "connected"), (c, "5003", "null")],
            cleared.Select(e => (e.MonitorCrossRefId, e.Connection.DeviceId, e.LocalConnectionInfo!)));
        Assert.Equal(0, server.Invoke(m => m.CallCount));
    }

    [Fact]
    public async Task DeflectCallThenSingleStepTransferCallOverTcp()
    {
        var server = new CstaSimulatorServer(new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System), new CstaSimulatorOptions { HeartbeatInterval = null }, TimeProvider.System);
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        await using var serverScope = server;
        await using var client = await CstaTestClient.ConnectAsync(server.LocalEndPoint);
        await client.AnswerStartupAsync();
        var a = await client.MonitorAsync(1, "5001");
        var b = await client.MonitorAsync(2, "5002");
        var c = await client.MonitorAsync(3, "5003");
        await client.SendAsync(4, w => CstaXmlEncoder.WriteMakeCall(w, CstaDialectFlavour.OsvEd4, "5001", "5002"));
        var callId = (await client.ExpectResponseAsync<CstaMakeCallResponse>(4)).CallingDevice.CallId;
        for (var i = 0; i < 4; i++)
        {
            await client.ExpectEventAsync();
        }

        await client.SendAsync(5, w => CstaXmlEncoder.WriteDeflectCall(w, CstaDialectFlavour.OsvEd4, new CstaConnectionId(callId, "5002"), "5003"));
        Assert.Equal("DeflectCallResponse", (await client.ExpectResponseAsync<CstaAcknowledgement>(5)).Element);
        var deflected = new List<CstaCallEvent>();
        for (var i = 0; i < 4; i++)
        {
            deflected.Add(await client.ExpectEventAsync());
        }

        Assert.Equal(
            [
                (CstaEventType.Diverted, a, "connected", "redirected"),
                (CstaEventType.Diverted, b, "null", "redirected"),
                (CstaEventType.Delivered, a, "connected", "redirected"),
                (CstaEventType.Delivered, c, "alerting", "redirected"),
            ],
            deflected.Select(e => (e.Type, e.MonitorCrossRefId, e.LocalConnectionInfo!, e.Cause!)));
        Assert.Equal(("5002", "5003"), (deflected[0].SubjectDevice, deflected[0].OtherDevice));
        Assert.Equal("5002", deflected[3].LastRedirectionDevice);

        await client.SendAsync(6, w => CstaXmlEncoder.WriteAnswerCall(w, CstaDialectFlavour.OsvEd4, deflected[3].Connection));
        Assert.Equal("AnswerCallResponse", (await client.ExpectResponseAsync<CstaAcknowledgement>(6)).Element);
        await client.ExpectEventAsync();
        await client.ExpectEventAsync();

        await client.SendAsync(7, w => CstaXmlEncoder.WriteSingleStepTransferCall(w, CstaDialectFlavour.OsvEd4, deflected[3].Connection, "5004"));
        var sstResponse = await client.ExpectResponseAsync<CstaTransferCallResponse>(7);
        Assert.Equal(("SingleStepTransferCallResponse", new CstaConnectionId(callId, "5004")), (sstResponse.Element, sstResponse.TransferredCall));
        Assert.Equal(["5001", "5004"], sstResponse.Connections.Select(i => i.Endpoint!));
        var transfered = new[] { await client.ExpectEventAsync(), await client.ExpectEventAsync(), await client.ExpectEventAsync() };
        Assert.Equal(
            [
                (CstaEventType.Transfered, c, "null", "singleStepTransfer"),
                (CstaEventType.Transfered, a, "connected", "singleStepTransfer"),
                (CstaEventType.Delivered, a, "connected", "singleStepTransfer"),
            ],
            transfered.Select(e => (e.Type, e.MonitorCrossRefId, e.LocalConnectionInfo!, e.Cause!)));
        Assert.Equal(("5003", "5004"), (transfered[0].SubjectDevice, transfered[0].OtherDevice));
        Assert.Equal(new CstaConnectionId(callId, "5004"), transfered[2].Connection);

        await client.SendAsync(8, w => CstaXmlEncoder.WriteSingleStepTransferCall(w, CstaDialectFlavour.OsvEd4, new CstaConnectionId(callId, "5001"), "1234"));
        Assert.Equal("invalidDestination", (await client.ExpectResponseAsync<CstaErrorResponse>(8)).Value);
    }
}
