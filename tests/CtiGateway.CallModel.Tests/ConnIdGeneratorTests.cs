using CtiGateway.Protocol;

namespace CtiGateway.CallModel.Tests;

public sealed class ConnIdGeneratorTests
{
    [Fact]
    public void ConnIds_count_up_from_the_start_time_and_print_as_16_hex_digits()
    {
        var generator = new ConnIdGenerator(1_767_225_600);
        var first = generator.Next();
        var second = generator.Next();
        Assert.Equal((1_767_225_600UL << 24) + 1, first.Value);
        Assert.Equal(first.Value + 1, second.Value);
        Assert.Equal(2, generator.Issued);
        Assert.Matches("^[0-9a-f]{16}$", first.ToString());
        Assert.Equal("006955b900000001", first.ToString());
    }

    [Fact]
    public void A_later_start_never_repeats_a_ConnID_of_an_earlier_one()
    {
        var earlier = new ConnIdGenerator(1_000);
        ConnId last = default;
        for (var i = 0; i < 100_000; i++)
        {
            last = earlier.Next();
        }

        // Restarted one second later: its first ConnID is above every one the earlier run issued.
        var later = new ConnIdGenerator(1_001);
        Assert.True(later.Next().Value > last.Value);
    }

    [Fact]
    public void Two_switches_sharing_the_generator_get_distinct_ConnIDs()
    {
        var generator = new ConnIdGenerator(5);
        var directory = new DnDirectory([KeyValuePair.Create("100", DnKind.Extension)]);
        var one = new SwitchCallModel(directory, generator);
        var two = new SwitchCallModel(directory, generator);
        var sink = new RecordingSink();
        one.Apply(Csta.Originated("1", "100", "200"), sink);
        two.Apply(Csta.Originated("1", "100", "200"), sink);
        Assert.Equal(2, sink.Events.Count);
        Assert.NotEqual(sink.Events[0].Event.ConnID, sink.Events[1].Event.ConnID);
    }

    [Fact]
    public void A_start_time_beyond_40_bits_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConnIdGenerator(ConnIdGenerator.MaxStartSeconds + 1));
}
