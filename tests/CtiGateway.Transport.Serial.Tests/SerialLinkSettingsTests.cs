namespace CtiGateway.Transport.Serial.Tests;

public sealed class SerialLinkSettingsTests
{
    [Fact]
    public void Defaults_with_a_port_name_are_valid_9600_8N1_without_flow_control()
    {
        var settings = new SerialLinkSettings { PortName = "/dev/ttyS0" };

        Assert.Empty(settings.Validate());
        Assert.Equal(9600, settings.BaudRate);
        Assert.Equal(10, settings.BitsPerCharacter);
        Assert.Equal(SerialFlowControl.None, settings.FlowControl);
        settings.EnsureValid();
    }

    [Fact]
    public void Every_problem_gets_its_own_message()
    {
        var settings = new SerialLinkSettings
        {
            PortName = " ",
            BaudRate = 12345,
            DataBits = 9,
            Parity = (SerialParity)42,
            FlowControl = (SerialFlowControl)7,
            ReadTimeout = TimeSpan.FromSeconds(-2),
        };

        IReadOnlyList<string> problems = settings.Validate();

        Assert.Collection(
            problems,
            p => Assert.Contains("port-name is empty", p, StringComparison.Ordinal),
            p => Assert.Contains("baud-rate 12345 is not a standard rate", p, StringComparison.Ordinal),
            p => Assert.Contains("data-bits 9 is out of range (5 to 8)", p, StringComparison.Ordinal),
            p => Assert.Contains("parity 42 is unknown", p, StringComparison.Ordinal),
            p => Assert.Contains("flow-control 7 is unknown", p, StringComparison.Ordinal),
            p => Assert.Contains("read-timeout", p, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(8, SerialStopBits.OnePointFive, "stop-bits 1.5 needs 5 data bits, not 8")]
    [InlineData(5, SerialStopBits.Two, "stop-bits 2 is not possible with 5 data bits")]
    [InlineData(8, (SerialStopBits)9, "stop-bits 9 is unknown")]
    public void Stop_bits_must_suit_the_data_bits(int dataBits, SerialStopBits stopBits, string expected)
    {
        var settings = new SerialLinkSettings { PortName = "/dev/ttyS0", DataBits = dataBits, StopBits = stopBits };

        Assert.Contains(expected, Assert.Single(settings.Validate()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, SerialParity.None, SerialStopBits.One, 10)]
    [InlineData(8, SerialParity.Even, SerialStopBits.One, 11)]
    [InlineData(8, SerialParity.None, SerialStopBits.Two, 11)]
    [InlineData(7, SerialParity.Odd, SerialStopBits.Two, 11)]
    [InlineData(5, SerialParity.None, SerialStopBits.OnePointFive, 7.5)]
    public void Bits_per_character_count_start_data_parity_and_stop_bits(int dataBits, SerialParity parity, SerialStopBits stopBits, double expected)
    {
        var settings = new SerialLinkSettings { PortName = "/dev/ttyS0", DataBits = dataBits, Parity = parity, StopBits = stopBits };

        Assert.Equal(expected, settings.BitsPerCharacter);
    }

    [Fact]
    public void Infinite_and_positive_read_timeouts_are_accepted()
    {
        Assert.Empty(new SerialLinkSettings { PortName = "x", ReadTimeout = Timeout.InfiniteTimeSpan }.Validate());
        Assert.Empty(new SerialLinkSettings { PortName = "x", ReadTimeout = TimeSpan.FromMilliseconds(500) }.Validate());
        Assert.Single(new SerialLinkSettings { PortName = "x", ReadTimeout = TimeSpan.Zero }.Validate());
    }

    [Fact]
    public void EnsureValid_throws_naming_the_port_and_the_problems()
    {
        var settings = new SerialLinkSettings { PortName = "/dev/ttyUSB3", BaudRate = 100 };

        SerialLinkException error = Assert.Throws<SerialLinkException>(settings.EnsureValid);

        Assert.Equal("/dev/ttyUSB3", error.PortName);
        Assert.StartsWith("serial port '/dev/ttyUSB3': invalid serial settings: serial baud-rate 100", error.Message, StringComparison.Ordinal);
    }
}
