namespace CtiGateway.Cli.Tests;

public sealed class AttributeArgumentsTests
{
    [Fact]
    public void ContractExampleMakeCall()
    {
        var request = AttributeArguments.BuildRequest("RequestMakeCall", ["ThisDN=5001", "OtherDN=5002"]);

        Assert.Equal(MessageType.RequestMakeCall, request.Type);
        Assert.Equal("5001", request.ThisDN);
        Assert.Equal("5002", request.OtherDN);
        Assert.Equal(2, request.Count);
    }

    [Fact]
    public void MessageNamesAreCaseInsensitive() =>
        Assert.Equal(MessageType.RequestQueryServer, AttributeArguments.BuildRequest("requestqueryserver", []).Type);

    [Fact]
    public void UserDataValuesAreStringsUnlessSuffixed()
    {
        var request = AttributeArguments.BuildRequest("RequestMakeCall", ["UserData.Priority:int=5", "UserData.Photo:bin=AQID", "UserData.Note=5", "UserData.Forced:str=x"]);

        var userData = request.UserData!;
        Assert.Equal(KeyValue.FromInt(5), userData[0].Value);
        Assert.Equal("Priority", userData[0].Key);
        Assert.Equal(KeyValue.FromBinary([1, 2, 3]), userData[1].Value);
        Assert.Equal(KeyValue.FromString("5"), userData[2].Value);
        Assert.Equal(KeyValue.FromString("x"), userData[3].Value);
    }

    [Fact]
    public void FurtherDotsNestLists()
    {
        var request = AttributeArguments.BuildRequest("RequestAttachUserData", ["UserData.Customer.Tier=Gold", "UserData.Customer.Name=Ann", "UserData.Customer.Address.City:str=Bern"]);

        var customer = Assert.Single(request.UserData!).Value.AsList();
        Assert.Equal("Gold", customer[0].Value.AsString());
        Assert.Equal("Ann", customer[1].Value.AsString());
        Assert.Equal("Bern", customer[2].Value.AsList()[0].Value.AsString());
    }

    [Fact]
    public void ReasonsAndExtensionsWorkTheSameWay()
    {
        var request = AttributeArguments.BuildRequest("RequestAgentNotReady", ["ThisDN=5001", "Reasons.Code:int=3", "Extensions.Note=lunch"]);

        Assert.Equal(3, request.Reasons![0].Value.AsInt());
        Assert.Equal("lunch", request.Extensions![0].Value.AsString());
    }

    [Fact]
    public void TypesComeFromTheReferenceTables()
    {
        var request = AttributeArguments.BuildRequest("RequestSetCallInfo",
        [
            "CallType=Inbound", "Timeout=30", "ConnID=006b012a3c4d5e6f", "CallID=123456789012", "InputMask=EventRinging,EventReleased,200",
            "TimeStamp=2026-01-31T12:00:00.5Z", "Reserved_1=AQID", "ThisDNRole=destination", "AgentWorkMode=0x3", "UserData.Note=a=b",
        ]);

        Assert.Equal(CallType.Inbound, request.CallType);
        Assert.Equal(30, request.GetInt(AttributeId.Timeout));
        Assert.Equal(new ConnId(0x006b012a3c4d5e6f), request.ConnID);
        Assert.Equal(123456789012L, request.CallID);
        Assert.True(request.TryGet(AttributeId.InputMask, out var mask));
        Assert.Equal([MessageType.EventRinging, MessageType.EventReleased], mask.AsMask().SetMessageTypes().Take(2));
        Assert.True(mask.AsMask().IsSet(200));
        Assert.True(request.TryGet(AttributeId.TimeStamp, out var time));
        Assert.Equal(new TlibTime(1_769_860_800, 500_000), time.AsTime());
        Assert.True(request.TryGet(AttributeId.Reserved_1, out var binary));
        Assert.Equal([1, 2, 3], binary.AsBinary());
        Assert.Equal(DNRole.Destination, request.ThisDNRole);
        Assert.Equal(3, request.GetInt(AttributeId.AgentWorkMode));
        Assert.Equal("a=b", request.UserData![0].Value.AsString());
    }

