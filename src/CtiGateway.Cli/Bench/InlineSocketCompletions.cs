namespace CtiGateway.Cli.Bench;

/// <summary>
/// Runs the bench's socket completions on the runtime's socket engine threads instead of queueing them to the thread
/// pool (the runtime's <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>, read once when the first socket is made).
/// In <c>ctigw bench calls</c> one process holds the simulator, the traffic driver and 500 clients: with queued
/// completions a client's receive waited in the thread pool behind the simulator's work before it could note the
/// time, and the load tool's own queueing showed up as gateway latency. The handlers that run inline are short
/// (cut frames, scan a header, record a sample). A value set by the user is left alone; the gateway child gets the
/// user's environment, not this setting (docs/performance.md, issue 9).
/// </summary>
internal static class InlineSocketCompletions
{
    /// <summary>The runtime's switch (Unix socket engine).</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>True when <see cref="Enable"/> set the variable (so the gateway child must not inherit it).</summary>
    public static bool SetByBench { get; private set; }

    /// <summary>Turns inline completions on for this process, unless the user chose a value. Call before any socket is made.</summary>
    public static void Enable()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
            SetByBench = true;
        }
    }
}
