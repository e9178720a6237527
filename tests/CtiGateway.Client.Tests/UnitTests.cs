using System.Net;

namespace CtiGateway.Client.Tests;

public sealed class UnitTests
{
    [Fact]
    public void ReferenceIdSequenceWrapsToOne()
    {
        var sequence = new ReferenceIdSequence(int.MaxValue - 1);

        Assert.Equal(int.MaxValue, sequence.Next());
        Assert.Equal(1, sequence.Next());
        Assert.Equal(2, sequence.Next());
    }

    [Fact]
    public void BackoffGrowsWithJitterAndStaysWithinBounds()
    {
        var min = TimeSpan.FromMilliseconds(100);
        var max = TimeSpan.FromSeconds(5);

        Assert.Equal(min, ReconnectBackoff.GetDelay(0, min, max, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(100), ReconnectBackoff.GetDelay(1, min, max, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(200), ReconnectBackoff.GetDelay(1, min, max, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(600), ReconnectBackoff.GetDelay(3, min, max, 0.5));
        Assert.Equal(max, ReconnectBackoff.GetDelay(40, min, max, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(2500), ReconnectBackoff.GetDelay(int.MaxValue, min, max, 0));
    }

    [Theory]
    [InlineData("127.0.0.1:3000", "127.0.0.1:3000")]
    [InlineData("[::1]:3000", "[::1]:3000")]
    [InlineData("tserver.example:3001", "Unspecified/tserver.example:3001")]
    public void EndpointsParse(string text, string expected) =>
        Assert.Equal(expected, TServerClientOptions.ParseEndPoint(text).ToString());

    [Theory]
    [InlineData("localhost", "is not HOST:PORT")]
    [InlineData("localhost:0", "port '0' is not a number from 1 to 65535")]
    [InlineData("localhost:x", "port 'x'")]
    [InlineData("::1:3000", "IPv6 address in brackets")]
    [InlineData(":3000", "is not HOST:PORT")]
    public void BadEndpointsSayWhatIsWrong(string text, string expected)
    {
        Assert.False(TServerClientOptions.TryParseEndPoint(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOptionsNameTheOption()
    {
        Assert.Contains("Endpoints", Assert.Throws<ArgumentException>(() => new TServerClient(new TServerClientOptions())).Message, StringComparison.Ordinal);

        var options = new TServerClientOptions { ReconnectMinDelay = TimeSpan.FromSeconds(5), ReconnectMaxDelay = TimeSpan.FromSeconds(1) }
            .AddEndpoint(new IPEndPoint(IPAddress.Loopback, 3000));
        Assert.Contains("ReconnectMaxDelay", Assert.Throws<ArgumentException>(() => new TServerClient(options)).Message, StringComparison.Ordinal);

        options.ReconnectMinDelay = TimeSpan.FromSeconds(1);
        options.Addp = new AddpOptions { TimeoutSeconds = 4000 };
        Assert.Contains("TimeoutSeconds", Assert.Throws<ArgumentException>(() => new TServerClient(options)).Message, StringComparison.Ordinal);
    }
}
