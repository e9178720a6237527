namespace CtiGateway.Protocol;

/// <summary>What the ADDP monitor asks the connection to do next.</summary>
public enum AddpAction
{
    /// <summary>Nothing to do.</summary>
    None,

    /// <summary>Send an ADDP poll with <see cref="AddpMonitor.LastPollSequence"/>.</summary>
    SendPoll,

    /// <summary>The peer did not answer within the timeout: the connection is lost.</summary>
    ConnectionLost,
}
