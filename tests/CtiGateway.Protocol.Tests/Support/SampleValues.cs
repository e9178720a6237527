namespace CtiGateway.Protocol.Tests.Support;

/// <summary>Typed sample values for every attribute, following <see cref="AttributeCatalog.GetValueType"/>.</summary>
internal static class SampleValues
{
    /// <summary>Non-ASCII text: Latin-1, a BMP CJK character and a surrogate pair (emoji).</summary>
    public const string NonAscii = "Zoë Müller – 東京 📞";

    /// <summary>A ConnID with the top bit set, so that the signed Long carries it unchanged.</summary>
    public const ulong HighConnId = 0xfedc_ba98_7654_3210;

    /// <summary>The value a test puts in <paramref name="id"/>: distinct per attribute, typed per the catalog.</summary>
    public static AttributeValue For(AttributeId id)
    {
        var n = (int)id;
        return AttributeCatalog.GetValueType(id) switch
        {
            AttributeValueType.String => AttributeValue.FromString($"{AttributeCatalog.GetName(id)} {NonAscii} {n}"),
            AttributeValueType.Int => AttributeValue.FromInt(IntFor(id)),
            AttributeValueType.Long => AttributeValue.FromLong(n % 2 == 0 ? unchecked((long)HighConnId) - n : 0x006b_02a3_c9e1_f000 + n),
            AttributeValueType.Binary => AttributeValue.FromBinary(BinaryFor(n)),
            AttributeValueType.List => AttributeValue.FromList(AllKindsList(n)),
            AttributeValueType.Mask => AttributeValue.FromMask(MaskFor(n)),
            AttributeValueType.Time => AttributeValue.FromTime(new TlibTime(1_795_000_000 + n, 999_999 - n)),
            var t => throw new InvalidOperationException($"No sample for {t}."),
        };
    }

    /// <summary>An Int for <paramref name="id"/>: a defined member of its enum when it has one (the last, so not 0).</summary>
    public static int IntFor(AttributeId id)
    {
        if (AttributeCatalog.GetEnumType(id) is { } enumType)
        {
            var values = Enum.GetValuesAsUnderlyingType(enumType);
            return Convert.ToInt32(values.GetValue(values.Length - 1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return (int)id % 3 == 0 ? int.MinValue + (int)id : -123_456 - (int)id;
    }

    /// <summary>Bytes 0-255 that include every byte value the codec could trip on.</summary>
    public static byte[] BinaryFor(int n)
    {
        var b = new byte[256 + (n % 7)];
        for (var i = 0; i < b.Length; i++)
        {
            b[i] = (byte)(i + n);
        }

        return b;
    }

    /// <summary>A mask with a pattern that differs per attribute and has the first and last bits set.</summary>
    public static TlibMask MaskFor(int n)
    {
        var m = new TlibMask();
        m.Set(0).Set((TlibMask.Length * 8) - 1);
        for (var bit = n % 5; bit < TlibMask.Length * 8; bit += 7)
        {
            m.Set(bit);
        }

        return m;
    }

    /// <summary>A list with all five value types, empty values, a non-ASCII key and a nested list holding all five again.</summary>
    public static KeyValueList AllKindsList(int n)
    {
        var nested = new KeyValueList()
            .Add("s", "nested")
            .Add("i", -1)
            .Add("b", new byte[] { 0, 255, 128 })
            .AddUnicode("u", NonAscii)
            .Add("l", new KeyValueList().Add("deep", n));
        return new KeyValueList()
            .Add("String", $"value {n}")
            .Add("Int", int.MaxValue - n)
            .Add("Binary", BinaryFor(n))
            .Add("List", nested)
            .AddUnicode("Unicode", NonAscii)
            .Add("Empty", string.Empty)
            .Add("EmptyBinary", Array.Empty<byte>())
            .Add("EmptyList", new KeyValueList())
            .Add("Schlüssel 鍵", "key not ASCII")
            .Add("String", "duplicate keys are kept in order");
    }

    /// <summary>A message of <paramref name="type"/> with every attribute the catalog lists for it, mandatory then optional.</summary>
    public static TlibMessage FullMessage(MessageType type)
    {
        var spec = MessageCatalog.Get(type);
        var m = new TlibMessage(type);
        foreach (var id in spec.Mandatory.Concat(spec.Optional))
        {
            m.Set(id, For(id));
        }

        return m;
    }

    /// <summary>
    /// A typical EventRinging (the benchmark's message): ThisDN, OtherDN, ConnID, CallID, CallType, CallState,
    /// ThisDNRole, OtherDNRole, ANI, DNIS, event time, EventSequenceNumber, ServerStartTime and five UserData pairs.
    /// </summary>
    public static TlibMessage EventRinging() => new TlibMessage(MessageType.EventRinging, 16)
    {
        ThisDN = "5001",
        OtherDN = "+4930123456789",
        ConnID = new ConnId(0x006b02a3c9e1f001),
        CallID = 1_234_567,
        CallType = CallType.Inbound,
        CallState = CallState.Ok,
        ThisDNRole = DNRole.Destination,
        Time = new TlibTime(1_795_000_000, 123_456),
        EventSequenceNumber = 987_654_321,
        ServerStartTime = new TlibTime(1_794_000_000, 0),
        UserData = new KeyValueList(5)
            .Add("CustomerSegment", "Gold")
            .Add("AccountNumber", "4711-0815")
            .Add("Language", "de-DE")
            .Add("IVRPath", "main>billing>agent")
            .Add("Priority", 5),
    }
        .Set(AttributeId.OtherDNRole, (int)DNRole.Origination)
        .Set(AttributeId.ANI, "+4930123456789")
        .Set(AttributeId.DNIS, "8001");
}
