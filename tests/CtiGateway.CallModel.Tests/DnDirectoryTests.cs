namespace CtiGateway.CallModel.Tests;

public sealed class DnDirectoryTests
{
    [Fact]
    public void Directory_tells_the_DN_types_and_which_DNs_take_events()
    {
        var directory = new DnDirectory(
        [
            KeyValuePair.Create("5001", DnKind.Extension),
            KeyValuePair.Create("5002", DnKind.ACDPosition),
            KeyValuePair.Create("4001", DnKind.ACDQueue),
            KeyValuePair.Create("3001", DnKind.RoutingPoint),
            KeyValuePair.Create("9000", DnKind.Trunk),
        ]);
        Assert.Equal(5, directory.Count);
        Assert.True(directory.TryGetKind("4001", out var kind));
        Assert.Equal(DnKind.ACDQueue, kind);
        Assert.True(directory.IsInternal("5002"));
        Assert.True(directory.IsInternal("3001"));
        Assert.False(directory.IsInternal("9000"));
        Assert.False(directory.IsInternal("0612345678"));
        Assert.False(directory.IsInternal(null));
    }

    [Fact]
    public void A_DN_listed_twice_is_refused_naming_it()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DnDirectory([KeyValuePair.Create("5001", DnKind.Extension), KeyValuePair.Create("5001", DnKind.ACDQueue)]));
        Assert.Contains("5001", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_DN_is_refused() =>
        Assert.Throws<ArgumentException>(() => new DnDirectory([KeyValuePair.Create("", DnKind.Extension)]));
}