    [Theory]
    [InlineData("Foo=1", "unknown attribute 'Foo'")]
    [InlineData("ThisDN", "expected Attr=value")]
    [InlineData("=5001", "expected Attr=value")]
    [InlineData("UserData.Priority:int=high", "'high' is not a 32-bit integer (:int)")]
    [InlineData("UserData.Photo:bin=***", "'***' is not valid base64")]
    [InlineData("UserData.Priority:float=1", "unknown type suffix ':float'")]
    [InlineData("UserData=x", "UserData is a key-value list: write UserData.KEY=value")]
    [InlineData("ThisDN.x=1", "ThisDN is String, not a key-value list")]
    [InlineData("ThisDN:int=5", "a type suffix applies to key-value list entries only")]
    [InlineData("UserData..x=1", "a key between dots is empty")]
    [InlineData("ReferenceID=5", "ReferenceID is assigned by ctigw")]
    [InlineData("CallType=Sideways", "'Sideways' is not a CallType: use a number or Unknown, Internal, Inbound, Outbound, Consult")]
    [InlineData("ConnID=xyz", "'xyz' is not a ConnID (1-16 hex digits)")]
    [InlineData("Timeout=soon", "'soon' is not an integer for Timeout")]
    [InlineData("InputMask=EventFoo", "'EventFoo' is not a message name or a bit number 0-511")]
    [InlineData("TimeStamp=yesterday", "'yesterday' is not a time")]
    public void BadArgumentsNameWhatIsWrong(string assignment, string expected)
    {
        var error = Assert.Throws<UsageException>(() => AttributeArguments.BuildRequest("RequestMakeCall", [assignment]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(assignment, error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadUsage, ExitCodes.For(error));
    }

    [Fact]
    public void AnAttributeGivenTwiceIsAnError() =>
        Assert.Contains("ThisDN is given twice", Assert.Throws<UsageException>(() => AttributeArguments.BuildRequest("RequestMakeCall", ["ThisDN=1", "ThisDN=2"])).Message, StringComparison.Ordinal);

    [Fact]
    public void AListEntryCannotAlsoHoldKeys() =>
        Assert.Contains("UserData.Customer is already a String value", Assert.Throws<UsageException>(() => AttributeArguments.BuildRequest("RequestMakeCall", ["UserData.Customer=x", "UserData.Customer.Tier=Gold"])).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("RequestFoo", "unknown message 'RequestFoo'")]
    [InlineData("EventRinging", "'EventRinging' is not a request")]
    public void UnknownOrNonRequestMessagesAreErrors(string name, string expected) =>
        Assert.Contains(expected, Assert.Throws<UsageException>(() => AttributeArguments.BuildRequest(name, [])).Message, StringComparison.Ordinal);

    [Fact]
    public void TheTextFormReadsBackAsTheSameRequest()
    {
        var request = new TlibMessage(MessageType.RequestMakeCall) { ThisDN = "5001", OtherDN = "5002", ConnID = new ConnId(0xabc) }
            .Set(AttributeId.MakeCallType, (int)MakeCallType.Regular)
            .Set(AttributeId.InputMask, new TlibMask().Set(MessageType.EventDialing))
            .Set(AttributeId.UserData, new KeyValueList().Add("Priority", 5).Add("Customer", new KeyValueList().Add("Tier", "Gold")).Add("Photo", new byte[] { 1, 2, 3 }));

        var tokens = EventTextFormatter.Format(request).Split(' ');
        var readBack = AttributeArguments.BuildRequest(tokens[0], tokens.Skip(1));

        Assert.Equal(request.Attributes.ToArray(), readBack.Attributes.ToArray());
    }
}
