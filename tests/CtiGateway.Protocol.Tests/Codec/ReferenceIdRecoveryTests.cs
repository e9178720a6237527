using CtiGateway.Protocol.Tests.Support;

namespace CtiGateway.Protocol.Tests.Codec;

/// <summary>
/// The rule of docs/wire-format.md 3.1: a message error carries the request's ReferenceID whenever the attribute list
/// can be walked to it by tags and lengths, whether the ReferenceID comes before or after the bad attribute.
/// </summary>
public sealed class ReferenceIdRecoveryTests
{
    private const int ReferenceId = 4242;

    /// <summary>Bad attributes whose length is still known: the walk goes past them.</summary>
    public static TheoryData<string, bool> SkippableProblems()
    {
        var data = new TheoryData<string, bool>();
        foreach (var name in Skippable.Keys)
        {
            data.Add(name, true);
            data.Add(name, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SkippableProblems))]
    public void TheReferenceIdIsFoundBeforeAndAfterABadAttribute(string problem, bool referenceIdFirst)
    {
        var bad = Skippable[problem]();
        var attrs = referenceIdFirst
            ? new Wire().IntAttr(AttributeId.ReferenceID, ReferenceId).Raw(bad.ToArray())
            : new Wire().Raw(bad.ToArray()).IntAttr(AttributeId.ReferenceID, ReferenceId);
        var payload = Wire.Payload(MessageType.RequestRegisterAddress, 2, attrs);

        var e = Wire.DecodeError(payload);

        Assert.False(e.IsFatal);
        Assert.Equal(MessageType.RequestRegisterAddress, e.Partial!.Type);
        Assert.Equal(ReferenceId, e.Partial.ReferenceID);
        Assert.Equal(ReferenceId, TlibMessageReader.FindReferenceId(payload));
    }

    [Fact]
    public void TheIssueCase_ThisDnMistypedAsIntBeforeTheReferenceId_KeepsTheReferenceId()
    {
        var attrs = new Wire().IntAttr(AttributeId.ThisDN, 5001).IntAttr(AttributeId.ReferenceID, 7);

        var e = Wire.DecodeError(Wire.Payload(MessageType.RequestRegisterAddress, 2, attrs));

        Assert.Equal(ProtocolErrorKind.InvalidAttribute, e.Kind);
        Assert.Equal(AttributeId.ThisDN, e.Attribute);
        Assert.Equal(7, e.Partial!.ReferenceID);
    }

    [Fact]
    public void AValueThatRunsPastThePayloadHidesALaterReferenceId()
    {
        // The String claims 100 bytes: where the next attribute starts cannot be known.
        var attrs = new Wire().Attr(AttributeId.ThisDN, AttributeValueType.String).U32(100).Raw("5001"u8).IntAttr(AttributeId.ReferenceID, 9);
        var payload = Wire.Payload(MessageType.RequestRegisterAddress, 2, attrs);

        var e = Wire.DecodeError(payload);

        Assert.Equal(ProtocolErrorKind.MalformedMessage, e.Kind);
        Assert.Null(e.Partial!.ReferenceID);
        Assert.Null(TlibMessageReader.FindReferenceId(payload));
    }

    [Fact]
    public void AnUnknownTypeTagHidesALaterReferenceId()
    {
        var attrs = new Wire().U16((int)AttributeId.ThisDN).U8(5).U32(0).IntAttr(AttributeId.ReferenceID, 9);
        var payload = Wire.Payload(MessageType.RequestRegisterAddress, 2, attrs);

        var e = Wire.DecodeError(payload);

        Assert.Null(e.Partial!.ReferenceID);
        Assert.Null(TlibMessageReader.FindReferenceId(payload));
    }

    [Fact]
    public void AReferenceIdWithTheWrongTagIsNotAReferenceId()
    {
        var payload = Wire.Payload(MessageType.RequestQueryServer, 1, new Wire().StrAttr(AttributeId.ReferenceID, "12"));

        var e = Wire.DecodeError(payload);

        Assert.Equal(AttributeId.ReferenceID, e.Attribute);
        Assert.Null(e.Partial!.ReferenceID);
        Assert.Null(TlibMessageReader.FindReferenceId(payload));
    }

