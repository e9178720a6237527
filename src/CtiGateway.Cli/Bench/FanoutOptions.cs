namespace CtiGateway.Cli.Bench;

/// <summary>The settings of <c>ctigw bench fanout</c>.</summary>
internal sealed record FanoutOptions
{
    public int Clients { get; init; } = 100;

    public int Dns { get; init; } = 1;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public int EventSize { get; init; } = 200;

    public int Publishers { get; init; } = 4;

    public int Window { get; init; } = 1024;

    public TimeSpan MaxDrain { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The name of DN <paramref name="index"/> (0-based): bench-0001, bench-0002, ...</summary>
    public static string DnName(int index) => $"bench-{index + 1:D4}";
}
