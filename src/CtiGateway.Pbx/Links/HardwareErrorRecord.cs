using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Links;

/// <summary>
/// One inconsistency detected in switch messaging (issue 3 "Hardware errors"); it becomes EventHardwareError.
/// </summary>
/// <param name="LinkName">The link it was seen on.</param>
/// <param name="Cause">Short machine-readable cause ("bad-header", "bad-xml", "missing-element", "messagesLost", "bytes-lost", ...).</param>
/// <param name="Detail">A readable message naming what was wrong and where.</param>
/// <param name="Offset">Byte offset of the problem in the frame or stream, or -1.</param>
/// <param name="BytesHex">The bytes concerned in hex, at most <see cref="MaxBytes"/> of them.</param>
/// <param name="Element">The XML element path concerned, or empty.</param>
/// <param name="Time">When it was detected.</param>
public sealed record HardwareErrorRecord(
    string LinkName, string Cause, string Detail, long Offset, string BytesHex, string Element, DateTimeOffset Time)
{
    /// <summary>Most bytes kept in <see cref="BytesHex"/>.</summary>
    public const int MaxBytes = 64;

    /// <summary>The cause of the hardware error that drops a link for an error storm.</summary>
    public const string ErrorStormCause = "error-storm";

    /// <summary>
    /// 0 for one hardware error. On a summary made by <see cref="HardwareErrorCoalescer"/>: how many errors of this cause
    /// on this link were not sent one by one (the summary stands for them; it is not one of them).
    /// </summary>
    /// <summary>For a call-level error: the DN concerned (its clients get the event), or null.</summary>
    public string? ThisDN { get; init; }

    /// <summary>For a call-level error: the gateway's ConnID of the call, or null.</summary>
    public ulong? ConnId { get; init; }

    /// <summary>For a call-level error: the call's PreviousConnID, or null.</summary>
    public ulong? PreviousConnId { get; init; }

    public long Suppressed { get; init; }

    /// <summary>From a framing error (bad FCS/BCC, bad header, a length that lies).</summary>
    public static HardwareErrorRecord FromFraming(string linkName, PbxFramingException error, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(linkName, error.Cause, error.Message, error.Offset, Hex(error.Bytes), "", time);
    }

    /// <summary>From a dialect error (unparseable or hostile XML, a missing mandatory element).</summary>
    public static HardwareErrorRecord FromDialect(string linkName, CstaDialectException error, ReadOnlySpan<byte> body, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(linkName, error.Cause, error.Message, -1, Hex(body), error.Element, time);
    }

    /// <summary>From a SystemStatus the switch sent with <c>messagesLost</c> or <c>disabled</c>.</summary>
    public static HardwareErrorRecord FromSystemStatus(string linkName, CstaSystemStatus status, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new(
            linkName,
            status.Status,
            $"Switch reported SystemStatus '{status.Status}' on link {linkName}.",
            -1,
            "",
            status.Element + "/systemStatus",
            time);
    }

    /// <summary>
    /// A start-up or ECMA-354 application-session failure: the switch refused the session, a timer reset or a start-up
    /// request, or did not complete the start-up exchange in time (causes "session-refused", "session-reset-failed",
    /// "startup-refused", "startup-timeout").
    /// </summary>
    public static HardwareErrorRecord FromSession(string linkName, string cause, string detail, string element, DateTimeOffset time) =>
        new(linkName, cause, detail, -1, "", element, time);

    /// <summary>Bytes dropped while scanning for the next valid CSTA-XML header.</summary>
    public static HardwareErrorRecord BytesLost(string linkName, long count, int maxFrameSize, ReadOnlySpan<byte> sample, DateTimeOffset time) =>
        new(
            linkName,
            "bytes-lost",
            $"No valid CSTA-XML header within {count} bytes (maximum frame size {maxFrameSize}) on link {linkName}: link dropped, {count} bytes lost.",
            -1,
            Hex(sample),
            "",
            time);

    /// <summary>The link was dropped because its hardware-error rate held at or over the threshold for the window.</summary>
    public static HardwareErrorRecord ErrorStorm(string linkName, string detail, DateTimeOffset time) =>
        new(linkName, ErrorStormCause, detail, -1, "", "", time);

    /// <summary>
    /// The summary of <paramref name="count"/> errors like this one (its cause, element and bytes are those of the last
    /// of them) that were held back because more than <paramref name="perSecond"/> came within one second.
    /// </summary>
    public HardwareErrorRecord Coalesced(long count, int perSecond, DateTimeOffset time) => this with
    {
        Detail = $"{count} more '{Cause}' hardware errors on link {LinkName} within one second were not sent one by one (at most {perSecond} per second per cause); the last: {Detail}",
        Suppressed = count,
        Time = time,

        // The summary stands for errors on many calls: it goes to every client, naming none of them.
        ThisDN = null,
        ConnId = null,
        PreviousConnId = null,
    };

    /// <summary>Hex of at most <see cref="MaxBytes"/> bytes.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes[..Math.Min(bytes.Length, MaxBytes)]);
}
