using System.Globalization;

namespace CtiGateway.Cli.Bench;

/// <summary>The outcome of a <c>ctigw bench query</c> run.</summary>
internal sealed record QueryResult
{
    public required double AnsweredPerSecond { get; init; }

    public required double? P50Milliseconds { get; init; }

    public required double? P99Milliseconds { get; init; }

    public long Sent { get; init; }

    public long Answered { get; init; }

    public long Errors { get; init; }

    public string FirstError { get; init; } = string.Empty;

    public long Unexpected { get; init; }

    public int ConnectionsLost { get; init; }

    /// <summary>The one line the command ends with.</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"queries/s: {AnsweredPerSecond:0} p50-ms: {Format(P50Milliseconds)} p99-ms: {Format(P99Milliseconds)} errors: {Errors}");

    /// <summary>The details, for stderr.</summary>
    public string Details() => string.Create(CultureInfo.InvariantCulture,
        $"sent: {Sent} answered: {Answered} errors: {Errors} unexpected: {Unexpected} connections-lost: {ConnectionsLost}{(FirstError.Length > 0 ? " first-error: " + FirstError : string.Empty)}");

    private static string Format(double? ms) => ms is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}
