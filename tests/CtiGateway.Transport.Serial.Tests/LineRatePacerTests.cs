namespace CtiGateway.Transport.Serial.Tests;

public sealed class LineRatePacerTests
{
    private static LineRatePacer Pacer(int baud, int dataBits = 8, SerialParity parity = SerialParity.None, SerialStopBits stop = SerialStopBits.One) =>
        new(new SerialLinkSettings { PortName = "/dev/ttyS0", BaudRate = baud, DataBits = dataBits, Parity = parity, StopBits = stop });

    [Theory]
    [InlineData(115200, 8, SerialParity.None, SerialStopBits.One, 11520.0)]
    [InlineData(115200, 8, SerialParity.Even, SerialStopBits.One, 115200.0 / 11)]
    [InlineData(115200, 8, SerialParity.None, SerialStopBits.Two, 115200.0 / 11)]
    [InlineData(9600, 7, SerialParity.Even, SerialStopBits.One, 960.0)]
    [InlineData(9600, 5, SerialParity.None, SerialStopBits.OnePointFive, 9600.0 / 7.5)]
    public void Bytes_per_second_is_baud_over_bits_per_character(int baud, int dataBits, SerialParity parity, SerialStopBits stop, double expected)
    {
        Assert.Equal(expected, Pacer(baud, dataBits, parity, stop).BytesPerSecond, precision: 9);
    }

    [Fact]
    public void A_second_of_115200_8N1_carries_exactly_11520_bytes()
    {
        LineRatePacer pacer = Pacer(115200);

        Assert.Equal(TimeSpan.FromSeconds(1), pacer.TransmitTime(11520));
        Assert.Equal(TimeSpan.FromTicks(869), pacer.TransmitTime(1)); // 86.806 µs rounded up to a whole tick
        Assert.Equal(TimeSpan.FromTicks(955), Pacer(115200, parity: SerialParity.Even).TransmitTime(1)); // 95.486 µs
    }

    [Fact]
    public void Bytes_written_back_to_back_never_drift_from_the_line_rate()
    {
        LineRatePacer pacer = Pacer(115200);
        TimeSpan now = TimeSpan.Zero;

        for (int i = 0; i < 11520; i++)
        {
            now += pacer.Schedule(1, now);
        }

        Assert.Equal(TimeSpan.FromSeconds(1), now);
        Assert.Equal(now, pacer.LineFreeAt);
    }

    [Fact]
    public void Writes_queued_at_once_wait_behind_each_other()
    {
        LineRatePacer pacer = Pacer(9600); // 960 bytes/s

        Assert.Equal(TimeSpan.FromMilliseconds(100), pacer.Schedule(96, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(200), pacer.Schedule(96, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(250), pacer.Schedule(96, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(TimeSpan.FromMilliseconds(300), pacer.LineFreeAt);
    }

    [Fact]
    public void An_idle_line_starts_a_new_burst_at_the_callers_time()
    {
        LineRatePacer pacer = Pacer(9600);
        pacer.Schedule(96, TimeSpan.Zero); // busy until 100 ms

        TimeSpan wait = pacer.Schedule(48, TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromMilliseconds(50), wait);
        Assert.Equal(TimeSpan.FromSeconds(5) + TimeSpan.FromMilliseconds(50), pacer.LineFreeAt);
    }

    [Fact]
    public void Asking_does_not_schedule_and_zero_bytes_need_no_wait()
    {
        LineRatePacer pacer = Pacer(9600);

        Assert.Equal(TimeSpan.FromMilliseconds(100), pacer.DelayBeforeWrite(96, TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, pacer.LineFreeAt);
        Assert.Equal(TimeSpan.Zero, pacer.Schedule(0, TimeSpan.FromSeconds(1)));

        pacer.Schedule(96, TimeSpan.Zero);
        pacer.Reset();
        Assert.Equal(TimeSpan.Zero, pacer.LineFreeAt);
        Assert.Equal(TimeSpan.FromMilliseconds(100), pacer.Schedule(96, TimeSpan.Zero));
    }

    [Fact]
    public void Invalid_settings_and_negative_counts_are_rejected()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => Pacer(12345));
        Assert.Contains("baud-rate 12345", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Pacer(9600).Schedule(-1, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => Pacer(9600).TransmitTime(-1));
    }
}
