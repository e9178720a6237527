namespace CtiGateway.Protocol.Tests.WireFormat;

/// <summary>Compares messages attribute by attribute, with failure messages that name the attribute.</summary>
internal static class MessageAssert
{
    public static void Equal(TlibMessage expected, TlibMessage actual, string context)
    {
        Assert.True(expected.Type == actual.Type, $"{context}: message type is {actual.Name} ({(int)actual.Type}), expected {expected.Name} ({(int)expected.Type}).");
        var e = expected.Attributes;
        var a = actual.Attributes;
        for (var i = 0; i < Math.Min(e.Length, a.Length); i++)
        {
            Assert.True(e[i].Id == a[i].Id, $"{context}: attribute {i + 1} is {a[i].Name} ({(int)a[i].Id}), expected {e[i].Name} ({(int)e[i].Id}).");
            Assert.True(
                e[i].Value.Equals(a[i].Value),
                $"{context}: {e[i].Name} is {a[i].Value.Type} '{a[i].Value}', expected {e[i].Value.Type} '{e[i].Value}'.");
        }

        Assert.True(e.Length == a.Length, $"{context}: {a.Length} attributes, expected {e.Length} ({expected}).");
    }
}
