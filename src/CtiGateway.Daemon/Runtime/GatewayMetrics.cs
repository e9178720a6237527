using System.Diagnostics.Metrics;

namespace CtiGateway.Daemon;

/// <summary>
/// The meter "CtiGateway" (System.Diagnostics.Metrics): read it with <c>dotnet-counters monitor -n ctigatewayd
/// --counters CtiGateway</c>, or scrape it from the Prometheus endpoint (<c>Metrics:Prometheus:Listen</c>). Almost
/// every instrument is observable: its value is read from the server's and the links' own counters when a listener
/// collects, so the hot paths pay nothing. Names are listed in docs/operations.md. The request-latency histogram of
/// each switch and orchestration's time-to-route histogram are not instruments: the Prometheus endpoint writes them from
/// their own buckets (<see cref="PrometheusExposition"/>).
/// </summary>
internal sealed class GatewayMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "CtiGateway";

    private readonly Meter _meter;
    private readonly Counter<long> _reloads;

    public GatewayMetrics(RuntimeState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _meter = new Meter(MeterName, DaemonInfo.Version);
        var server = state.Server;

        _meter.CreateObservableUpDownCounter("ctigateway.clients.connected", () => server.ClientCount, "{client}", "T-Library clients connected now");
        _meter.CreateObservableCounter("ctigateway.clients.accepted", () => server.ClientsAccepted, "{client}", "T-Library connections accepted since start");
        _meter.CreateObservableCounter("ctigateway.clients.rejected", () => server.ClientsRejected, "{client}", "Connections refused by the allow-list, the client limit or the limit per address");
        _meter.CreateObservableCounter("ctigateway.clients.slow_cut", () => server.SlowClientsCut, "{client}", "Clients cut off because their outbound queue passed TServer:ClientQueueBytes");
        _meter.CreateObservableCounter("ctigateway.clients.registration_timeouts", () => server.RegistrationTimeouts, "{client}", "Connections closed for no RequestRegisterClient within TServer:RegistrationTimeoutSeconds");
        _meter.CreateObservableCounter("ctigateway.clients.frame_timeouts", () => server.FrameTimeouts, "{client}", "Connections closed for a frame not completed within TServer:FrameTimeoutSeconds");
        _meter.CreateObservableUpDownCounter("ctigateway.dns.registered", () => server.RegisteredDnCount, "{dn}", "DNs with at least one registered client");
        _meter.CreateObservableCounter("ctigateway.messages.received", () => server.RequestsReceived, "{message}", "T-Library requests received from clients");
        _meter.CreateObservableCounter("ctigateway.messages.sent", () => server.EventsSent, "{message}", "T-Library event frames written to clients (each copy of a fanned-out event counts)");
        _meter.CreateObservableCounter("ctigateway.events.published", () => server.EventsPublished, "{event}", "Events fanned out (each fan-out counts once)");
        _meter.CreateObservableCounter("ctigateway.tlib.received", () => server.BytesReceived, "By", "Bytes read from T-Library client sockets");
        _meter.CreateObservableCounter("ctigateway.tlib.sent", () => server.BytesSent, "By", "Bytes written to T-Library client sockets");
        _meter.CreateObservableUpDownCounter("ctigateway.queue.total", () => server.GetClients().Sum(c => c.QueueBytes), "By", "Bytes waiting in all clients' outbound queues");
        _meter.CreateObservableGauge("ctigateway.queue.max", () => server.GetClients().Select(c => c.QueueBytes).DefaultIfEmpty(0).Max(), "By", "Deepest single client outbound queue");

        _meter.CreateObservableGauge("ctigateway.switch.connected", () => server.LinkStates.Select(s => new Measurement<int>(s.Value ? 1 : 0, new KeyValuePair<string, object?>("switch", s.Key))), "{switch}", "1 when the switch has an up link carrying traffic, else 0");
        _meter.CreateObservableGauge("ctigateway.link.up", () => Links(state).Select(l => new Measurement<int>(l.State == "up" ? 1 : 0, Tags(l))), "{link}", "1 when the link is up, else 0");
        _meter.CreateObservableCounter("ctigateway.link.frames.received", () => Links(state).Select(l => new Measurement<long>(l.FramesIn, Tags(l))), "{frame}", "Frames received from the switch");
        _meter.CreateObservableCounter("ctigateway.link.frames.sent", () => Links(state).Select(l => new Measurement<long>(l.FramesOut, Tags(l))), "{frame}", "Frames sent to the switch");
        _meter.CreateObservableCounter("ctigateway.link.received", () => Links(state).Select(l => new Measurement<long>(l.BytesIn, Tags(l))), "By", "Bytes received from the switch");
        _meter.CreateObservableCounter("ctigateway.link.sent", () => Links(state).Select(l => new Measurement<long>(l.BytesOut, Tags(l))), "By", "Bytes sent to the switch");
        _meter.CreateObservableCounter("ctigateway.link.hardware_errors", () => Links(state).Select(l => new Measurement<long>(l.HardwareErrors, Tags(l))), "{error}", "Hardware errors (bad switch data) reported by the link");
        _meter.CreateObservableCounter("ctigateway.link.reconnects", () => Links(state).Select(l => new Measurement<long>(l.Reconnects, Tags(l))), "{reconnect}", "Reconnects scheduled after the link went down or failed to connect");

        _meter.CreateObservableGauge("ctigateway.calls", () => Calls(state).Select(c => new Measurement<int>(c.Calls, Tag(c))), "{call}", "Live calls in the switch's call model");
        _meter.CreateObservableCounter("ctigateway.call_events.published", () => Calls(state).Select(c => new Measurement<long>(c.EventsPublished, Tag(c))), "{event}", "T-Library call events the switch's call model published (rate() gives events per second)");
        _meter.CreateObservableCounter("ctigateway.call_requests", () => Calls(state).Select(c => new Measurement<long>(c.Requests, Tag(c))), "{request}", "Client call-control and user-data requests the switch's call model took");
        _meter.CreateObservableCounter("ctigateway.call_hardware_errors", () => Calls(state).Select(c => new Measurement<long>(c.Faults, Tag(c))), "{error}", "Call-level hardware errors (inconsistent switch call events) of the switch's call model");
        _meter.CreateObservableGauge("ctigateway.call_queue.depth", () => Calls(state).Select(c => new Measurement<int>(c.QueueDepth, Tag(c))), "{input}", "Inputs (switch messages, requests, answers) waiting for the switch's call-model loop");

        _meter.CreateObservableUpDownCounter("ctigateway.sessions.live", () => Sessions(state)?.Live ?? 0, "{session}", "Orchestration sessions alive now");
        _meter.CreateObservableCounter("ctigateway.sessions.started", () => Sessions(state)?.Started ?? 0, "{session}", "Orchestration sessions started since start");
        _meter.CreateObservableCounter("ctigateway.sessions.ended", () => Sessions(state)?.Ended ?? 0, "{session}", "Orchestration sessions that reached a top-level final state");
        _meter.CreateObservableCounter("ctigateway.sessions.failed", () => Sessions(state)?.Failed ?? 0, "{session}", "Orchestration sessions that failed: an error, killed, ended by their time-to-live, or refused for Orchestration:MaxSessions");
        _meter.CreateObservableCounter("ctigateway.sessions.routed", () => Sessions(state)?.Routed ?? 0, "{interaction}", "Calls routed away from their routing point by a session action (the Prometheus endpoint adds their time-to-route histogram)");

        _meter.CreateObservableCounter("ctigateway.watchdog.pings", () => state.WatchdogPings, "{ping}", "WATCHDOG=1 notifications sent to systemd");
        _meter.CreateObservableUpDownCounter("ctigateway.loops.silent", () => state.SilentLoops.Count, "{loop}", "Loops that did not answer the last liveness probe");
        _reloads = _meter.CreateCounter<long>("ctigateway.reloads", "{reload}", "SIGHUP reloads, by result (applied or rejected)");
    }

    /// <summary>Counts one SIGHUP reload.</summary>
    public void CountReload(bool applied) => _reloads.Add(1, new KeyValuePair<string, object?>("result", applied ? "applied" : "rejected"));

    public void Dispose() => _meter.Dispose();

    private static CtiGateway.Orchestration.OrchestrationCounters? Sessions(RuntimeState state) => state.Orchestration?.Counters();

    private static IReadOnlyList<CtiGateway.Switching.SwitchLinkStatus> Links(RuntimeState state) => state.Switching?.GetStatus() ?? [];

    private static IReadOnlyList<CtiGateway.Switching.SwitchCallCounters> Calls(RuntimeState state) => state.Switching?.CallCounters() ?? [];

    private static KeyValuePair<string, object?>[] Tag(CtiGateway.Switching.SwitchCallCounters c) => [new("switch", c.Switch)];

    private static KeyValuePair<string, object?>[] Tags(CtiGateway.Switching.SwitchLinkStatus l) =>
        [new("switch", l.Switch), new("link", l.Link)];
}
