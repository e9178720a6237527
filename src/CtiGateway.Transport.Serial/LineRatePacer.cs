namespace CtiGateway.Transport.Serial;

/// <summary>
/// Pure pacing of output to the rate of an asynchronous serial line (pseudo-terminals have no baud rate, so the
/// simulator paces itself). A character takes start + data + parity + stop bits, so bytes/s = baud / bits per
/// character: 11,520 bytes/s at 115200 8N1 (10 bits), 10,472.7 at 115200 8E1 or 8N2 (11 bits).
/// The caller supplies the time; the pacer says how long to wait before bytes may be handed to the port so that they
/// appear no earlier than the last bit of the last byte would on a real line. Times are computed from the start of
/// the current burst, so rounding never accumulates.
/// </summary>
public sealed class LineRatePacer
{
    private readonly long _halfBitsPerCharacter;
    private readonly long _baudRate;
    private TimeSpan _burstStart;
    private long _burstBytes;
    private TimeSpan _lineFreeAt;

    /// <summary>Creates a pacer for the line described by the settings.</summary>
    /// <param name="settings">The line settings (baud rate, data bits, parity and stop bits are used).</param>
    /// <exception cref="ArgumentException">The settings are invalid.</exception>
    public LineRatePacer(SerialLinkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        IReadOnlyList<string> problems = (settings with { PortName = "pacer" }).Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid serial settings for pacing: " + string.Join("; ", problems), nameof(settings));
        }

        _halfBitsPerCharacter = settings.HalfBitsPerCharacter;
        _baudRate = settings.BaudRate;
    }

    /// <summary>Bytes per second the line carries.</summary>
    public double BytesPerSecond => _baudRate * 2.0 / _halfBitsPerCharacter;

    /// <summary>When the last scheduled byte has fully left the line.</summary>
    public TimeSpan LineFreeAt => _lineFreeAt;

    /// <summary>How long the line needs to carry the given number of bytes (rounded up to a whole tick).</summary>
    /// <param name="byteCount">Number of bytes.</param>
    /// <returns>The transmission time.</returns>
    public TimeSpan TransmitTime(long byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        Int128 halfBits = (Int128)byteCount * _halfBitsPerCharacter;
        Int128 divisor = 2 * (Int128)_baudRate;
        Int128 ticks = ((halfBits * TimeSpan.TicksPerSecond) + divisor - 1) / divisor;
        return ticks > TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>How long to wait, from <paramref name="now"/>, before writing <paramref name="byteCount"/> more bytes, without scheduling them.</summary>
    /// <param name="byteCount">Number of bytes about to be written.</param>
    /// <param name="now">The caller's clock.</param>
    /// <returns>The wait; zero only for zero bytes.</returns>
    public TimeSpan DelayBeforeWrite(int byteCount, TimeSpan now) => CompletionOf(byteCount, now, out _, out _) - now;

    /// <summary>Schedules <paramref name="byteCount"/> bytes on the line and returns how long to wait before writing them.</summary>
    /// <param name="byteCount">Number of bytes about to be written.</param>
    /// <param name="now">The caller's clock.</param>
    /// <returns>The wait from <paramref name="now"/> until the bytes would have been fully received on a real line.</returns>
    public TimeSpan Schedule(int byteCount, TimeSpan now)
    {
        TimeSpan completion = CompletionOf(byteCount, now, out TimeSpan burstStart, out long burstBytes);
        _burstStart = burstStart;
        _burstBytes = burstBytes;
        _lineFreeAt = completion;
        return completion - now;
    }

    /// <summary>Forgets the schedule (the line is idle).</summary>
    public void Reset()
    {
        _burstStart = TimeSpan.Zero;
        _burstBytes = 0;
        _lineFreeAt = TimeSpan.Zero;
    }

    private TimeSpan CompletionOf(int byteCount, TimeSpan now, out TimeSpan burstStart, out long burstBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        if (now > _lineFreeAt)
        {
            // The line has gone idle: a new burst starts now. A write exactly at LineFreeAt continues the burst,
            // so back-to-back writes are timed from the burst start and per-write rounding never accumulates.
            burstStart = now;
            burstBytes = byteCount;
        }
        else
        {
            burstStart = _burstStart;
            burstBytes = _burstBytes + byteCount;
        }

        return byteCount == 0 ? now : burstStart + TransmitTime(burstBytes);
    }
}
