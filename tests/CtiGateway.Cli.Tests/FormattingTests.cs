namespace CtiGateway.Cli.Tests;

public sealed class FormattingTests
{
    private static TlibMessage Ringing() => new TlibMessage(MessageType.EventRinging)
        .Set(AttributeId.ThisDN, "5001")
        .Set(AttributeId.ConnID, 0x006b012a3c4d5e6fL)
        .Set(AttributeId.CallType, (int)CallType.Inbound)
        .Set(AttributeId.CallState, (int)CallState.Ok)
        .Set(AttributeId.ThisDNRole, (int)DNRole.Destination)
        .Set(AttributeId.OtherDN, "5002")
        .Set(AttributeId.UserData, new KeyValueList()
            .Add("Priority", 5)
            .Add("Customer", new KeyValueList().Add("Tier", "Gold").Add("Name", "Ann Lee"))
            .Add("Photo", new byte[] { 1, 2, 3 }))
        .Set(AttributeId.EventSequenceNumber, 42L);

    [Fact]
    public void TextFormOfEventRingingWithNestedUserData() => Assert.Equal(
        "EventRinging ThisDN=5001 ConnID=006b012a3c4d5e6f CallType=Inbound CallState=Ok ThisDNRole=Destination OtherDN=5002 "
        + "UserData.Priority:int=5 UserData.Customer.Tier=Gold UserData.Customer.Name=\"Ann Lee\" UserData.Photo:bin=AQID EventSequenceNumber=42",
        EventTextFormatter.Format(Ringing()));

    [Fact]
    public void JsonFormOfEventRingingWithNestedUserData() => Assert.Equal(
        """{"Event":"EventRinging","ThisDN":"5001","ConnID":"006b012a3c4d5e6f","CallType":2,"CallState":0,"ThisDNRole":2,"OtherDN":"5002","UserData":{"Priority":5,"Customer":{"Tier":"Gold","Name":"Ann Lee"},"Photo":"AQID"},"EventSequenceNumber":42}""",
        EventJsonFormatter.Format(Ringing()));

    [Fact]
    public void EveryConnIdTypedAttributeIsSixteenHexDigits()
    {
        var e = new TlibMessage(MessageType.EventReleased)
            .Set(AttributeId.PreviousConnID, 1L)
            .Set(AttributeId.TransferConnID, -1L)
            .Set(AttributeId.ConferenceConnID, 0xabcL)
            .Set(AttributeId.CallID, 77L);

        Assert.Equal("EventReleased PreviousConnID=0000000000000001 TransferConnID=ffffffffffffffff ConferenceConnID=0000000000000abc CallID=77", EventTextFormatter.Format(e));
        Assert.Equal("""{"Event":"EventReleased","PreviousConnID":"0000000000000001","TransferConnID":"ffffffffffffffff","ConferenceConnID":"0000000000000abc","CallID":77}""", EventJsonFormatter.Format(e));
    }

    [Fact]
    public void ErrorCodeStaysANumberAndQuotedTextIsEscaped()
    {
        var error = new TlibMessage(MessageType.EventError) { ReferenceID = 7, ErrorCode = 41, ErrorMessage = "Client hadn't register \"DN\"" };

        Assert.Equal("EventError ReferenceID=7 ErrorCode=41 ErrorMessage=\"Client hadn't register \\\"DN\\\"\"", EventTextFormatter.Format(error));
        Assert.Equal("""{"Event":"EventError","ReferenceID":7,"ErrorCode":41,"ErrorMessage":"Client hadn't register \"DN\""}""", EventJsonFormatter.Format(error));
    }

    [Fact]
    public void MasksTimesEmptyValuesAndUnknownEnumValues()
    {
        var e = new TlibMessage(MessageType.EventServerInfo)
            .Set(AttributeId.ServerCapabilityMask, new TlibMask().Set(MessageType.RequestMakeCall).Set(MessageType.RequestAnswerCall))
            .Set(AttributeId.InputMask, TlibMask.All())
            .Set(AttributeId.ServerStartTime, new TlibTime(1_769_860_800, 500_000))
            .Set(AttributeId.ServerVersion, string.Empty)
            .Set(AttributeId.CallType, 99)
            .Set(AttributeId.Extensions, new KeyValueList());

        Assert.Equal(
            "EventServerInfo ServerCapabilityMask=RequestMakeCall,RequestAnswerCall InputMask=all ServerStartTime=2026-01-31T12:00:00.500000Z ServerVersion=\"\" CallType=99 Extensions={}",
            EventTextFormatter.Format(e));
        var json = EventJsonFormatter.Format(e);
        Assert.Contains("\"InputMask\":\"" + new string('f', 128) + "\"", json, StringComparison.Ordinal);
        Assert.Contains("\"ServerStartTime\":\"2026-01-31T12:00:00.500000Z\",\"ServerVersion\":\"\",\"CallType\":99,\"Extensions\":{}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerInfoReportReadsVersionRoleAndLinks()
    {
        var info = new TlibMessage(MessageType.EventServerInfo)
            .Set(AttributeId.ServerVersion, "0.1.0")
            .Set(AttributeId.ServerRole, (int)ServerRole.Backup)
            .Set(AttributeId.Extensions, new KeyValueList().Add("links", new KeyValueList().Add("tel_sw", "connected").Add("tel_sw_1", "disconnected")));

        var report = ServerInfoReport.From(info);

        Assert.Equal("version: 0.1.0\nrole: backup\nlink tel_sw: connected\nlink tel_sw_1: disconnected\n", report.ToText().ReplaceLineEndings("\n"));
        Assert.Equal("""{"version":"0.1.0","role":"backup","links":{"tel_sw":"connected","tel_sw_1":"disconnected"}}""", report.ToJson());
        Assert.Equal("version: 0.1.0\nrole: primary\nlinks: none\n",
            ServerInfoReport.From(new TlibMessage(MessageType.EventServerInfo).Set(AttributeId.ServerVersion, "0.1.0").Set(AttributeId.ServerRole, 0)).ToText().ReplaceLineEndings("\n"));
    }
}
