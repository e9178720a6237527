using System.Buffers;
using CtiGateway.Protocol.Tests.Support;

namespace CtiGateway.Protocol.Tests.Codec;

/// <summary>Every message type carries every attribute of its spec through encode and decode unchanged.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<MessageType> AllMessageTypes()
    {
        var data = new TheoryData<MessageType>();
        for (var i = 0; i < MessageCatalog.Count; i++)
        {
            data.Add((MessageType)i);
        }

        return data;
    }

    [Fact]
    public void TheCatalogCoversTypes0To182()
    {
        Assert.Equal(183, MessageCatalog.Count);
        Assert.Equal(MessageCatalog.Count, MessageCatalog.All.Count);
        for (var i = 0; i < MessageCatalog.Count; i++)
        {
            Assert.Equal((MessageType)i, MessageCatalog.All[i].Type);
        }
    }

    [Theory]
    [MemberData(nameof(AllMessageTypes))]
    public void EveryListedAttributeDecodesIntoItsTypedValue(MessageType type)
    {
        var spec = MessageCatalog.Get(type);
        var sent = SampleValues.FullMessage(type);
        Assert.Equal(spec.Mandatory.Length + spec.Optional.Length, sent.Count);

        var received = Wire.Decode(Wire.Encode(sent));

        Assert.Equal(type, received.Type);
        Assert.Equal(spec.Name, received.Name);
        MessageAssert.Equal(sent, received);
        foreach (var id in spec.Mandatory.Concat(spec.Optional))
        {
            Assert.True(received.TryGet(id, out var value), $"{type}: {id} is missing after decode.");
            AssertTyped(id, value);
        }
    }

    [Theory]
    [MemberData(nameof(AllMessageTypes))]
    public void EveryMessageTypeRoundTripsAcrossOneByteSegments(MessageType type)
    {
        var sent = SampleValues.FullMessage(type);
        var bytes = Wire.Encode(sent);
        var seq = Segmented.OneBytePerSegment(bytes);

        Assert.True(TlibFrameReader.TryReadFrame(ref seq, out var frame));
        Assert.True(seq.IsEmpty);
        MessageAssert.Equal(sent, TlibMessageReader.Decode(frame.Payload));
    }

    [Fact]
    public void AnEmptyMessageIsTwelveBytes()
    {
        var bytes = Wire.Encode(new TlibMessage(MessageType.RequestQueryServer));

        Assert.Equal(new byte[] { 0x54, 0x4C, 0x01, 0x01, 0, 0, 0, 4, 0, (byte)MessageType.RequestQueryServer, 0, 0 }, bytes);
        Assert.Equal(0, Wire.Decode(bytes).Count);
    }

    [Fact]
    public void TheEncodingMatchesTheWireFormatByteForByte()
    {
        var m = new TlibMessage(MessageType.EventRinging)
            .Set(AttributeId.ThisDN, "5001")
            .Set(AttributeId.ConnID, 0x0102030405060708L)
            .Set(AttributeId.CallType, (int)CallType.Inbound)
            .Set(AttributeId.ServerStartTime, new TlibTime(0x0A0B0C0D, 0x0E0F10))
            .Set(AttributeId.UserData, new KeyValueList().Add("k", 7).AddUnicode("ü", "é"));

        var expectedPayload = Wire.Payload(MessageType.EventRinging, 5, new Wire()
            .StrAttr(AttributeId.ThisDN, "5001")
            .Attr(AttributeId.ConnID, AttributeValueType.Long).I64(0x0102030405060708L)
            .IntAttr(AttributeId.CallType, (int)CallType.Inbound)
            .Attr(AttributeId.ServerStartTime, AttributeValueType.Time).I64(0x0A0B0C0D).I32(0x0E0F10)
            .Attr(AttributeId.UserData, AttributeValueType.List).Sized(new Wire()
                .Key("k", KeyValueType.Int).I32(7)
                .Key("ü", KeyValueType.Unicode).Str("é")
                .ToArray()));

        Assert.Equal(Wire.Frame(FrameKind.Message, expectedPayload), Wire.Encode(m));
    }

    [Fact]
    public void MaskAndBinaryAndUnknownIdsRoundTrip()
    {
        var mask = TlibMask.All().Set(5, false);
        var m = new TlibMessage(MessageType.RequestSetInputMask)
            .Set(AttributeId.InputMask, mask)
            .Set(AttributeId.Reserved_1, SampleValues.BinaryFor(3))
            .Set(AttributeId.Reserved_2, Array.Empty<byte>())
            .Set((AttributeId)40_000, "an id past the table keeps its tag")
            .Set((AttributeId)ushort.MaxValue, 42L);

        var d = Wire.Decode(Wire.Encode(m));

        MessageAssert.Equal(m, d);
        Assert.True(d.TryGet(AttributeId.InputMask, out var v));
        Assert.Equal(mask, v.AsMask());
        Assert.False(v.AsMask().IsSet(5));
        Assert.Equal("Attribute40000", AttributeCatalog.GetName((AttributeId)40_000));
    }

    [Fact]
    public void AMessageTypePastTheTableRoundTrips()
    {
        var m = new TlibMessage((MessageType)500).Set(AttributeId.ReferenceID, 9);

        var d = Wire.Decode(Wire.Encode(m));

        Assert.Equal((MessageType)500, d.Type);
        Assert.Equal("Message500", d.Name);
        Assert.Equal(9, d.ReferenceID);
    }

    [Fact]
    public void ListsNestSixteenLevelsDeep()
    {
        var root = new KeyValueList();
        var level = root;
        for (var depth = 2; depth <= TlibWire.MaxListDepth; depth++)
        {
            var inner = new KeyValueList();
            level.Add($"level{depth}", inner);
            level = inner;
        }

        level.Add("bottom", "reached");
        var m = new TlibMessage(MessageType.RequestUpdateUserData) { UserData = root };

        var d = Wire.Decode(Wire.Encode(m));

        Assert.Equal(root, d.UserData);
    }

    [Fact]
    public void LongStringsAndListsRoundTrip()
    {
        var big = string.Concat(Enumerable.Repeat(SampleValues.NonAscii, 1000));
        var list = new KeyValueList();
        for (var i = 0; i < 500; i++)
        {
            list.Add($"key{i}", i);
        }

        var m = new TlibMessage(MessageType.EventUserEvent) { ThisDN = big, UserData = list };
        var w = new ArrayBufferWriter<byte>();
        TlibMessageWriter.Write(m, w, TlibWire.MaxMaxFrameSize);
        var seq = new ReadOnlySequence<byte>(w.WrittenMemory);

        Assert.True(TlibFrameReader.TryReadFrame(ref seq, out var frame, TlibWire.MaxMaxFrameSize));
        MessageAssert.Equal(m, TlibMessageReader.Decode(frame.Payload));
    }

    [Fact]
    public void EncodingIsDeterministicAndTheSizeIsBounded()
    {
        foreach (var spec in MessageCatalog.All)
        {
            var m = SampleValues.FullMessage(spec.Type);
            var a = Wire.Encode(m);
            var b = Wire.Encode(m);

            Assert.Equal(a, b);
            Assert.True(a.Length <= TlibMessageWriter.MaxSize(m), $"{spec.Name}: {a.Length} bytes over MaxSize {TlibMessageWriter.MaxSize(m)}.");
            Assert.Equal(a.Length, TlibMessageWriter.ExactSize(m));
        }
    }

    /// <summary>Checks the value against the catalog type and reads it through the typed accessor.</summary>
    private static void AssertTyped(AttributeId id, AttributeValue value)
    {
        var expected = SampleValues.For(id);
        Assert.Equal(AttributeCatalog.GetValueType(id), value.Type);
        Assert.Equal(expected, value);
        switch (value.Type)
        {
            case AttributeValueType.String:
                Assert.Equal(expected.AsString(), value.AsString());
                Assert.Contains(SampleValues.NonAscii, value.AsString(), StringComparison.Ordinal);
                break;
            case AttributeValueType.Int:
                Assert.Equal(expected.AsInt(), value.AsInt());
                if (AttributeCatalog.GetEnumType(id) is { } enumType)
                {
                    var named = Enum.ToObject(enumType, value.AsInt());
                    Assert.True(Enum.IsDefined(enumType, named), $"{id}: {value.AsInt()} is not a {enumType.Name}.");
                    Assert.Equal(Enum.ToObject(enumType, expected.AsInt()), named);
                }

                break;
            case AttributeValueType.Long:
                Assert.Equal(expected.AsLong(), value.AsLong());
                break;
            case AttributeValueType.Binary:
                Assert.Equal(expected.AsBinary(), value.AsBinary());
                break;
            case AttributeValueType.List:
                AssertAllKinds(expected.AsList(), value.AsList());
                break;
            case AttributeValueType.Mask:
                Assert.Equal(expected.AsMask().Bytes.ToArray(), value.AsMask().Bytes.ToArray());
                break;
            case AttributeValueType.Time:
                Assert.Equal(expected.AsTime(), value.AsTime());
                break;
            default:
                Assert.Fail($"{id} decoded with unexpected type {value.Type}.");
                break;
        }
    }

    private static void AssertAllKinds(KeyValueList expected, KeyValueList actual)
    {
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Key, actual[i].Key);
            Assert.Equal(expected[i].Value.Type, actual[i].Value.Type);
        }

        Assert.True(actual.TryGetValue("List", out var nested));
        var types = nested.AsList().Select(p => p.Value.Type).ToHashSet();
        Assert.Equal(Enum.GetValues<KeyValueType>().ToHashSet(), types);
        Assert.Equal(SampleValues.NonAscii, nested.AsList()[3].Value.AsString());
        Assert.Equal(KeyValueType.Unicode, nested.AsList()[3].Value.Type);
    }
}
