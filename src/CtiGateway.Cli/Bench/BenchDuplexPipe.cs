using System.IO.Pipelines;

namespace CtiGateway.Cli.Bench;

/// <summary>A reader and a writer handed to the simulator as one link.</summary>
internal sealed class BenchDuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;
}
