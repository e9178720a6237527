using CtiGateway.Pbx.Links;

namespace CtiGateway.Pbx.Tests.Links;

public sealed class ReconnectPolicyTests
{
    private static ReconnectPolicy Policy(double jitter, int seed = 7) => new(
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 2.0, jitter, TimeSpan.FromSeconds(60), new Random(seed));

    [Fact]
    public void WithoutJitterDelaysDoubleUpToTheMax()
    {
        var policy = Policy(0);
        var delays = Enumerable.Range(0, 8).Select(_ => policy.NextDelay().TotalSeconds).ToArray();
        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
        Assert.Equal(8, policy.Attempt);
    }

    [Fact]
    public void JitterStaysWithinBoundsOfTheBaseDelay()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var policy = Policy(0.25, seed);
            for (var i = 0; i < 10; i++)
            {
                var expectedBase = Math.Min(Math.Pow(2, i), 30);
                var delay = policy.NextDelay().TotalSeconds;
                Assert.InRange(delay, expectedBase * 0.75 - 1e-6, expectedBase * 1.25 + 1e-6);
            }
        }
    }

    [Fact]
    public void SameSeedGivesSameSequence()
    {
        var a = Policy(0.5, 42);
        var b = Policy(0.5, 42);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(a.NextDelay(), b.NextDelay());
        }
    }

    [Fact]
    public void ResetsOnlyAfterAConnectionThatLivedLongerThanTheThreshold()
    {
        var policy = Policy(0);
        policy.NextDelay();
        policy.NextDelay();
        policy.OnConnected(TimeSpan.FromSeconds(100));
        Assert.False(policy.OnDisconnected(TimeSpan.FromSeconds(110)));
        Assert.Equal(TimeSpan.FromSeconds(4), policy.NextDelay());

        policy.OnConnected(TimeSpan.FromSeconds(200));
        Assert.True(policy.OnDisconnected(TimeSpan.FromSeconds(260)));
        Assert.Equal(0, policy.Attempt);
        Assert.Equal(TimeSpan.FromSeconds(1), policy.NextDelay());
    }

    [Fact]
    public void RejectsBadSettings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy(TimeSpan.Zero, TimeSpan.FromSeconds(1), 2, 0, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 2, 0, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 0.5, 0, TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 2, 1.5, TimeSpan.Zero));
    }
}
