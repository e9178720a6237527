using CtiGateway.Protocol.Tests.Support;

namespace CtiGateway.Protocol.Tests.Model;

/// <summary>The typed properties of <see cref="TlibMessage"/> map to the right attribute ids and survive the wire.</summary>
public sealed class TypedPropertyTests
{
    [Fact]
    public void EveryTypedPropertyRoundTrips()
    {
        var userData = SampleValues.AllKindsList(1);
        var reasons = new KeyValueList().Add("ReasonCode", 3);
        var extensions = new KeyValueList().AddUnicode("note", SampleValues.NonAscii);
        var sent = new TlibMessage(MessageType.EventRinging)
        {
            ReferenceID = 77,
            ThisDN = "5001",
            OtherDN = "+49 30 1234-5",
            ThirdPartyDN = SampleValues.NonAscii,
            ConnID = new ConnId(SampleValues.HighConnId),
            CallID = 0x1234_5678_9abcL,
            CallType = CallType.Consult,
            CallState = CallState.Transferred,
            ThisDNRole = DNRole.ConferenceMember,
            ErrorCode = (int)ErrorCode.TERR_INVALID_ATTR,
            ErrorMessage = "Invalid connection id",
            UserData = userData,
            Reasons = reasons,
            Extensions = extensions,
            EventSequenceNumber = long.MaxValue - 1,
            ServerStartTime = new TlibTime(1_794_000_000, 1),
            Time = new TlibTime(3_000_000_000, 999_999),
        };

        var d = Wire.Decode(Wire.Encode(sent));

        Assert.Equal(77, d.ReferenceID);
        Assert.Equal("5001", d.ThisDN);
        Assert.Equal("+49 30 1234-5", d.OtherDN);
        Assert.Equal(SampleValues.NonAscii, d.ThirdPartyDN);
        Assert.Equal(new ConnId(SampleValues.HighConnId), d.ConnID);
        Assert.Equal(0x1234_5678_9abcL, d.CallID);
        Assert.Equal(CallType.Consult, d.CallType);
        Assert.Equal(CallState.Transferred, d.CallState);
        Assert.Equal(DNRole.ConferenceMember, d.ThisDNRole);
        Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, d.ErrorCode);
        Assert.Equal("Invalid connection id", d.ErrorMessage);
        Assert.Equal(userData, d.UserData);
        Assert.Equal(reasons, d.Reasons);
        Assert.Equal(extensions, d.Extensions);
        Assert.Equal(long.MaxValue - 1, d.EventSequenceNumber);
        Assert.Equal(new TlibTime(1_794_000_000, 1), d.ServerStartTime);

