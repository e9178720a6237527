namespace CtiGateway.Pbx;

/// <summary>
/// Bytes from a switch link that break the framing rules (bad FCS or BCC, a length that lies, a frame over the
/// maximum). It names the cause, the byte offset and the bytes concerned, so that it can become a hardware-error
/// record for EventHardwareError.
/// </summary>
public sealed class PbxFramingException : Exception
{
    public PbxFramingException(string cause, string message, long offset = -1, byte[]? bytes = null)
        : base(message)
    {
        Cause = cause;
        Offset = offset;
        Bytes = bytes ?? [];
    }

    public PbxFramingException()
        : this("framing", "Malformed switch-link data.")
    {
    }

    public PbxFramingException(string message)
        : this("framing", message)
    {
    }

    public PbxFramingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Cause = "framing";
        Offset = -1;
        Bytes = [];
    }

    /// <summary>A short machine-readable cause, e.g. "bad-fcs", "bad-bcc", "length-over-maximum".</summary>
    public string Cause { get; }

    /// <summary>Offset of the problem in the input, or -1.</summary>
    public long Offset { get; }

    /// <summary>The bytes concerned (bounded copy), for the hardware-error record.</summary>
    public byte[] Bytes { get; }
}
