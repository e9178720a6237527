namespace CtiGateway.Client.Tests.Support;

/// <summary>Every await in a test is bounded: these tokens fire when something hangs.</summary>
public static class TestTimeout
{
    /// <summary>The longest an async test may run, disposals included (the <c>Timeout</c> of its Fact or Theory).</summary>
    public const int Test = 60_000;

    /// <summary>A token that fires after <paramref name="seconds"/> seconds (default 15) or when the test is cancelled.</summary>
    public static CancellationToken Token(CancellationToken test, double seconds = 15)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(test);
        source.CancelAfter(TimeSpan.FromSeconds(seconds));
        return source.Token;
    }
}
