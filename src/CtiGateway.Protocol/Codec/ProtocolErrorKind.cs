namespace CtiGateway.Protocol;

/// <summary>What was wrong with the bytes. Framing errors are fatal for the connection; message errors are not.</summary>
public enum ProtocolErrorKind
{
    /// <summary>The frame does not start with the magic bytes "TL".</summary>
    BadMagic,

    /// <summary>The frame header names a wire version this codec does not speak.</summary>
    UnsupportedVersion,

    /// <summary>The frame kind byte is not a known kind.</summary>
    UnknownFrameKind,

    /// <summary>The length field is over the maximum frame size.</summary>
    FrameTooLarge,

    /// <summary>The length field does not fit the frame kind (e.g. an ADDP poll that is not 4 bytes).</summary>
    BadFrameLength,

    /// <summary>The stream ended in the middle of a frame.</summary>
    TruncatedFrame,

    /// <summary>The message body is inconsistent (lengths past the end, trailing bytes, too deep nesting).</summary>
    MalformedMessage,

    /// <summary>An attribute has the wrong type tag, a bad value, or appears twice.</summary>
    InvalidAttribute,
}
