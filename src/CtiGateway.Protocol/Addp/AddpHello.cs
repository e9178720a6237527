namespace CtiGateway.Protocol;

/// <summary>
/// The ADDP hello, sent once after connect by the side that enables ADDP: its own addp-timeout, the addp-remote-timeout
/// it hands to the peer (the peer polls with it), and the trace request.
/// </summary>
/// <param name="LocalTimeoutSeconds">The sender's addp-timeout (0-3600, 0 = off).</param>
/// <param name="RemoteTimeoutSeconds">The timeout the receiver should use (addp-remote-timeout, 0-3600, 0 = receiver does not poll).</param>
/// <param name="Trace">The sender's addp-trace: Remote or Full asks the receiver to trace too.</param>
public readonly record struct AddpHello(ushort LocalTimeoutSeconds, ushort RemoteTimeoutSeconds, AddpTrace Trace);
