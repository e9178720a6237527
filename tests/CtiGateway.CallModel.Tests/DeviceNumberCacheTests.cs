using System.Globalization;

namespace CtiGateway.CallModel.Tests;

/// <summary>The model's DN cache: the same DNs as <see cref="DeviceNumber.ToDn"/>, one string per DN, bounded.</summary>
public sealed class DeviceNumberCacheTests
{
    private static readonly DnDirectory Directory = new([KeyValuePair.Create("5001", DnKind.Extension), KeyValuePair.Create("3021061290002", DnKind.Extension)]);

    [Theory]
    [InlineData("5001")]
    [InlineData("N<3021061290002>;noa=nk")]
    [InlineData("N<7868772298>Line71001;displayNumber=7868772298;uid=FF00010000000000EC6114647E570000")]
    [InlineData("N<+17867100000>;uid=FF00010000000000CFB6706408000000")]
    [InlineData("302118840100;noa=nk")]
    [InlineData("N<>;noa=nk")]
    [InlineData("N<5001")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData(";noa=nk")]
    public void Device_identifiers_reduce_to_the_same_DN_as_without_the_cache(string? deviceId)
    {
        var cache = new DeviceNumberCache(Directory);
        Assert.Equal(DeviceNumber.ToDn(deviceId), cache.ToDn(deviceId));
        Assert.Equal(DeviceNumber.ToDn(deviceId), cache.ToDn(deviceId));
    }

    [Fact]
    public void A_DN_cut_out_of_an_identifier_is_one_string_whatever_the_identifier_around_it()
    {
        var cache = new DeviceNumberCache(Directory);
        var alerting = cache.ToDn("N<3021061290002>;noa=nk");
        Assert.Same(alerting, cache.ToDn("N<3021061290002>Line71001;displayNumber=3021061290002"));
        Assert.Same(alerting, cache.ToDn("3021061290002;noa=nk"));
        var caller = cache.ToDn("N<7868772298>Line71001;displayNumber=7868772298");
        Assert.Same(caller, cache.ToDn("N<7868772298>;noa=nk"));
        Assert.Equal(1, cache.NetworkCount);

        // A DN of the directory is the directory's own string, however the frame spelt it.
        Assert.True(Directory.TryGetDn("3021061290002", out var held));
        Assert.Same(held, alerting);
        var fromFrame = new string("5001".AsSpan());
        Assert.True(Directory.TryGetDn("5001", out var station));
        Assert.NotSame(station, fromFrame);
        Assert.Same(station, cache.ToDn(fromFrame));
        Assert.Same(station, cache.ToDn("N<5001>;noa=nk"));

        // A plain number outside the switch is returned as it is (nothing kept).
        var network = new string("611000001".AsSpan());
        Assert.Same(network, cache.ToDn(network));
        Assert.Equal(1, cache.NetworkCount);
    }

    [Fact]
    public void Network_numbers_stay_bounded_and_the_switch_DNs_stay_known()
    {
        var cache = new DeviceNumberCache(Directory);
        var station = cache.ToDn("N<5001>;noa=nk");
        for (var i = 0; i < DeviceNumberCache.NetworkCapacity + 10; i++)
        {
            var number = (611_000_000 + i).ToString(CultureInfo.InvariantCulture);
            Assert.Equal(number, cache.ToDn($"N<{number}>;noa=nk"));
            Assert.InRange(cache.NetworkCount, 1, DeviceNumberCache.NetworkCapacity);
        }

        Assert.Equal(10, cache.NetworkCount);
        Assert.Same(station, cache.ToDn("N<5001>;noa=nk"));
        Assert.Equal("611000000", cache.ToDn("N<611000000>;noa=nk"));
        Assert.Equal(11, cache.NetworkCount);
    }
}
