using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

public sealed class RequestTests
{
    [Fact]
    public async Task RegisterClient_WithoutSwitchLinks_AnswersOneLinkDisconnectedWithNoSwitch()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();
        var register = new TlibMessage(MessageType.RequestRegisterClient) { ReferenceID = 11 };
        register.Set(AttributeId.ApplicationName, "agent-desktop");
        register.Set(AttributeId.ProtocolVersion, TlibWire.ProtocolVersion);

        var reply = await client.RequestAsync(register);

        Assert.Equal(MessageType.EventLinkDisconnected, reply.Type);
        Assert.Equal(11, reply.ReferenceID);
        Assert.Equal((int)ErrorCode.TERR_NO_SWITCH, reply.ErrorCode);
        Assert.Equal("No switch link configured", reply.ErrorMessage);
        Stamps.AssertStamped(reply, server.Server);
        var snapshot = Assert.Single(server.Server.GetClients());
        Assert.Equal("agent-desktop", snapshot.ApplicationName);
        await server.Logs.WaitForAsync(1015, e => e.Message.Contains("agent-desktop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegisterClient_WithSwitchLinks_AnswersOneLinkEventPerLink()
    {
        await using var server = await TestServer.StartAsync();
        server.Server.SetLinkState("tel_sw", connected: true);
        server.Server.SetLinkState("tel_sw_1", connected: false, "CTI link refused");
        await using var client = await server.ConnectAsync();

        await client.SendAsync(new TlibMessage(MessageType.RequestRegisterClient) { ReferenceID = 5 });
        var first = await client.ReceiveAsync();
        var second = await client.ReceiveAsync();

        Assert.Equal(MessageType.EventLinkConnected, first.Type);
        Assert.Equal(5, first.ReferenceID);
        Assert.Equal("tel_sw", first.Extensions!.TryGetValue("switch", out var s1) ? s1.AsString() : null);
        Assert.Equal(MessageType.EventLinkDisconnected, second.Type);
        Assert.Equal(5, second.ReferenceID);
        Assert.Equal("tel_sw_1", second.Extensions!.TryGetValue("switch", out var s2) ? s2.AsString() : null);
        Assert.Equal("CTI link refused", second.ErrorMessage);
        Assert.NotEqual(first.EventSequenceNumber, second.EventSequenceNumber);
    }

    [Fact]
    public async Task RegisterClient_WithAnotherProtocolVersion_IsRefusedWithProtoVers()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();
        var register = new TlibMessage(MessageType.RequestRegisterClient) { ReferenceID = 3 };
        register.Set(AttributeId.ProtocolVersion, "tserver protocol 4.2");

        var reply = await client.RequestAsync(register);

        Assert.Equal(MessageType.EventError, reply.Type);
        Assert.Equal((int)ErrorCode.TERR_PROTO_VERS, reply.ErrorCode);
        Assert.Contains("tserver protocol 4.2", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(TlibWire.ProtocolVersion, reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryServer_ReportsVersionRoleApplicationAndLinks()
    {
        await using var server = await TestServer.StartAsync(o => o.ApplicationName = "gw-east");
        server.Server.Role = ServerRole.Backup;
        server.Server.SetLinkState("tel_sw", connected: true);
        server.Server.SetLinkState("tel_sw_1", connected: false);
        await using var client = await server.ConnectRegisteredAsync();

        var info = await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 21 });

        Assert.Equal(MessageType.EventServerInfo, info.Type);
        Assert.Equal(21, info.ReferenceID);
        Assert.Equal("9.9.9-test", info.GetString(AttributeId.ServerVersion));
        Assert.Equal((int)ServerRole.Backup, info.GetInt(AttributeId.ServerRole));
        Assert.Equal("gw-east", info.GetString(AttributeId.ApplicationName));
        Assert.True(info.Extensions!.TryGetValue("links", out var links));
        var list = links.AsList();
        Assert.Equal("connected", list.TryGetValue("tel_sw", out var a) ? a.AsString() : null);
        Assert.Equal("disconnected", list.TryGetValue("tel_sw_1", out var b) ? b.AsString() : null);
        Stamps.AssertStamped(info, server.Server);
    }

    [Fact]
    public async Task RegisterAndUnregisterAddress_AnswerRegisteredAndUnregistered()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectRegisteredAsync();

        var registered = await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "5001", ReferenceID = 31 });

