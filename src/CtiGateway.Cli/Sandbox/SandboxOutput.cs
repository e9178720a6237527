using System.Globalization;
using CtiGateway.Scxml;

namespace CtiGateway.Cli.Sandbox;

/// <summary>The sandbox's printed lines, each stamped with the virtual time since the start (thread-safe).</summary>
internal sealed class SandboxOutput(TextWriter writer, ScxmlScheduler scheduler)
{
    private readonly Lock _lock = new();
    private readonly DateTimeOffset _start = scheduler.Now;

    /// <summary>Prints <c>[SECONDS] KIND: TEXT</c>.</summary>
    public void Line(string kind, string text)
    {
        var seconds = (scheduler.Now - _start).TotalSeconds;
        lock (_lock)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{seconds,9:0.000}] {kind}: {text}"));
        }
    }

    /// <summary>Prints a line as it is (the closing <c>final: ID</c> or <c>timeout</c>).</summary>
    public void Plain(string text)
    {
        lock (_lock)
        {
            writer.WriteLine(text);
        }
    }
}
