using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// The router of <c>ctigw bench route</c>: registered on the route point, it answers every EventRouteRequest at once
/// with RequestRouteCall to the next destination station, and for each EventRouteUsed records the latency from the
/// call's arrival at the switch (stamped by the driver just before the simulator raised it) to the moment the bytes
/// arrived. Routed calls are handed to <see cref="Routed"/> so the bench can end them. Runs on its receive loop. With a
/// strategy (<see cref="RouteOptions.Strategy"/>) it does not route: the gateway's orchestration does.
/// </summary>
internal sealed class RouteRouter(RouteOptions options, ConcurrentDictionary<string, RouteArrival> arrivals) : IBenchFrameHandler
{
    private int _nextDestination;
    private int _nextReference = 1_000;
    private long _requests;
    private long _used;
    private long _errors;

    /// <summary>RequestRouteCall frames to send, in order.</summary>
    public Channel<byte[]> Outgoing { get; } = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>Calls that have been routed (for the bench to hang up).</summary>
    public Channel<RouteArrival> Routed { get; } = Channel.CreateUnbounded<RouteArrival>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public long Requests => Interlocked.Read(ref _requests);

    public long Used => Interlocked.Read(ref _used);

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Arrival to EventRouteUsed, for the calls that arrived in the window.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <inheritdoc />
    public void OnMessage(ReadOnlySpan<byte> payload, long receivedTimestamp)
    {
        TlibMessage message;
        try
        {
            message = TlibMessageReader.Decode(payload);
        }
        catch (TlibProtocolException)
        {
            Interlocked.Increment(ref _errors);
            return;
        }

        switch (message.Type)
        {
            case MessageType.EventRouteRequest:
                Interlocked.Increment(ref _requests);
                if (options.Strategy is not null)
                {
                    // The gateway's orchestration routes the call; the bench only watches.
                    break;
                }

                var route = new TlibMessage(MessageType.RequestRouteCall, 5)
                {
                    ThisDN = RouteOptions.RoutePoint,
                    OtherDN = options.DnName(_nextDestination++ % options.Destinations),
                    ReferenceID = ++_nextReference,
                };
                if (message.ConnID is { } connId)
                {
                    route.ConnID = connId;
                }

                route.Set(AttributeId.RouteType, (int)RouteType.Default);
                var writer = new ArrayBufferWriter<byte>(256);
                TlibMessageWriter.Write(route, writer);
                Outgoing.Writer.TryWrite(writer.WrittenSpan.ToArray());
                break;
            case MessageType.EventRouteUsed:
                Interlocked.Increment(ref _used);
                // Recorded before the arrival leaves the table: the bench reads the counts as soon as the table is empty.
                // (One receive loop calls this, so a second EventRouteUsed for the call cannot come in between.)
                if (message.GetString(AttributeId.ANI) is { } ani && arrivals.TryGetValue(ani, out var arrival))
                {
                    if (arrival.InWindow)
                    {
                        Latency.RecordTicks(receivedTimestamp - arrival.Stamp);
                    }

                    arrivals.TryRemove(new KeyValuePair<string, RouteArrival>(ani, arrival));
                    Routed.Writer.TryWrite(arrival);
                }

                break;
            case MessageType.EventError:
                Interlocked.Increment(ref _errors);
                break;
        }
    }
}
