namespace CtiGateway.Protocol;

/// <summary>The typed error of the codec: bytes that are not a valid frame or message.</summary>
public sealed class TlibProtocolException : Exception
{
    /// <summary>Creates the error.</summary>
    public TlibProtocolException(ProtocolErrorKind kind, string message, long offset = -1, AttributeId? attribute = null, TlibMessage? partial = null)
        : base(message)
    {
        Kind = kind;
        Offset = offset;
        Attribute = attribute;
        Partial = partial;
    }

    /// <summary>Creates an error with no detail (for serializers).</summary>
    public TlibProtocolException()
        : this(ProtocolErrorKind.MalformedMessage, "Malformed T-Library data.")
    {
    }

    /// <summary>Creates an error with a message.</summary>
    public TlibProtocolException(string message)
        : this(ProtocolErrorKind.MalformedMessage, message)
    {
    }

    /// <summary>Creates an error with an inner exception.</summary>
    public TlibProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = ProtocolErrorKind.MalformedMessage;
        Offset = -1;
    }

    /// <summary>What was wrong.</summary>
    public ProtocolErrorKind Kind { get; }

    /// <summary>True when the byte stream cannot be trusted any more and the connection must close.</summary>
    public bool IsFatal => Kind is not (ProtocolErrorKind.MalformedMessage or ProtocolErrorKind.InvalidAttribute);

    /// <summary>Byte offset of the problem in the frame or payload, or -1.</summary>
    public long Offset { get; }

    /// <summary>The attribute concerned, when there is one.</summary>
    public AttributeId? Attribute { get; }

    /// <summary>What could be decoded before the problem (message type, ReferenceID ...), for the error reply.</summary>
    public TlibMessage? Partial { get; }
}
