namespace CtiGateway.Pbx.Links;

/// <summary>
/// Implemented by a connection (the pipe an <see cref="ILinkTransport"/> returns) whose lower layer detects framing
/// errors of its own, e.g. a bad LAPB FCS or a bad BSC BCC on a serial line. The link subscribes for the life of
/// the connection and reports each one as a hardware error (EventHardwareError).
/// </summary>
public interface ILinkErrorSource
{
    /// <summary>A framing error below the CSTA layer; raised on the connection's own loop, handlers must not block.</summary>
    event Action<PbxFramingException>? FramingError;
}
