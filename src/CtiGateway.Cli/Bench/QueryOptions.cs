namespace CtiGateway.Cli.Bench;

/// <summary>The settings of <c>ctigw bench query</c>.</summary>
internal sealed record QueryOptions
{
    public int Connections { get; init; } = 4;

    /// <summary>The first DN queried; the DNs are this number and the ones after it.</summary>
    public long FirstDn { get; init; } = 5001;

    public int Dns { get; init; } = 20;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests in flight per connection.</summary>
    public int Window { get; init; } = 128;

    /// <summary>The AddressInfoType asked for.</summary>
    public AddressInfoType InfoType { get; init; } = AddressInfoType.DNStatus;

    public TimeSpan MaxDrain { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>DN <paramref name="index"/> (0-based).</summary>
    public string DnName(int index) => (FirstDn + index).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
