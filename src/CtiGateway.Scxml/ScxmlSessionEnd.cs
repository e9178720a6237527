namespace CtiGateway.Scxml;

/// <summary>How a session ended.</summary>
public enum ScxmlSessionEnd
{
    /// <summary>It reached a top-level final state.</summary>
    Final,

    /// <summary>It was cancelled (by its host or by the parent that invoked it).</summary>
    Cancelled,

    /// <summary>It was stopped by a failure the data model could not turn into an event (runaway eventless loop).</summary>
    Failed,
}