    [Fact]
    public void TheFirstIntReferenceIdWins()
    {
        var attrs = new Wire().StrAttr(AttributeId.ReferenceID, "x").IntAttr(AttributeId.ReferenceID, 3).IntAttr(AttributeId.ReferenceID, 4);
        var payload = Wire.Payload(MessageType.RequestQueryServer, 3, attrs);

        var e = Wire.DecodeError(payload);

        Assert.Equal(3, e.Partial!.ReferenceID);
        Assert.Equal(3, TlibMessageReader.FindReferenceId(payload));
    }

    [Fact]
    public void TheWalkStopsAtTheAttributeCount()
    {
        // Bytes after the counted attributes are trailing bytes, not attributes.
        var attrs = new Wire().StrAttr(AttributeId.ThisDN, "5001").IntAttr(AttributeId.ReferenceID, 8);
        var payload = Wire.Payload(MessageType.RequestRegisterAddress, 1, attrs);

        var e = Wire.DecodeError(payload);

        Assert.Contains("bytes follow", e.Message, StringComparison.Ordinal);
        Assert.Null(e.Partial!.ReferenceID);
        Assert.Null(TlibMessageReader.FindReferenceId(payload));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void APayloadWithoutAHeadHasNoReferenceId(int length) => Assert.Null(TlibMessageReader.FindReferenceId(new byte[length]));

    [Fact]
    public void AValidMessageGivesTheSameReferenceIdAsTheDecoder()
    {
        var attrs = new Wire().StrAttr(AttributeId.ThisDN, "5001").Attr(AttributeId.InputMask, AttributeValueType.Mask).Raw(new byte[64])
            .Attr(AttributeId.ConnID, AttributeValueType.Long).I64(1).Attr(AttributeId.TimeStamp, AttributeValueType.Time).I64(1).I32(2)
            .Attr(AttributeId.Reserved_1, AttributeValueType.Binary).Sized([1, 2]).Attr(AttributeId.UserData, AttributeValueType.List).Sized([])
            .IntAttr(AttributeId.ReferenceID, -5);
        var payload = Wire.Payload(MessageType.RequestRegisterAddress, 7, attrs);

        Assert.Equal(-5, TlibMessageReader.Decode(payload).ReferenceID);
        Assert.Equal(-5, TlibMessageReader.FindReferenceId(payload));
        Assert.Null(TlibMessageReader.FindReferenceId(Wire.Payload(MessageType.RequestRegisterAddress, 1, new Wire().StrAttr(AttributeId.ThisDN, "5001"))));
    }

    private static readonly Dictionary<string, Func<Wire>> Skippable = new(StringComparer.Ordinal)
    {
        ["wrong tag"] = () => new Wire().IntAttr(AttributeId.ThisDN, 5001),
        ["not UTF-8"] = () => new Wire().Attr(AttributeId.ThisDN, AttributeValueType.String).Sized([0xC3, 0x28]),
        ["microseconds"] = () => new Wire().Attr(AttributeId.TimeStamp, AttributeValueType.Time).I64(1_700_000_000).I32(1_000_000),
        ["unknown pair type"] = () => new Wire().Attr(AttributeId.Extensions, AttributeValueType.List).Sized(new Wire().Key("k", (KeyValueType)9).U32(0).ToArray()),
        ["pair cut short"] = () => new Wire().Attr(AttributeId.Extensions, AttributeValueType.List).Sized(new Wire().Key("k", KeyValueType.Binary).U32(9).ToArray()),
        ["list too deep"] = () => new Wire().Attr(AttributeId.Extensions, AttributeValueType.List).Sized(Nested(17)),
    };

    private static byte[] Nested(int depth)
    {
        var body = new Wire().Key("bottom", KeyValueType.Int).I32(1).ToArray();
        for (var level = depth; level > 1; level--)
        {
            body = new Wire().Key("l", KeyValueType.List).Sized(body).ToArray();
        }

        return body;
    }
}
