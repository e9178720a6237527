namespace CtiGateway.Protocol;

/// <summary>A T-Library time: seconds since 1970-01-01 UTC plus microseconds (TimeinSecs/TimeinuSecs).</summary>
/// <param name="Seconds">Whole seconds since the Unix epoch.</param>
/// <param name="Microseconds">Microseconds, 0-999999.</param>
public readonly record struct TlibTime(long Seconds, int Microseconds)
{
    /// <summary>Converts a <see cref="DateTimeOffset"/> to seconds plus microseconds.</summary>
    public static TlibTime FromDateTimeOffset(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rem);
        return new TlibTime(seconds, (int)(rem / 10));
    }

    /// <summary>The time as a <see cref="DateTimeOffset"/> (UTC).</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.UnixEpoch.AddTicks((Seconds * TimeSpan.TicksPerSecond) + (Microseconds * 10L));

    /// <inheritdoc />
    public override string ToString() => ToDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture);
}
