namespace CtiGateway.Pbx.Csta;

/// <summary>
/// A CSTA-XML body that breaks the dialect rules: unparseable or hostile XML, or a missing mandatory element. It
/// names the cause, the element path and, for XML that is not well-formed, the byte offset in the body where the fault
/// was found, so that it can become a hardware-error record for EventHardwareError.
/// </summary>
public sealed class CstaDialectException : Exception
{
    public CstaDialectException(string cause, string message, string element = "")
        : base(message)
    {
        Cause = cause;
        Element = element;
    }

    public CstaDialectException()
        : this("bad-xml", "Malformed CSTA-XML body.")
    {
    }

    public CstaDialectException(string message)
        : this("bad-xml", message)
    {
    }

    public CstaDialectException(string message, Exception innerException)
        : base(message, innerException)
    {
        Cause = "bad-xml";
        Element = "";
    }

    internal CstaDialectException(string cause, string message, string element, Exception innerException)
        : base(message, innerException)
    {
        Cause = cause;
        Element = element;
    }

    internal CstaDialectException(string cause, string message, string element, long offset)
        : base(message)
    {
        Cause = cause;
        Element = element;
        Offset = offset;
    }

    /// <summary>
    /// A short machine-readable cause: "bad-xml", "xml-dtd", "xml-too-deep", "xml-too-large" or "missing-element".
    /// </summary>
    public string Cause { get; }

    /// <summary>The element path concerned (e.g. "DeliveredEvent/connection/callID"), or empty.</summary>
    public string Element { get; }

    /// <summary>
    /// The byte offset in the XML body (0 is its first byte) where the fault was found, or -1 when the fault is not at
    /// one place (a missing element, a body over the size limit) or the body went through XmlReader, whose message then
    /// gives line and position instead.
    /// </summary>
    public long Offset { get; } = -1;
}
