using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

/// <summary>
/// Issue 10 item 4 (RequestQueryLocation, RequestQuerySwitch) and item 5 (EventACK for TSendEvent / TSendEventEx,
/// RequestDistributeEvent), answered by the server from its own state.
/// </summary>
public sealed class LocationAndSwitchQueryTests
{
    [Fact]
    public async Task QueryLocation_AllLocations_ListsEverySwitchWithItsLinkState()
    {
        await using var server = await TestServer.StartAsync();
        server.Server.SetLinkState("tel_sw", connected: true);
        server.Server.SetLinkState("tel_sw_1", connected: false, "CTI link refused");
        await using var client = await server.ConnectRegisteredAsync();

        var query = new TlibMessage(MessageType.RequestQueryLocation) { ReferenceID = 21 };
        query.Set(AttributeId.LocationInfoType, (int)LocationInfoType.AllLocations);
        var info = await client.RequestAsync(query);

        Assert.Equal(MessageType.EventLocationInfo, info.Type);
        Assert.Equal(21, info.ReferenceID);
        Assert.Equal((int)LocationInfoType.AllLocations, info.GetInt(AttributeId.LocationInfoType));
        var locations = info.Extensions!;
        Assert.Equal(["tel_sw", "tel_sw_1"], locations.Select(l => l.Key));
        Assert.Equal("connected", State(locations, "tel_sw"));
        Assert.Equal("disconnected", State(locations, "tel_sw_1"));
    }

    [Fact]
    public async Task QueryLocation_LocationData_AnswersOneSwitch_AndAnUnknownOneIsNotConfigured()
    {
        await using var server = await TestServer.StartAsync();
        server.Server.SetLinkState("tel_sw", connected: true);
        server.Server.SetLinkState("tel_sw_1", connected: true);
        await using var client = await server.ConnectRegisteredAsync();

        var one = new TlibMessage(MessageType.RequestQueryLocation) { ReferenceID = 22 };
        one.Set(AttributeId.LocationInfoType, (int)LocationInfoType.LocationData);
        one.Set(AttributeId.Location, "tel_sw_1");
        var info = await client.RequestAsync(one);
        Assert.Equal(MessageType.EventLocationInfo, info.Type);
        Assert.Equal("tel_sw_1", info.GetString(AttributeId.Location));
        Assert.Equal(["tel_sw_1"], info.Extensions!.Select(l => l.Key));

        var unknown = new TlibMessage(MessageType.RequestQueryLocation) { ReferenceID = 23 };
        unknown.Set(AttributeId.LocationInfoType, (int)LocationInfoType.LocationData);
        unknown.Set(AttributeId.Location, "paris");
        var error = await client.RequestAsync(unknown);
        Assert.Equal((MessageType.EventError, (int)ErrorCode.TERR_NOT_CONFIGURED, 23), (error.Type, error.ErrorCode!.Value, error.ReferenceID!.Value));
        Assert.Contains("'paris' is not a switch of this gateway (known: tel_sw, tel_sw_1)", error.ErrorMessage, StringComparison.Ordinal);

        var missing = new TlibMessage(MessageType.RequestQueryLocation) { ReferenceID = 24 };
        missing.Set(AttributeId.LocationInfoType, (int)LocationInfoType.LocationData);
        Assert.StartsWith("Missing attribute Location", (await client.RequestAsync(missing)).ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LocationInfoType.MonitorAllLocations, ErrorCode.TERR_UNSUP_OPER, "MonitorAllLocations")]
    [InlineData((LocationInfoType)42, ErrorCode.TERR_INVALID_ATTR, "42 is not a location info type")]
    public async Task QueryLocation_OtherInfoTypes_AreRefusedNamingTheType(LocationInfoType type, ErrorCode code, string text)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectRegisteredAsync();
        var query = new TlibMessage(MessageType.RequestQueryLocation) { ReferenceID = 25 };
        query.Set(AttributeId.LocationInfoType, (int)type);

        var error = await client.RequestAsync(query);

