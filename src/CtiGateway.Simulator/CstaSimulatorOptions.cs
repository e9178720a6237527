using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>Settings of <see cref="CstaSimulatorServer"/>.</summary>
public sealed record CstaSimulatorOptions
{
    /// <summary>The dialect flavour: its namespace is used for every body the switch writes. Default OSV (ed4).</summary>
    public CstaDialectFlavour Flavour { get; init; } = CstaDialectFlavour.OsvEd4;

    /// <summary>Interval of the switch's SystemStatus heartbeat on each link; null sends only the start-up one.</summary>
    public TimeSpan? HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the server runs the model's due actions (scripted traffic).</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Largest frame accepted from a gateway, header included.</summary>
    public int MaxFrameSize { get; init; } = CstaWire.MaxFrameSize;

    /// <summary>Delay before each response is sent (fault injection: slow responses); zero by default.</summary>
    public TimeSpan ResponseDelay { get; init; } = TimeSpan.Zero;
}