        // TimeinSecs is an Int on the wire: the property carries it as an unsigned 32-bit second count.
        Assert.Equal(new TlibTime(3_000_000_000, 999_999), d.Time);
        Assert.Equal(AttributeValueType.Int, Get(d, AttributeId.TimeinSecs).Type);
        Assert.Equal(999_999, Get(d, AttributeId.TimeinuSecs).AsInt());
    }

    [Fact]
    public void PropertiesUseTheReferenceAttributeIds()
    {
        var m = new TlibMessage(MessageType.EventError)
        {
            ReferenceID = 1,
            ThisDN = "a",
            OtherDN = "b",
            ThirdPartyDN = "c",
            ConnID = new ConnId(2),
            CallID = 3,
            CallType = CallType.Inbound,
            CallState = CallState.Ok,
            ThisDNRole = DNRole.Origination,
            ErrorCode = 4,
            ErrorMessage = "e",
            UserData = new KeyValueList(),
            Reasons = new KeyValueList(),
            Extensions = new KeyValueList(),
            EventSequenceNumber = 5,
            ServerStartTime = new TlibTime(6, 0),
            Time = new TlibTime(7, 8),
        };

        AttributeId[] expected =
        [
            AttributeId.ReferenceID, AttributeId.ThisDN, AttributeId.OtherDN, AttributeId.ThirdPartyDN, AttributeId.ConnID,
            AttributeId.CallID, AttributeId.CallType, AttributeId.CallState, AttributeId.ThisDNRole, AttributeId.ErrorCode,
            AttributeId.ErrorMessage, AttributeId.UserData, AttributeId.Reasons, AttributeId.Extensions,
            AttributeId.EventSequenceNumber, AttributeId.ServerStartTime, AttributeId.TimeinSecs, AttributeId.TimeinuSecs,
        ];
        Assert.Equal(expected, m.Attributes.ToArray().Select(a => a.Id));
        foreach (var a in m.Attributes)
        {
            Assert.Equal(AttributeCatalog.GetValueType(a.Id), a.Value.Type);
        }
    }

    [Fact]
    public void SettingNullRemovesTheAttribute()
    {
        var m = new TlibMessage(MessageType.EventRinging)
        {
            ThisDN = "5001",
            ConnID = new ConnId(1),
            CallType = CallType.Inbound,
            UserData = new KeyValueList(),
            ServerStartTime = new TlibTime(1, 0),
            Time = new TlibTime(2, 3),
        };

        m.ThisDN = null;
        m.ConnID = null;
        m.CallType = null;
        m.UserData = null;
        m.ServerStartTime = null;
        m.Time = null;

        Assert.Equal(0, m.Count);
        Assert.Null(m.ThisDN);
        Assert.Null(m.ConnID);
        Assert.Null(m.CallType);
        Assert.Null(m.UserData);
        Assert.Null(m.ServerStartTime);
        Assert.Null(m.Time);
    }

    [Fact]
    public void ATypedGetterReturnsNullForAValueOfAnotherType()
    {
        var m = new TlibMessage(MessageType.EventRinging)
            .Set(AttributeId.ThisDN, 5001)
            .Set(AttributeId.ConnID, "not a long")
            .Set(AttributeId.ServerStartTime, 12L);

        Assert.Null(m.ThisDN);
        Assert.Null(m.ConnID);
        Assert.Null(m.ServerStartTime);
        Assert.Equal(5001, m.GetInt(AttributeId.ThisDN));
    }

    [Fact]
    public void SetReplacesInPlaceAndRemoveKeepsTheOrder()
    {
        var m = new TlibMessage(MessageType.RequestMakeCall, capacity: 1)
            .Set(AttributeId.ReferenceID, 1)
            .Set(AttributeId.ThisDN, "5001")
            .Set(AttributeId.OtherDN, "5002")
            .Set(AttributeId.ReferenceID, 2);

        Assert.Equal([AttributeId.ReferenceID, AttributeId.ThisDN, AttributeId.OtherDN], m.Attributes.ToArray().Select(a => a.Id));
        Assert.Equal(2, m.ReferenceID);
        Assert.True(m.Remove(AttributeId.ThisDN));
        Assert.False(m.Remove(AttributeId.ThisDN));
        Assert.Equal([AttributeId.ReferenceID, AttributeId.OtherDN], m.Attributes.ToArray().Select(a => a.Id));
    }

    [Fact]
    public void ADefaultValueIsRefused()
    {
        var m = new TlibMessage(MessageType.EventRinging);

        var e = Assert.Throws<ArgumentException>(() => m.Set(AttributeId.ThisDN, default(AttributeValue)));
        Assert.Contains("ThisDN", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, m.Count);
        Assert.Throws<ArgumentException>(() => new KeyValueList().Add("k", default(KeyValue)));
    }

    [Fact]
    public void CloneCopiesListsDeeply()
    {
        var m = new TlibMessage(MessageType.EventRinging) { ThisDN = "5001", UserData = new KeyValueList().Add("n", new KeyValueList().Add("x", 1)) };

        var copy = m.Clone();
        copy.UserData!.Add("extra", 2);
        copy.UserData[0].Value.AsList().Add("y", 2);

        Assert.Single(m.UserData!);
        Assert.Single(m.UserData![0].Value.AsList());
        Assert.Equal("5001", copy.ThisDN);
    }

    [Fact]
    public void ToStringNamesTheMessageAndPrintsConnIdsAsHex()
    {
        var m = new TlibMessage(MessageType.EventRinging)
        {
            ThisDN = "5001",
            ConnID = new ConnId(0x2a),
            ServerStartTime = new TlibTime(0, 5),
            UserData = new KeyValueList().Add("k", "v").Add("n", 1),
        };

        Assert.Equal(
            "EventRinging ThisDN=5001 ConnID=000000000000002a ServerStartTime=1970-01-01T00:00:00.000005Z UserData={k=v, n=1}",
            m.ToString());
    }

    private static AttributeValue Get(TlibMessage m, AttributeId id)
    {
        Assert.True(m.TryGet(id, out var v));
        return v;
    }
}
