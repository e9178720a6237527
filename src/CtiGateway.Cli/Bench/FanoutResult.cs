using System.Globalization;

namespace CtiGateway.Cli.Bench;

/// <summary>The outcome of a fan-out run and the loss accounting.</summary>
internal sealed record FanoutResult
{
    public required double DeliveredPerSecond { get; init; }

    public required double PublishedPerSecond { get; init; }

    public required double? P99Milliseconds { get; init; }

    public required long Lost { get; init; }

    public long Published { get; init; }

    public long Delivered { get; init; }

    public long Errors { get; init; }

    public long OutOfOrder { get; init; }

    public long Misrouted { get; init; }

    public long Undecodable { get; init; }

    public int ConnectionsLost { get; init; }

    /// <summary>lost = published x clients on that DN - delivered, summed over the DNs.</summary>
    public static long ComputeLost(IReadOnlyList<long> publishedPerDn, IReadOnlyList<int> clientsPerDn, IReadOnlyList<long> deliveredPerDn)
    {
        long lost = 0;
        for (var dn = 0; dn < publishedPerDn.Count; dn++)
        {
            lost += (publishedPerDn[dn] * clientsPerDn[dn]) - deliveredPerDn[dn];
        }

        return lost;
    }

    /// <summary>The one line the command ends with.</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"delivered/s: {DeliveredPerSecond:0} published/s: {PublishedPerSecond:0} p99-ms: {(P99Milliseconds is { } p ? p.ToString("0.000", CultureInfo.InvariantCulture) : "n/a")} lost: {Lost}");

    /// <summary>The details, for stderr.</summary>
    public string Details() => string.Create(CultureInfo.InvariantCulture,
        $"published: {Published} delivered: {Delivered} errors: {Errors} out-of-order: {OutOfOrder} misrouted: {Misrouted} undecodable: {Undecodable} connections-lost: {ConnectionsLost}");
}
