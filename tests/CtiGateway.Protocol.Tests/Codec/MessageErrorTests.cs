using CtiGateway.Protocol.Tests.Support;

namespace CtiGateway.Protocol.Tests.Codec;

/// <summary>
/// Bad message bodies are non-fatal typed errors: they name the attribute and the payload offset, and carry what was
/// decoded (the message type and ReferenceID) so that the server can answer with EventError.
/// </summary>
public sealed class MessageErrorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void APayloadShorterThanItsHeadIsMalformed(int length)
    {
        var e = Wire.DecodeError(new byte[length]);

        AssertNonFatal(e, ProtocolErrorKind.MalformedMessage, 0, null);
        Assert.Null(e.Partial);
    }

    [Fact]
    public void AStringLengthPastTheEndIsMalformedAtItsLengthField()
    {
        var attrs = new Wire().IntAttr(AttributeId.ReferenceID, 5);
        var lengthAt = 4 + attrs.Length + 3;
        attrs.Attr(AttributeId.ThisDN, AttributeValueType.String).U32(100).Raw("5001"u8);

        var e = Wire.DecodeError(Wire.Payload(MessageType.RequestRegisterAddress, 2, attrs));

        AssertNonFatal(e, ProtocolErrorKind.MalformedMessage, lengthAt, AttributeId.ThisDN);
        Assert.Contains("100", e.Message, StringComparison.Ordinal);
        Assert.Equal(MessageType.RequestRegisterAddress, e.Partial!.Type);
        Assert.Equal(5, e.Partial.ReferenceID);
    }

    [Theory]
    [InlineData(AttributeValueType.Int, 3)]
    [InlineData(AttributeValueType.Long, 7)]
    [InlineData(AttributeValueType.Mask, 63)]
    [InlineData(AttributeValueType.Time, 11)]
    [InlineData(AttributeValueType.Binary, 2)]
    [InlineData(AttributeValueType.List, 0)]
    public void AFixedSizeValueCutShortIsMalformed(AttributeValueType tag, int available)
    {
        var id = tag switch
        {
            AttributeValueType.Int => AttributeId.ReferenceID,
            AttributeValueType.Long => AttributeId.ConnID,
            AttributeValueType.Mask => AttributeId.InputMask,
            AttributeValueType.Time => AttributeId.ServerStartTime,
            AttributeValueType.Binary => AttributeId.Reserved_1,
            _ => AttributeId.UserData,
        };
        var payload = Wire.Payload(MessageType.EventRinging, 1, new Wire().Attr(id, tag).Raw(new byte[available]));

        var e = Wire.DecodeError(payload);

        AssertNonFatal(e, ProtocolErrorKind.MalformedMessage, 7, id);
    }

    [Fact]
    public void AnAttributeCountPastTheEndIsMalformed()
    {
        var e = Wire.DecodeError(Wire.Payload(MessageType.RequestQueryServer, 2, new Wire().IntAttr(AttributeId.ReferenceID, 3)));

        AssertNonFatal(e, ProtocolErrorKind.MalformedMessage, 11, null);
        Assert.Contains("2 of 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.Partial!.ReferenceID);
    }

    [Fact]
    public void AHugeAttributeCountDoesNotPresizeAHugeMessage()
    {
        var payload = Wire.Payload(MessageType.RequestQueryServer, ushort.MaxValue, new Wire().IntAttr(AttributeId.ReferenceID, 3));
        Wire.DecodeError(payload);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Wire.DecodeError(payload);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // 65535 presized attributes would be 2 MB; the message, the error and its text are a few KB.
        Assert.True(allocated < 64 * 1024, $"Decoding a 13-byte payload allocated {allocated} bytes.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void TrailingBytesAreMalformedAtTheirOffset(int extra)
    {
        var attrs = new Wire().IntAttr(AttributeId.ReferenceID, 8).Raw(new byte[extra]);

        var e = Wire.DecodeError(Wire.Payload(MessageType.RequestQueryServer, 1, attrs));

        AssertNonFatal(e, ProtocolErrorKind.MalformedMessage, 11, null);
        Assert.Contains($"{extra} bytes follow", e.Message, StringComparison.Ordinal);
        Assert.Equal(8, e.Partial!.ReferenceID);
    }

    [Fact]
    public void AWrongTypeTagNamesTheAttributeAndThePartialKeepsALaterReferenceID()
    {
        var attrs = new Wire().StrAttr(AttributeId.ThisDN, "5001");
        var badAt = 4 + attrs.Length;
        attrs.IntAttr(AttributeId.ConnID, 12).IntAttr(AttributeId.ReferenceID, 99);

        var e = Wire.DecodeError(Wire.Payload(MessageType.RequestAnswerCall, 3, attrs));

        AssertNonFatal(e, ProtocolErrorKind.InvalidAttribute, badAt, AttributeId.ConnID);
        Assert.Contains("ConnID", e.Message, StringComparison.Ordinal);
        Assert.Contains("Long", e.Message, StringComparison.Ordinal);
        Assert.Equal(MessageType.RequestAnswerCall, e.Partial!.Type);
        Assert.Equal(99, e.Partial.ReferenceID);
        Assert.Equal("5001", e.Partial.ThisDN);
        Assert.False(e.Partial.Has(AttributeId.ConnID));
    }

    [Fact]
    public void TheFirstOfSeveralBadAttributesIsReported()
    {
        var attrs = new Wire().IntAttr(AttributeId.ThisDN, 1).StrAttr(AttributeId.ReferenceID, "x").IntAttr(AttributeId.ThisDN, 2);

        var e = Wire.DecodeError(Wire.Payload(MessageType.RequestRegisterAddress, 3, attrs));

        AssertNonFatal(e, ProtocolErrorKind.InvalidAttribute, 4, AttributeId.ThisDN);
    }

    [Fact]
    public void ADuplicateAttributeIsInvalidAtItsSecondOccurrence()
    {
        var attrs = new Wire().IntAttr(AttributeId.ReferenceID, 1).StrAttr(AttributeId.ThisDN, "5001");
        var secondAt = 4 + attrs.Length;
        attrs.IntAttr(AttributeId.ReferenceID, 2);

        var e = Wire.DecodeError(Wire.Payload(MessageType.RequestRegisterAddress, 3, attrs));

        AssertNonFatal(e, ProtocolErrorKind.InvalidAttribute, secondAt, AttributeId.ReferenceID);
        Assert.Contains("twice", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.Partial!.ReferenceID);
        Assert.Equal("5001", e.Partial.ThisDN);
    }

    [Theory]
    [InlineData(149)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(40_000)]
    [InlineData(65_535)]
    public void ADuplicateUnknownIdIsInvalidToo(int id)
    {
        var attrs = new Wire().IntAttr((AttributeId)id, 1).IntAttr((AttributeId)id, 1);

        var e = Wire.DecodeError(Wire.Payload(MessageType.EventUserEvent, 2, attrs));

        AssertNonFatal(e, ProtocolErrorKind.InvalidAttribute, 11, (AttributeId)id);
    }

    [Fact]
    public void ManyDistinctUnknownIdsAreAccepted()
    {
        var attrs = new Wire();
        for (var k = 0; k < 2000; k++)
        {
            // Spread over the whole unknown range 149-65535, low and high bitmaps both.
            attrs.IntAttr((AttributeId)(AttributeCatalog.Count + (k * 31)), k);
        }

        var m = TlibMessageReader.Decode(Wire.Payload(MessageType.EventUserEvent, 2000, attrs));

        Assert.Equal(2000, m.Count);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0x35, 0xFF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xE6, 0x9D })]
    public void InvalidUtf8InAStringIsInvalidAtTheBytes(byte[] bytes)
    {
        var attrs = new Wire().IntAttr(AttributeId.ReferenceID, 4);
        var bytesAt = 4 + attrs.Length + 3 + 4;
        attrs.Attr(AttributeId.ThisDN, AttributeValueType.String).Sized(bytes);

        var e = Wire.DecodeError(Wire.Payload(MessageType.RequestRegisterAddress, 2, attrs));

        AssertNonFatal(e, ProtocolErrorKind.InvalidAttribute, bytesAt, AttributeId.ThisDN);
        Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal);
        Assert.Equal(4, e.Partial!.ReferenceID);
    }

    [Fact]
    public void InvalidUtf8InAListKeyOrValueNamesTheList()
    {
        var badKey = new Wire().U16(2).Raw([0xC3, 0x28]).U8((int)KeyValueType.Int).I32(1);
        var badValue = new Wire().Key("k", KeyValueType.Unicode).Sized([0xFF]);
        foreach (var body in new[] { badKey, badValue })
        {
            var listAt = 4 + 3;
            var attrs = new Wire().Attr(AttributeId.UserData, AttributeValueType.List).Sized(body.ToArray());

            var e = Wire.DecodeError(Wire.Payload(MessageType.RequestAttachUserData, 1, attrs));

            Assert.Equal(ProtocolErrorKind.InvalidAttribute, e.Kind);
            Assert.False(e.IsFatal);
            Assert.Equal(AttributeId.UserData, e.Attribute);
            Assert.True(e.Offset > listAt + 4 && e.Offset < 4 + attrs.Length, $"Offset {e.Offset} is not inside the list body.");
        }
    }

    [Fact]
    public void ErrorsInsideNestedListsReportPayloadOffsets()
    {
        // UserData { "outer" = List { "s" = String claiming 50 bytes } }: the offset must point at the inner length field.
        var inner = new Wire().Key("s", KeyValueType.String).U32(50).Raw("abc"u8);
        var outer = new Wire().Key("outer", KeyValueType.List).Sized(inner.ToArray());
        var attrs = new Wire().IntAttr(AttributeId.ReferenceID, 1).Attr(AttributeId.UserData, AttributeValueType.List).Sized(outer.ToArray());
        var payload = Wire.Payload(MessageType.RequestAttachUserData, 2, attrs);
        var expectedAt = Array.IndexOf(payload, (byte)50) - 3;

        var e = Wire.DecodeError(payload);

        AssertNonFatal(e, ProtocolErrorKind.MalformedMessage, expectedAt, AttributeId.UserData);
        Assert.Equal([0, 0, 0, 50], payload.AsSpan((int)e.Offset, 4).ToArray());
    }

    [Theory]
    [InlineData(17)]
    [InlineData(100)]
    public void ListNestingPastSixteenIsMalformed(int depth)
    {
        var body = new Wire().Key("bottom", KeyValueType.Int).I32(1).ToArray();
        for (var level = depth; level > 1; level--)
        {
            body = new Wire().Key($"l{level}", KeyValueType.List).Sized(body).ToArray();
        }

        var attrs = new Wire().IntAttr(AttributeId.ReferenceID, 6).Attr(AttributeId.UserData, AttributeValueType.List).Sized(body);

        var e = Wire.DecodeError(Wire.Payload(MessageType.RequestUpdateUserData, 2, attrs));

        Assert.Equal(ProtocolErrorKind.MalformedMessage, e.Kind);
        Assert.False(e.IsFatal);
        Assert.Equal(AttributeId.UserData, e.Attribute);
        Assert.Contains("16", e.Message, StringComparison.Ordinal);
        Assert.Equal(6, e.Partial!.ReferenceID);
    }

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void MicrosecondsOutside0To999999AreInvalid(int micro)
    {
        var attrs = new Wire().IntAttr(AttributeId.ReferenceID, 2);
        var microAt = 4 + attrs.Length + 3 + 8;
        attrs.Attr(AttributeId.ServerStartTime, AttributeValueType.Time).I64(1_700_000_000).I32(micro);

        var e = Wire.DecodeError(Wire.Payload(MessageType.EventRinging, 2, attrs));

        AssertNonFatal(e, ProtocolErrorKind.InvalidAttribute, microAt, AttributeId.ServerStartTime);
        Assert.Contains("microseconds", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(255)]
    public void AnUnknownTypeTagIsMalformedBecauseTheValueCannotBeSkipped(int tag)
    {
        var e = Wire.DecodeError(Wire.Payload(MessageType.EventRinging, 1, new Wire().U16((int)AttributeId.ThisDN).U8(tag).U32(0)));

        AssertNonFatal(e, ProtocolErrorKind.MalformedMessage, 6, AttributeId.ThisDN);
        Assert.Contains("type tag", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownKeyValueTypeIsInvalid()
    {
        var body = new Wire().Key("k", (KeyValueType)9).U32(0);

        var e = Wire.DecodeError(Wire.Payload(MessageType.RequestAttachUserData, 1, new Wire().Attr(AttributeId.UserData, AttributeValueType.List).Sized(body.ToArray())));

        AssertNonFatal(e, ProtocolErrorKind.InvalidAttribute, 4 + 3 + 4 + 2 + 1, AttributeId.UserData);
    }

    [Fact]
    public void APairCutShortIsMalformed()
    {
        byte[][] bodies =
        [
            [0x00],
            new Wire().U16(10).Raw("abc"u8).ToArray(),
            new Wire().Key("k", KeyValueType.Int).Raw([0, 0]).ToArray(),
            new Wire().Key("k", KeyValueType.Binary).U32(9).ToArray(),
            new Wire().Key("k", KeyValueType.List).U32(1).ToArray(),
        ];
        foreach (var body in bodies)
        {
            var e = Wire.DecodeError(Wire.Payload(MessageType.RequestAttachUserData, 1, new Wire().Attr(AttributeId.UserData, AttributeValueType.List).Sized(body)));

            Assert.Equal(ProtocolErrorKind.MalformedMessage, e.Kind);
            Assert.Equal(AttributeId.UserData, e.Attribute);
            Assert.InRange(e.Offset, 11, 11 + body.Length);
        }
    }

    [Fact]
    public void TheTypedCodecReportsTheSameErrors()
    {
        var payload = Wire.Payload(MessageType.RequestQueryServer, 1, new Wire().StrAttr(AttributeId.ReferenceID, "7"));
        var seq = new System.Buffers.ReadOnlySequence<byte>(Wire.Frame(FrameKind.Message, payload));
        Assert.True(TlibBinaryCodec.Default.TryReadFrame(ref seq, out var frame));

        var e = Assert.Throws<TlibProtocolException>(() => TlibBinaryCodec.Default.DecodeMessage(frame.Payload));

        AssertNonFatal(e, ProtocolErrorKind.InvalidAttribute, 4, AttributeId.ReferenceID);
    }

    private static void AssertNonFatal(TlibProtocolException e, ProtocolErrorKind kind, long offset, AttributeId? attribute)
    {
        Assert.Equal(kind, e.Kind);
        Assert.False(e.IsFatal);
        Assert.Equal(offset, e.Offset);
        Assert.Equal(attribute, e.Attribute);
    }
}
