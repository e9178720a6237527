namespace CtiGateway.Protocol.Tests.Model;

/// <summary>The 64-byte T-Library mask: bit E is byte E/8, bit E%8.</summary>
public sealed class TlibMaskTests
{
    [Fact]
    public void BitsMapToBytesLeastSignificantFirst()
    {
        var m = new TlibMask().Set(0).Set(9).Set(511);

        Assert.Equal(0x01, m.Bytes[0]);
        Assert.Equal(0x02, m.Bytes[1]);
        Assert.Equal(0x80, m.Bytes[63]);
        Assert.True(m.IsSet(9));
        Assert.False(m.IsSet(8));
        Assert.False(m.IsSet(-1));
        Assert.False(m.IsSet(512));
    }

    [Fact]
    public void MessageTypeBitsSetAndClear()
    {
        var m = new TlibMask().Set(MessageType.EventRinging).Set(MessageType.EventReleased).Set(MessageType.EventError);
        m.Set(MessageType.EventError, false);

        Assert.True(m.IsSet(MessageType.EventRinging));
        Assert.False(m.IsSet(MessageType.EventError));
        Assert.Equal([MessageType.EventRinging, MessageType.EventReleased], m.SetMessageTypes().Order());
    }

    [Fact]
    public void AllSetsEveryBit()
    {
        var all = TlibMask.All();

        Assert.True(all.Bytes.ToArray().All(b => b == 0xFF));
        Assert.Equal(MessageCatalog.Count, all.SetMessageTypes().Count());
        Assert.Equal(new string('f', 128), all.ToString());
    }

    [Fact]
    public void OutOfRangeBitsAndWrongLengthsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TlibMask().Set(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TlibMask().Set(512));
        Assert.Throws<ArgumentException>(() => new TlibMask(new byte[63]));
        Assert.Throws<ArgumentException>(() => new TlibMask(new byte[65]));
    }

    [Fact]
    public void EqualityComparesTheBytesAndTheConstructorCopies()
    {
        var bytes = new byte[TlibMask.Length];
        bytes[3] = 0x10;
        var a = new TlibMask(bytes);
        bytes[3] = 0;

        Assert.True(a.IsSet(28));
        Assert.Equal(new TlibMask().Set(28), a);
        Assert.Equal(new TlibMask().Set(28).GetHashCode(), a.GetHashCode());
        Assert.NotEqual(new TlibMask(), a);
    }
}
