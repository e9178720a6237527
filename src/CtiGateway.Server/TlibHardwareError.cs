using CtiGateway.Protocol;

namespace CtiGateway.Server;

/// <summary>
/// One hardware error of a switch, as EventHardwareError carries it: ErrorMessage is <see cref="Detail"/>, Extensions
/// hold switch, link, cause, detail, offset, bytes, and element / suppressed when set. A call-level error also names
/// the call (ConnID) and the DN.
/// </summary>
/// <param name="SwitchName">The switch (Extensions <c>switch</c>).</param>
/// <param name="LinkName">The link (Extensions <c>link</c>).</param>
/// <param name="Cause">A short cause, e.g. <c>malformed-frame</c>, <c>unknown-call</c> (Extensions <c>cause</c>).</param>
/// <param name="Detail">A sentence saying what was wrong.</param>
public sealed record TlibHardwareError(string SwitchName, string LinkName, string Cause, string Detail)
{
    /// <summary>Byte offset in the link's input where the bad data began (0 when not a framing error).</summary>
    public long Offset { get; init; }

    /// <summary>The first bytes of the bad data, in hex (empty when none).</summary>
    public string BytesHex { get; init; } = string.Empty;

    /// <summary>The CSTA element at fault, e.g. <c>HeldEvent/heldConnection</c> (empty when none).</summary>
    public string Element { get; init; } = string.Empty;

    /// <summary>For a coalesced summary, how many errors of the same cause it stands for.</summary>
    public long Suppressed { get; init; }

    /// <summary>The call concerned, for a call-level error.</summary>
    public ConnId? ConnId { get; init; }

    /// <summary>The call's PreviousConnID, for a call-level error on a consultation call.</summary>
    public ConnId? PreviousConnId { get; init; }

    /// <summary>The DN concerned; when set, only that DN's clients get the event.</summary>
    public string? ThisDN { get; init; }

    /// <summary>The EventHardwareError this error is published as.</summary>
    public TlibMessage ToEvent()
    {
        var extensions = new KeyValueList(9)
            .Add("switch", SwitchName)
            .Add("link", LinkName)
            .Add("cause", Cause)
            .Add("detail", Detail)
            .Add("offset", Clamp(Offset))
            .Add("bytes", BytesHex);
        if (Element.Length > 0)
        {
            extensions.Add("element", Element);
        }

        if (Suppressed > 0)
        {
            extensions.Add("suppressed", Clamp(Suppressed));
        }

        var evt = new TlibMessage(MessageType.EventHardwareError, 10)
        {
            ErrorCode = 0,
            ErrorMessage = Detail,
            Extensions = extensions,
        };
        if (ConnId is { } connId)
        {
            evt.ConnID = connId;
        }

        if (PreviousConnId is { } previous)
        {
            evt.Set(AttributeId.PreviousConnID, unchecked((long)previous.Value));
        }

        if (ThisDN is { } dn)
        {
            evt.ThisDN = dn;
        }

        return evt;
    }

    private static int Clamp(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);
}
