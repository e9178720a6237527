namespace CtiGateway.Protocol;

/// <summary>Constants of the CtiGateway T-Library wire format (docs/wire-format.md).</summary>
public static class TlibWire
{
    /// <summary>First magic byte, 'T'.</summary>
    public const byte Magic0 = 0x54;

    /// <summary>Second magic byte, 'L'.</summary>
    public const byte Magic1 = 0x4C;

    /// <summary>The wire version this codec writes and reads.</summary>
    public const byte Version = 1;

    /// <summary>Size of the frame header: magic (2), version (1), kind (1), payload length (4).</summary>
    public const int HeaderSize = 8;

    /// <summary>Default maximum frame size, header included.</summary>
    public const int DefaultMaxFrameSize = 64 * 1024;

    /// <summary>Smallest maximum frame size that can be configured.</summary>
    public const int MinMaxFrameSize = 1024;

    /// <summary>Largest maximum frame size that can be configured.</summary>
    public const int MaxMaxFrameSize = 16 * 1024 * 1024;

    /// <summary>Deepest nesting of key-value lists the decoder accepts.</summary>
    public const int MaxListDepth = 16;

    /// <summary>The protocol version string a client sends in AttributeProtocolVersion of RequestRegisterClient.</summary>
    public const string ProtocolVersion = "CTIGW-TLIB/1.0";

    /// <summary>The major version the server accepts in AttributeProtocolVersion.</summary>
    public const string ProtocolVersionMajorPrefix = "CTIGW-TLIB/1.";
}
