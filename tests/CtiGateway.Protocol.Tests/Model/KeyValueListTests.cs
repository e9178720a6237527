namespace CtiGateway.Protocol.Tests.Model;

/// <summary>TKVList behaviour: order kept, duplicate keys allowed, typed values without boxing.</summary>
public sealed class KeyValueListTests
{
    [Fact]
    public void PairsKeepTheirOrderAndDuplicateKeys()
    {
        var list = new KeyValueList().Add("a", "1").Add("b", 2).Add("a", "3");

        Assert.Equal(3, list.Count);
        Assert.Equal(["a", "b", "a"], list.Select(p => p.Key));
        Assert.Equal(0, list.IndexOf("a"));
        Assert.True(list.TryGetValue("a", out var first));
        Assert.Equal("1", first.AsString());
        Assert.False(list.TryGetValue("A", out _));
        Assert.Equal(-1, list.IndexOf("missing"));
    }

    [Fact]
    public void EachValueTypeIsKeptWithItsTag()
    {
        var nested = new KeyValueList().Add("x", 1);
        var list = new KeyValueList()
            .Add("s", "text")
            .Add("i", -7)
            .Add("b", new byte[] { 1, 2 })
            .Add("l", nested)
            .AddUnicode("u", "東京");

        Assert.Equal([KeyValueType.String, KeyValueType.Int, KeyValueType.Binary, KeyValueType.List, KeyValueType.Unicode], list.Select(p => p.Value.Type));
        Assert.Equal("text", list[0].Value.AsString());
        Assert.Equal(-7, list[1].Value.AsInt());
        Assert.Equal(new byte[] { 1, 2 }, list[2].Value.AsBinary());
        Assert.Same(nested, list[3].Value.AsList());
        Assert.Equal("東京", list[4].Value.AsString());
        Assert.Throws<InvalidOperationException>(() => list[0].Value.AsInt());
        Assert.Throws<InvalidOperationException>(() => list[1].Value.AsString());
    }

    [Fact]
    public void SetReplacesTheFirstPairOrAdds()
    {
        var list = new KeyValueList().Add("a", 1).Add("b", 2).Add("a", 3);

        list.Set("a", KeyValue.FromString("x")).Set("c", KeyValue.FromInt(4));

        Assert.Equal("{a=x, b=2, a=3, c=4}", list.ToString());
    }

    [Fact]
    public void RemoveDropsEveryPairWithTheKey()
    {
        var list = new KeyValueList().Add("a", 1).Add("b", 2).Add("a", 3).Add("c", 4);

        Assert.Equal(2, list.Remove("a"));
        Assert.Equal(0, list.Remove("a"));
        Assert.Equal("{b=2, c=4}", list.ToString());
        list.Clear();
        Assert.Empty(list);
    }

    [Fact]
    public void EqualityIsOrdinalOrderedAndDeep()
    {
        static KeyValueList Make(string last) => new KeyValueList()
            .Add("s", "v").Add("b", new byte[] { 9 }).AddUnicode("u", "ü").Add("n", new KeyValueList().Add("deep", last));

        Assert.Equal(Make("x"), Make("x"));
        Assert.Equal(Make("x").GetHashCode(), Make("x").GetHashCode());
        Assert.NotEqual(Make("x"), Make("y"));
        Assert.NotEqual(new KeyValueList().Add("a", 1).Add("b", 2), new KeyValueList().Add("b", 2).Add("a", 1));
        Assert.NotEqual(new KeyValueList().Add("a", "x"), new KeyValueList().AddUnicode("a", "x"));
        Assert.NotEqual(new KeyValueList().Add("k", "x"), new KeyValueList().Add("K", "x"));
        Assert.False(new KeyValueList().Equals(null));
    }

    [Fact]
    public void CloneIsDeepForNestedListsOnly()
    {
        var bytes = new byte[] { 1 };
        var original = new KeyValueList().Add("n", new KeyValueList().Add("x", 1)).Add("b", bytes);

        var copy = original.Clone();
        copy[0].Value.AsList().Add("y", 2);

        Assert.Single(original[0].Value.AsList());
        Assert.Same(bytes, copy[1].Value.AsBinary());
    }

    [Fact]
    public void NullKeysAndValuesAreRefused()
    {
        var list = new KeyValueList();

        Assert.Throws<ArgumentNullException>(() => list.Add(null!, 1));
        Assert.Throws<ArgumentNullException>(() => list.Add("k", (string)null!));
        Assert.Throws<ArgumentNullException>(() => list.Add("k", (byte[])null!));
        Assert.Throws<ArgumentNullException>(() => list.Add("k", (KeyValueList)null!));
        Assert.Throws<ArgumentException>(() => list.Set("k", default));
        Assert.True(default(KeyValue).IsEmpty);
        Assert.False(KeyValue.FromInt(0).IsEmpty);
        Assert.Empty(list);
    }

    [Fact]
    public void ToStringShowsEveryType()
    {
        var list = new KeyValueList().Add("s", "v").Add("i", 1).Add("b", new byte[] { 0xFF }).Add("l", new KeyValueList().Add("x", 2));

        Assert.Equal("{s=v, i=1, b=/w==, l={x=2}}", list.ToString());
    }
}
