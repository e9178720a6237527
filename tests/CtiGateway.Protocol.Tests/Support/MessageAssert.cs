namespace CtiGateway.Protocol.Tests.Support;

/// <summary>Structural equality of messages: type, attribute order, ids, value types and values.</summary>
internal static class MessageAssert
{
    public static bool AreEqual(TlibMessage expected, TlibMessage actual)
    {
        if (expected.Type != actual.Type || expected.Count != actual.Count)
        {
            return false;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            if (expected.Attributes[i].Id != actual.Attributes[i].Id || !expected.Attributes[i].Value.Equals(actual.Attributes[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    public static void Equal(TlibMessage expected, TlibMessage actual)
    {
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(Ids(expected), Ids(actual));
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected.Attributes[i];
            var a = actual.Attributes[i];
            Assert.True(e.Value.Equals(a.Value), $"{e.Name}: expected {e.Value.Type} {e.Value}, got {a.Value.Type} {a.Value}");
        }
    }

    private static AttributeId[] Ids(TlibMessage m)
    {
        var ids = new AttributeId[m.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = m.Attributes[i].Id;
        }

        return ids;
    }
}
