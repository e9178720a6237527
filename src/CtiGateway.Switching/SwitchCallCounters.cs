namespace CtiGateway.Switching;

/// <summary>Counters of one switch's call model, for <c>ctigw status</c> and Prometheus.</summary>
/// <param name="Switch">The switch's name.</param>
/// <param name="Calls">Calls in the model.</param>
/// <param name="EventsPublished">T-Library call events published so far.</param>
/// <param name="Requests">Client requests taken so far.</param>
/// <param name="Faults">Call-level hardware errors so far.</param>
/// <param name="QueueDepth">Inputs waiting for the call-model loop.</param>
/// <param name="Latency">Request latency histogram.</param>
public sealed record SwitchCallCounters(string Switch, int Calls, long EventsPublished, long Requests, long Faults, int QueueDepth, RequestLatencyHistogram Latency);
