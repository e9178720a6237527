using System.Globalization;

namespace CtiGateway.Protocol;

/// <summary>A T-Library time: seconds since 1970-01-01 UTC plus microseconds (TimeinSecs/TimeinuSecs).</summary>
/// <param name="Seconds">Whole seconds since the Unix epoch.</param>
/// <param name="Microseconds">Microseconds, 0-999999.</param>
public readonly record struct TlibTime(long Seconds, int Microseconds)
{
    // DateTimeOffset covers 0001-01-01 to 9999-12-31: these are its bounds in Unix seconds.
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    /// <summary>True when <see cref="Microseconds"/> is 0-999999 and the time fits a <see cref="DateTimeOffset"/>.</summary>
    public bool IsRepresentable => Microseconds is >= 0 and <= 999_999 && Seconds is >= MinSeconds and <= MaxSeconds;

    /// <summary>Converts a <see cref="DateTimeOffset"/> to seconds plus microseconds (rounded down, also before 1970).</summary>
    public static TlibTime FromDateTimeOffset(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rem);
        if (rem < 0)
        {
            // Before the epoch the remainder is negative: borrow a second so that microseconds stay 0-999999.
            seconds--;
            rem += TimeSpan.TicksPerSecond;
        }

        return new TlibTime(seconds, (int)(rem / 10));
    }

    /// <summary>The time as a <see cref="DateTimeOffset"/> (UTC).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is not <see cref="IsRepresentable"/>.</exception>
    public DateTimeOffset ToDateTimeOffset()
    {
        if (!IsRepresentable)
        {
            throw new ArgumentOutOfRangeException(nameof(Seconds), this, "The time is outside 0001-01-01 to 9999-12-31 or its microseconds are outside 0-999999.");
        }

        return DateTimeOffset.UnixEpoch.AddTicks((Seconds * TimeSpan.TicksPerSecond) + (Microseconds * 10L));
    }

    /// <summary>ISO 8601 UTC with microseconds; a time a date cannot show (from the wire) prints as "Ns Mus".</summary>
    public override string ToString() => IsRepresentable
        ? ToDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Seconds}s {Microseconds}us");
}