        Assert.Equal(MessageType.EventRegistered, registered.Type);
        Assert.Equal("5001", registered.ThisDN);
        Assert.Equal(31, registered.ReferenceID);
        Assert.Equal((int)AddressInfoType.AddressType, registered.GetInt(AttributeId.AddressInfoType));
        Assert.Equal("idle", registered.Extensions!.TryGetValue("status", out var status) ? status.AsString() : null);
        Assert.Equal(1, registered.Extensions!.TryGetValue("registered-clients", out var count) ? count.AsInt() : -1);
        Stamps.AssertStamped(registered, server.Server);
        Assert.Equal(["5001"], Assert.Single(server.Server.GetClients()).RegisteredDNs);

        var unregistered = await client.RequestAsync(new TlibMessage(MessageType.RequestUnregisterAddress) { ThisDN = "5001", ReferenceID = 32 });

        Assert.Equal(MessageType.EventUnregistered, unregistered.Type);
        Assert.Equal("5001", unregistered.ThisDN);
        Assert.Equal(32, unregistered.ReferenceID);
        Assert.Empty(Assert.Single(server.Server.GetClients()).RegisteredDNs);
        Assert.Equal(0, server.Server.RegisteredDnCount);
    }

    [Fact]
    public async Task RegisterAddress_CountsEveryClientOnTheDn()
    {
        await using var server = await TestServer.StartAsync();
        await using var first = await server.ConnectOnDnAsync("5002");
        await using var second = await server.ConnectRegisteredAsync();

        var registered = await second.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "5002" });

        Assert.Equal(2, registered.Extensions!.TryGetValue("registered-clients", out var count) ? count.AsInt() : -1);
    }

    [Fact]
    public async Task UnregisterAddress_OfADnTheClientDidNotRegister_IsNotRegistered()
    {
        await using var server = await TestServer.StartAsync();
        await using var other = await server.ConnectOnDnAsync("5003");
        await using var client = await server.ConnectRegisteredAsync();

        var reply = await client.RequestAsync(new TlibMessage(MessageType.RequestUnregisterAddress) { ThisDN = "5003", ReferenceID = 41 });

        Assert.Equal(MessageType.EventError, reply.Type);
        Assert.Equal((int)ErrorCode.TERR_NOT_REGISTERED, reply.ErrorCode);
        Assert.Equal(41, reply.ReferenceID);
        Assert.Contains("5003", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Missing attribute ThisDN")]
    [InlineData("", "Invalid attribute ThisDN")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345", "Invalid attribute ThisDN")]
    [InlineData("50\u000701", "Invalid attribute ThisDN")]
    public async Task RegisterAddress_WithoutAValidThisDN_IsInvalidAttrNamingThisDN(string? dn, string expected)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectRegisteredAsync();

        var reply = await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = dn, ReferenceID = 51 });

        Assert.Equal(MessageType.EventError, reply.Type);
        Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, reply.ErrorCode);
        Assert.Equal(51, reply.ReferenceID);
        Assert.StartsWith(expected, reply.ErrorMessage, StringComparison.Ordinal);
        Stamps.AssertStamped(reply, server.Server);
    }

    [Fact]
    public async Task QueryAddress_DnStatus_IsAnsweredLocally()
    {
        await using var server = await TestServer.StartAsync();
        await using var watcher = await server.ConnectOnDnAsync("5004");
        await using var client = await server.ConnectRegisteredAsync();
        var query = new TlibMessage(MessageType.RequestQueryAddress) { ThisDN = "5004", ReferenceID = 61 };
        query.Set(AttributeId.AddressInfoType, (int)AddressInfoType.DNStatus);

        var info = await client.RequestAsync(query);

        Assert.Equal(MessageType.EventAddressInfo, info.Type);
        Assert.Equal("5004", info.ThisDN);
        Assert.Equal(61, info.ReferenceID);
        Assert.Equal((int)AddressInfoType.DNStatus, info.GetInt(AttributeId.AddressInfoType));
        Assert.Equal((int)AddressStatusInfoType.Idle, info.GetInt(AttributeId.AddressInfoStatus));
        Assert.Equal(1, info.Extensions!.TryGetValue("registered-clients", out var count) ? count.AsInt() : -1);
        Stamps.AssertStamped(info, server.Server);
    }

    [Fact]
    public async Task QueryAddress_OtherInfoTypes_NeedTheSwitch()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectRegisteredAsync();
        var query = new TlibMessage(MessageType.RequestQueryAddress) { ThisDN = "5005", ReferenceID = 62 };
        query.Set(AttributeId.AddressInfoType, (int)AddressInfoType.AgentStatus);
        var missing = new TlibMessage(MessageType.RequestQueryAddress) { ThisDN = "5005", ReferenceID = 63 };

        var noSwitch = await client.RequestAsync(query);
        var invalid = await client.RequestAsync(missing);

        Assert.Equal((int)ErrorCode.TERR_NO_SWITCH, noSwitch.ErrorCode);
        Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, invalid.ErrorCode);
        Assert.Contains("AddressInfoType", invalid.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetInputMask_FiltersUnsolicitedEventsButNeverResponses()
    {
        await using var server = await TestServer.StartAsync();
        await using var masked = await server.ConnectOnDnAsync("7001");
        await using var plain = await server.ConnectOnDnAsync("7001");
        await using var sender = await server.ConnectRegisteredAsync();

        // Every bit clear: unsolicited events stop, but the ACK and later responses still arrive.
        var setMask = new TlibMessage(MessageType.RequestSetInputMask) { ReferenceID = 71 };
        setMask.Set(AttributeId.InputMask, new TlibMask());
        var ack = await masked.RequestAsync(setMask);
        Assert.Equal(MessageType.EventACK, ack.Type);
        Assert.Equal((int)MessageType.RequestSetInputMask, ack.GetInt(AttributeId.UserEvent));

        var distribute = new TlibMessage(MessageType.RequestDistributeUserEvent) { ThisDN = "7001" };
        Assert.Equal(MessageType.EventACK, (await sender.RequestAsync(distribute)).Type);

        // The fan-out was queued before the sender's ACK, so the masked client's next message is its own response.
        var next = await masked.RequestAsync(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 72 });
        Assert.Equal(MessageType.EventServerInfo, next.Type);
        Assert.Empty(masked.Unsolicited);
        Assert.Equal(MessageType.EventUserEvent, (await plain.ReceiveAsync()).Type);

        // Setting the EventUserEvent bit lets it through again.
        var open = new TlibMessage(MessageType.RequestSetInputMask);
        open.Set(AttributeId.InputMask, new TlibMask().Set(MessageType.EventUserEvent));
        await masked.RequestAsync(open);
        await sender.RequestAsync(new TlibMessage(MessageType.RequestDistributeUserEvent) { ThisDN = "7001" });
        Assert.Equal(MessageType.EventUserEvent, (await masked.ReceiveAsync()).Type);
    }

    [Fact]
    public async Task SetInputMask_WithoutTheMask_IsInvalidAttr()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectRegisteredAsync();

        var reply = await client.RequestAsync(new TlibMessage(MessageType.RequestSetInputMask) { ReferenceID = 73 });

        Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, reply.ErrorCode);
        Assert.StartsWith("Missing attribute InputMask", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DistributeUserEvent_ReachesEveryRegisteredClientWithOneSequenceNumber_AndAcksTheSender()
    {
        await using var server = await TestServer.StartAsync();
        var receivers = new List<TestClient>();
        for (var i = 0; i < 6; i++)
        {
            receivers.Add(await server.ConnectOnDnAsync("6001"));
        }

        await using var bystander = await server.ConnectOnDnAsync("6002");
        await using var sender = await server.ConnectRegisteredAsync();
        var request = new TlibMessage(MessageType.RequestDistributeUserEvent)
        {
            ReferenceID = 81,
            ThisDN = "9999",
            UserData = new KeyValueList().Add("Customer", "Gold").Add("Priority", 5),
            Extensions = new KeyValueList().Add("origin", "crm"),
            ConnID = new ConnId(0x00c0ffee_00000001),
        };
        request.Set(AttributeId.CommunicationDN, "6001");
        request.Set(AttributeId.CustomerID, "acme");

        var ack = await sender.RequestAsync(request);

        Assert.Equal(MessageType.EventACK, ack.Type);
        Assert.Equal(81, ack.ReferenceID);
        Assert.Equal((int)MessageType.RequestDistributeUserEvent, ack.GetInt(AttributeId.UserEvent));
        Stamps.AssertStamped(ack, server.Server);
        var events = new List<TlibMessage>();
        foreach (var r in receivers)
        {
            events.Add(await r.ReceiveAsync());
        }

        Assert.All(events, e =>
        {
            Assert.Equal(MessageType.EventUserEvent, e.Type);
            Assert.Equal("6001", e.ThisDN);
            Assert.Equal(request.UserData, e.UserData);
            Assert.Equal(request.Extensions, e.Extensions);
            Assert.Equal("acme", e.GetString(AttributeId.CustomerID));
            Assert.Equal(request.ConnID, e.ConnID);
            Stamps.AssertStamped(e, server.Server);
        });
        Assert.Single(events.Select(e => e.EventSequenceNumber).Distinct());
        Assert.True(events[0].EventSequenceNumber < ack.EventSequenceNumber);

        // The bystander on another DN got nothing: its next message is the answer to its own query.
        Assert.Equal(MessageType.EventServerInfo, (await bystander.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
        Assert.Empty(bystander.Unsolicited);
        foreach (var r in receivers)
        {
            await r.DisposeAsync();
        }
    }

    [Fact]
    public async Task DistributeUserEvent_WithoutAnyDn_IsInvalidAttrNamingThisDN()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectRegisteredAsync();

        var reply = await client.RequestAsync(new TlibMessage(MessageType.RequestDistributeUserEvent) { ReferenceID = 91 });

        Assert.Equal(MessageType.EventError, reply.Type);
        Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, reply.ErrorCode);
        Assert.Equal(91, reply.ReferenceID);
        Assert.StartsWith("Missing attribute ThisDN", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedRequest_UnknownIdAndClientSentEvent_AreUnsupOper_AndTheConnectionStaysOpen()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectRegisteredAsync();

        var unsupported = await client.RequestAsync(new TlibMessage(MessageType.RequestTransactionMonitoring) { ReferenceID = 101 });
        var unknown = await client.RequestAsync(new TlibMessage((MessageType)200) { ReferenceID = 102 });
        var evt = await client.RequestAsync(new TlibMessage(MessageType.EventRinging) { ReferenceID = 103 });
        var after = await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 104 });

        Assert.Equal((MessageType.EventError, (int)ErrorCode.TERR_UNSUP_OPER, 101), (unsupported.Type, unsupported.ErrorCode!.Value, unsupported.ReferenceID!.Value));
        Assert.Equal((MessageType.EventError, (int)ErrorCode.TERR_UNSUP_OPER, 102), (unknown.Type, unknown.ErrorCode!.Value, unknown.ReferenceID!.Value));
        Assert.Contains("200", unknown.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal((MessageType.EventError, (int)ErrorCode.TERR_UNSUP_OPER, 103), (evt.Type, evt.ErrorCode!.Value, evt.ReferenceID!.Value));
        Assert.Contains("EventRinging", evt.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(MessageType.EventServerInfo, after.Type);
    }

    [Fact]
    public async Task AttributeOfTheWrongType_IsInvalidAttrNamingTheAttribute()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectRegisteredAsync();
        var bad = new TlibMessage(MessageType.RequestRegisterAddress) { ReferenceID = 111 };
        bad.Set(AttributeId.ThisDN, 5001);

        var reply = await client.RequestAsync(bad);

        Assert.Equal(MessageType.EventError, reply.Type);
        Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, reply.ErrorCode);
        Assert.Equal(111, reply.ReferenceID);
        Assert.StartsWith("Invalid attribute ThisDN: ", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(MessageType.EventServerInfo, (await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
    }

    [Fact]
    public async Task SwitchRequest_WithoutAConnectedLink_IsNoSwitch()
    {
        await using var server = await TestServer.StartAsync();
        server.Server.SetLinkState("tel_sw", connected: false, "link down");
        await using var client = await server.ConnectRegisteredAsync();

        var reply = await client.RequestAsync(new TlibMessage(MessageType.RequestMakeCall) { ReferenceID = 121, ThisDN = "5001", OtherDN = "5002" });
        var agent = await client.RequestAsync(new TlibMessage(MessageType.RequestAgentReady) { ReferenceID = 122, ThisDN = "5001" });

        Assert.Equal((MessageType.EventError, (int)ErrorCode.TERR_NO_SWITCH, 121), (reply.Type, reply.ErrorCode!.Value, reply.ReferenceID!.Value));
        Assert.Contains("RequestMakeCall", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal((int)ErrorCode.TERR_NO_SWITCH, agent.ErrorCode);
    }

    [Fact]
    public async Task SwitchRequest_WithAConnectedLink_IsUnsupOperUntilRequestsReachTheSwitch()
    {
        await using var server = await TestServer.StartAsync();
        server.Server.SetLinkState("tel_sw", connected: true);
        await using var client = await server.ConnectRegisteredAsync();

        var reply = await client.RequestAsync(new TlibMessage(MessageType.RequestMakeCall) { ReferenceID = 131, ThisDN = "5001", OtherDN = "5002" });

        Assert.Equal((int)ErrorCode.TERR_UNSUP_OPER, reply.ErrorCode);
        Assert.Equal(131, reply.ReferenceID);
    }
}
