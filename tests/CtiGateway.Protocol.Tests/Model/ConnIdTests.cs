namespace CtiGateway.Protocol.Tests.Model;

/// <summary>ConnID prints as 16 lowercase hex digits and parses back.</summary>
public sealed class ConnIdTests
{
    [Theory]
    [InlineData(0UL, "0000000000000000")]
    [InlineData(0x2aUL, "000000000000002a")]
    [InlineData(0x006b02a3c9e1f001UL, "006b02a3c9e1f001")]
    [InlineData(ulong.MaxValue, "ffffffffffffffff")]
    public void FormatsAs16LowercaseHexDigitsAndParsesBack(ulong value, string text)
    {
        var id = new ConnId(value);

        Assert.Equal(text, id.ToString());
        Assert.Equal(text, $"{id}");
        Assert.Equal(text, id.ToString("G", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(ConnId.TryParse(text, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Theory]
    [InlineData("2a", 0x2aUL)]
    [InlineData("0x2A", 0x2aUL)]
    [InlineData("0X006B02A3C9E1F001", 0x006b02a3c9e1f001UL)]
    [InlineData("FFFFFFFFFFFFFFFF", ulong.MaxValue)]
    public void ParsesShortUppercaseAndPrefixedForms(string text, ulong value)
    {
        Assert.True(ConnId.TryParse(text, out var id));
        Assert.Equal(value, id.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("10000000000000000")]
    [InlineData("xyz")]
    [InlineData(" 2a")]
    [InlineData("2a ")]
    [InlineData("-1")]
    [InlineData("+1")]
    public void RefusesAnythingElse(string text)
    {
        Assert.False(ConnId.TryParse(text, out var id));
        Assert.Equal(default, id);
    }

    [Fact]
    public void TryFormatNeedsSixteenChars()
    {
        var id = new ConnId(0xabc);
        Span<char> small = stackalloc char[15];
        Span<char> exact = stackalloc char[16];

        Assert.False(id.TryFormat(small, out _, default, null));
        Assert.True(id.TryFormat(exact, out var written, default, null));
        Assert.Equal(16, written);
        Assert.Equal("0000000000000abc", exact.ToString());
    }

    [Fact]
    public void TheTopBitSurvivesTheSignedWireLong()
    {
        var m = new TlibMessage(MessageType.EventReleased) { ConnID = new ConnId(0x8000_0000_0000_0001) };

        Assert.Equal(long.MinValue + 1, m.GetLong(AttributeId.ConnID));
        Assert.Equal(new ConnId(0x8000_0000_0000_0001), m.ConnID);
    }
}
