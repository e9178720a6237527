namespace CtiGateway.Cli.Bench;

/// <summary>The CSTA event frames the calls bench correlates with T-Library events.</summary>
internal enum SwitchFrameKind
{
    Other,
    Originated,
    Delivered,
    Established,
    ConnectionCleared,
}
