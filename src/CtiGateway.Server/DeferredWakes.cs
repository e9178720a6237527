namespace CtiGateway.Server;

/// <summary>
/// Writer wake-ups held back while a process loop handles one read buffer of requests. A burst of requests then
/// reaches each recipient's writer as one batch (one socket write) instead of one wake-up and one write per frame.
/// Thread-static: it is only active inside the synchronous part of a process loop iteration.
/// </summary>
internal static class DeferredWakes
{
    [ThreadStatic]
    private static List<ClientConnection>? t_pending;

    [ThreadStatic]
    private static bool t_active;

    /// <summary>True while the current thread defers wake-ups.</summary>
    public static bool Active => t_active;

    /// <summary>Starts deferring on this thread.</summary>
    public static void Begin() => t_active = true;

    /// <summary>Remembers a writer to wake (the caller already took its idle flag).</summary>
    public static void Add(ClientConnection client) => (t_pending ??= []).Add(client);

    /// <summary>Stops deferring and wakes every writer held back.</summary>
    public static void Flush()
    {
        t_active = false;
        var pending = t_pending;
        if (pending is null || pending.Count == 0)
        {
            return;
        }

        foreach (var client in pending)
        {
            client.SignalWriter();
        }

        pending.Clear();
    }
}
