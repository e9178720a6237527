namespace CtiGateway.CallModel.Tests;

/// <summary>The model's DN cache: the same DNs as <see cref="DeviceNumber.ToDn"/>, one string per DN, bounded.</summary>
public sealed class DeviceNumberCacheTests
{
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
        var cache = new DeviceNumberCache();
        Assert.Equal(DeviceNumber.ToDn(deviceId), cache.ToDn(deviceId));
        Assert.Equal(DeviceNumber.ToDn(deviceId), cache.ToDn(deviceId));
    }

    [Fact]
    public void A_DN_cut_out_of_an_identifier_is_one_string_whatever_the_identifier_around_it()
    {
        var cache = new DeviceNumberCache();
        var alerting = cache.ToDn("N<3021061290002>;noa=nk");
        Assert.Same(alerting, cache.ToDn("N<3021061290002>Line71001;displayNumber=3021061290002"));
        Assert.Same(alerting, cache.ToDn("3021061290002;noa=nk"));
        Assert.Equal(1, cache.Count);

        var plain = "5001";
        Assert.Same(plain, cache.ToDn(plain));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void The_cache_stays_bounded_and_keeps_answering_after_it_is_emptied()
    {
        var cache = new DeviceNumberCache();
        for (var i = 0; i < DeviceNumberCache.Capacity + 10; i++)
        {
            var dn = (100_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(dn, cache.ToDn($"N<{dn}>;noa=nk"));
            Assert.InRange(cache.Count, 1, DeviceNumberCache.Capacity);
        }

        Assert.Equal(10, cache.Count);
        Assert.Equal("100000", cache.ToDn("N<100000>;noa=nk"));
        Assert.Equal(11, cache.Count);
    }
}
