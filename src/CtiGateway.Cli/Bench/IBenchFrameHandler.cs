namespace CtiGateway.Cli.Bench;

/// <summary>Receives the frames of a <see cref="BenchConnection"/> receive loop.</summary>
internal interface IBenchFrameHandler
{
    /// <summary>One message frame: its payload (valid only during the call) and the time the bytes arrived.</summary>
    void OnMessage(ReadOnlySpan<byte> payload, long receivedTimestamp);
}
