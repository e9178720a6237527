namespace CtiGateway.Simulator;

/// <summary>One running stream of scripted inbound calls (<see cref="SwitchModel.AddInboundTraffic"/>): its options and the calls it has delivered.</summary>
internal sealed class InboundTrafficScript(long id, InboundTrafficOptions options)
{
    /// <summary>The script's number in its model; a stopped script's pending arrival finds its number gone.</summary>
    public long Id { get; } = id;

    public InboundTrafficOptions Options { get; } = options;

    /// <summary>Calls the script has placed so far (offered or found busy).</summary>
    public int Calls { get; set; }
}
