namespace CtiGateway.Protocol.Tests.Support;

/// <summary>Random but valid messages for the fuzz corpus, drawn from one seeded <see cref="Random"/>.</summary>
internal static class RandomMessages
{
    private static readonly string[] Fragments = ["5001", "+49", "ü", "東京", "📞", "a", " ", "-", "0", "Z", "é", "\t"];

    private static readonly AttributeValueType[] Tags =
    [
        AttributeValueType.String, AttributeValueType.Int, AttributeValueType.Binary, AttributeValueType.List,
        AttributeValueType.Long, AttributeValueType.Mask, AttributeValueType.Time,
    ];

    public static TlibMessage Next(Random rng)
    {
        var type = (MessageType)rng.Next(MessageCatalog.Count);
        var spec = MessageCatalog.Get(type);
        var candidates = spec.Mandatory.Concat(spec.Optional).ToArray();
        var m = new TlibMessage(type);
        var n = rng.Next(candidates.Length + 1);
        for (var i = 0; i < n; i++)
        {
            var id = candidates[rng.Next(candidates.Length)];
            m.Set(id, Value(rng, AttributeCatalog.GetValueType(id)));
        }

        if (rng.Next(6) == 0)
        {
            // An id past the table: any tag is accepted there.
            m.Set((AttributeId)rng.Next(AttributeCatalog.Count, ushort.MaxValue + 1), Value(rng, Tags[rng.Next(Tags.Length)]));
        }

        return m;
    }

    public static AttributeValue Value(Random rng, AttributeValueType type) => type switch
    {
        AttributeValueType.String => AttributeValue.FromString(Text(rng)),
        AttributeValueType.Int => AttributeValue.FromInt(rng.Next(4) == 0 ? rng.Next(-3, 12) : rng.Next(int.MinValue, int.MaxValue)),
        AttributeValueType.Long => AttributeValue.FromLong(rng.NextInt64(long.MinValue, long.MaxValue)),
        AttributeValueType.Binary => AttributeValue.FromBinary(Bytes(rng, rng.Next(17))),
        AttributeValueType.List => AttributeValue.FromList(List(rng, rng.Next(1, 4))),
        AttributeValueType.Mask => AttributeValue.FromMask(new TlibMask(Bytes(rng, TlibMask.Length))),
        AttributeValueType.Time => AttributeValue.FromTime(new TlibTime(rng.NextInt64(long.MinValue, long.MaxValue), rng.Next(1_000_000))),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static KeyValueList List(Random rng, int depth)
    {
        var list = new KeyValueList();
        var n = rng.Next(5);
        for (var i = 0; i < n; i++)
        {
            var key = Text(rng);
            switch (rng.Next(depth > 1 ? 5 : 4))
            {
                case 0:
                    list.Add(key, Text(rng));
                    break;
                case 1:
                    list.Add(key, rng.Next(int.MinValue, int.MaxValue));
                    break;
                case 2:
                    list.Add(key, Bytes(rng, rng.Next(9)));
                    break;
                case 3:
                    list.AddUnicode(key, Text(rng));
                    break;
                default:
                    list.Add(key, List(rng, depth - 1));
                    break;
            }
        }

        return list;
    }

    public static byte[] Bytes(Random rng, int length)
    {
        var b = new byte[length];
        rng.NextBytes(b);
        return b;
    }

    private static string Text(Random rng)
    {
        var n = rng.Next(5);
        var parts = new string[n];
        for (var i = 0; i < n; i++)
        {
            parts[i] = Fragments[rng.Next(Fragments.Length)];
        }

        return string.Concat(parts);
    }
}
