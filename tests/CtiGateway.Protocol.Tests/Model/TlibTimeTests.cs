namespace CtiGateway.Protocol.Tests.Model;

/// <summary>TlibTime: Unix seconds plus microseconds, and its conversion to dates.</summary>
public sealed class TlibTimeTests
{
    [Fact]
    public void ConvertsToAndFromDateTimeOffset()
    {
        var when = new DateTimeOffset(2026, 11, 22, 21, 6, 58, TimeSpan.FromHours(1)).AddTicks(1_234_567);

        var t = TlibTime.FromDateTimeOffset(when);

        Assert.Equal(when.ToUnixTimeSeconds(), t.Seconds);
        Assert.Equal(123_456, t.Microseconds);
        Assert.Equal(when.UtcDateTime.AddTicks(-7), t.ToDateTimeOffset().UtcDateTime);
        Assert.Equal(TimeSpan.Zero, t.ToDateTimeOffset().Offset);
    }

    [Fact]
    public void TimesBefore1970KeepMicrosecondsInRange()
    {
        var when = DateTimeOffset.UnixEpoch.AddTicks(-15); // 1.5 microseconds before the epoch

        var t = TlibTime.FromDateTimeOffset(when);

        Assert.Equal(new TlibTime(-1, 999_998), t);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks(-20), t.ToDateTimeOffset());
        Assert.Equal("1969-12-31T23:59:59.999998Z", t.ToString());
    }

    [Fact]
    public void ToStringIsIso8601WithMicroseconds()
    {
        Assert.Equal("1970-01-01T00:00:00.000000Z", new TlibTime(0, 0).ToString());
        Assert.Equal("2026-11-22T20:06:58.000001Z", new TlibTime(1_795_378_018, 1).ToString());
    }

    [Theory]
    [InlineData(long.MaxValue, 0, "9223372036854775807s 0us")]
    [InlineData(long.MinValue, 5, "-9223372036854775808s 5us")]
    [InlineData(253_402_300_800, 0, "253402300800s 0us")]
    [InlineData(0, 1_000_000, "0s 1000000us")]
    public void ATimeNoDateCanShowPrintsAsSeconds(long seconds, int micro, string text)
    {
        // Such times arrive from the wire (any i64): printing a message must not throw.
        var t = new TlibTime(seconds, micro);

        Assert.False(t.IsRepresentable);
        Assert.Equal(text, t.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => t.ToDateTimeOffset());
    }

    [Fact]
    public void TheDateRangeEndsAreRepresentable()
    {
        Assert.Equal(DateTimeOffset.MinValue, new TlibTime(-62_135_596_800, 0).ToDateTimeOffset());
        Assert.Equal(DateTimeOffset.MaxValue.AddTicks(-9), new TlibTime(253_402_300_799, 999_999).ToDateTimeOffset());
    }
}
