namespace CtiGateway.Client.Tests.Support;

/// <summary>Every await in a test is bounded: these tokens fire when something hangs.</summary>
public static class TestTimeout
{
    /// <summary>A token that fires after <paramref name="seconds"/> seconds (default 15).</summary>
    public static CancellationToken Token(double seconds = 15) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