        Assert.Equal((MessageType.EventError, (int)code), (error.Type, error.ErrorCode!.Value));
        Assert.Contains(text, error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuerySwitch_DateTime_GivesTheClockInTimeStamp()
    {
        var time = new VirtualTimeProvider();
        await using var server = await TestServer.StartAsync(time: time);
        await using var client = await server.ConnectRegisteredAsync();
        time.Advance(TimeSpan.FromSeconds(90.5));
        var query = new TlibMessage(MessageType.RequestQuerySwitch) { ReferenceID = 31 };
        query.Set(AttributeId.SwitchInfoType, (int)SwitchInfoType.DateTime);

        var info = await client.RequestAsync(query);

        Assert.Equal(MessageType.EventSwitchInfo, info.Type);
        Assert.Equal(31, info.ReferenceID);
        var expected = TlibTime.FromDateTimeOffset(time.GetUtcNow());
        Assert.True(info.TryGet(AttributeId.TimeStamp, out var switchTime));
        Assert.Equal(expected, switchTime.AsTime());
        Assert.Equal(500_000, switchTime.AsTime().Microseconds);

        var classifier = new TlibMessage(MessageType.RequestQuerySwitch) { ReferenceID = 32 };
        classifier.Set(AttributeId.SwitchInfoType, (int)SwitchInfoType.ClassifierStat);
        var error = await client.RequestAsync(classifier);
        Assert.Equal((int)ErrorCode.TERR_UNSUP_OPER, error.ErrorCode);
        Assert.Contains("ClassifierStat", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DistributeEvent_CarriesEveryAttributeToTheDnsClients_AndAcksTheSender()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await server.ConnectOnDnAsync("6001");
        await using var sender = await server.ConnectRegisteredAsync();
        var request = new TlibMessage(MessageType.RequestDistributeEvent)
        {
            ReferenceID = 41,
            ThisDN = "6001",
            UserData = new KeyValueList().Add("Customer", "Gold"),
            Extensions = new KeyValueList().Add("origin", "wallboard"),
            OtherDN = "7001",
        };
        request.Set(AttributeId.UserEvent, (int)MessageType.EventUserEvent);

        var ack = await sender.RequestAsync(request);

        Assert.Equal(MessageType.EventACK, ack.Type);
        Assert.Equal(41, ack.ReferenceID);
        Assert.Equal((int)MessageType.RequestDistributeEvent, ack.GetInt(AttributeId.UserEvent));
        var evt = await receiver.ReceiveAsync();
        Assert.Equal(MessageType.EventUserEvent, evt.Type);
        Assert.Equal("6001", evt.ThisDN);
        Assert.Equal("7001", evt.OtherDN);
        Assert.Equal("Gold", evt.UserData![0].Value.AsString());
        Assert.Equal("wallboard", evt.Extensions![0].Value.AsString());
        Assert.Null(evt.ReferenceID);
        Assert.False(evt.Has(AttributeId.UserEvent));
    }

    [Fact]
    public async Task DistributeEvent_OfATelephonyEvent_IsRefused()
    {
        await using var server = await TestServer.StartAsync();
        await using var receiver = await server.ConnectOnDnAsync("6001");
        await using var sender = await server.ConnectRegisteredAsync();
        var forged = new TlibMessage(MessageType.RequestDistributeEvent) { ReferenceID = 42, ThisDN = "6001" };
        forged.Set(AttributeId.UserEvent, (int)MessageType.EventRinging);

        var error = await sender.RequestAsync(forged);

        Assert.Equal((MessageType.EventError, (int)ErrorCode.TERR_INVALID_ATTR, 42), (error.Type, error.ErrorCode!.Value, error.ReferenceID!.Value));
        Assert.Contains("EventRinging", error.ErrorMessage, StringComparison.Ordinal);
        var next = await receiver.RequestAsync(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 43 });
        Assert.Equal(MessageType.EventServerInfo, next.Type);
        Assert.Empty(receiver.Unsolicited);
    }

    private static string? State(KeyValueList locations, string name)
    {
        Assert.True(locations.TryGetValue(name, out var value), $"location {name} listed");
        return value.Type == KeyValueType.List && value.AsList().TryGetValue("state", out var state) ? state.AsString() : null;
    }
}
