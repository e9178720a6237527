using System.Threading.Channels;
using CtiGateway.CallModel;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;
using CtiGateway.Protocol;
using CtiGateway.Server;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Switching;

/// <summary>
/// The one reader of a switch's call model. Every input (the switch's messages, client requests, the switch's answers,
/// link up and down, snapshot replies, listings) is queued on one channel and applied in order on one loop, so the
/// <see cref="SwitchCallModel"/> stays single-threaded. Client requests become CSTA requests on the active link; their
/// answers come back through the same channel. The model's events go to the T-Library clients through
/// <see cref="ITlibPublisher"/>; the first event of each type that answers a request carries its ReferenceID.
/// </summary>
internal sealed partial class SwitchCallHost : ICallModelSink
{
    /// <summary>Inputs queued at most; the link's reader waits when the loop is this far behind, a client request is refused.</summary>
    public const int InputCapacity = 16_384;

    /// <summary>Client requests sent to the switch and not yet answered, at most.</summary>
    public const int MaxOutstandingRequests = 1_024;

    /// <summary>
    /// Requests of one client in this switch at once (queued for the loop or waiting for the switch's answer), at most: a
    /// client past it gets TERR_TOO_MANY_REQ, so one flooding client cannot take the queue or the switch's answer window
    /// from the others.
    /// </summary>
    public const int MaxRequestsPerClient = 256;

    /// <summary>Requests whose answering events may still come, at most (the oldest is dropped beyond it).</summary>
    public const int MaxExpectations = 4_096;

    /// <summary>Calls being resynchronised at once, at most (further faults wait for the next link-up snapshot).</summary>
    public const int MaxResyncs = 64;

    /// <summary>Switch answers for MakeCall / consultation calls whose user data waits for the call's first event.</summary>
    public const int MaxPendingUserData = 1_024;

    /// <summary>How long after the switch's positive answer the answering events may still come.</summary>
    public static readonly TimeSpan ReplyGrace = TimeSpan.FromSeconds(10);

    private readonly SwitchRuntime _switch;
    private readonly ITlibPublisher _publisher;
    private readonly SwitchCallModel _model;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<CallHostInput> _input = Channel.CreateBounded<CallHostInput>(
        new BoundedChannelOptions(InputCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly List<ReplyExpectation> _expectations = [];
    private readonly Dictionary<string, (string Dn, KeyValueList Data)> _pendingUserData = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _resyncing = new(StringComparer.Ordinal);
    private readonly HardwareErrorCoalescer _faults;
    private readonly LatencyHistogram _latency = new(SwitchCallCounters.LatencyBounds);
    private readonly Lock _clientsLock = new();
    private readonly Dictionary<int, int> _inProgress = [];
    private long _overloadLoggedAt = long.MinValue;
    private int _overloadRefused;
    private CstaTcpLink? _link;
    private string _linkName;
    private int _outstanding;
    private int _callCount;
    private long _eventsPublished;
    private long _requests;
    private long _faultCount;
    private CancellationToken _stopping;

    public SwitchCallHost(SwitchRuntime sw, ITlibPublisher publisher, SwitchCallModel model, ILogger logger, TimeProvider time)
    {
        _switch = sw;
        _publisher = publisher;
        _model = model;
        _logger = logger;
        _time = time;
        _linkName = sw.Name + "/-";
        _faults = new HardwareErrorCoalescer(Math.Max(1, sw.Profile.HardwareErrors.EventsPerSecond), time, PublishFault);
    }

    /// <summary>The switch name.</summary>
    public string Name => _switch.Name;

    /// <summary>The switch's DNs (immutable: safe from any thread).</summary>
    public DnDirectory Directory => _model.Directory;

    /// <summary>Calls in the model, as of the last input applied.</summary>
    public int CallCount => Volatile.Read(ref _callCount);

    /// <summary>T-Library events the model published.</summary>
    public long EventsPublished => Interlocked.Read(ref _eventsPublished);

    /// <summary>Client requests taken.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Call-level hardware errors found.</summary>
    public long Faults => Interlocked.Read(ref _faultCount);

    /// <summary>Inputs waiting for the loop.</summary>
    public int QueueDepth => _input.Reader.Count;

    /// <summary>Latency of answered client requests, from receipt to the switch's answer (or the model's).</summary>
    public LatencyHistogram Latency => _latency;

    /// <summary>Queues a switch message; waits while the loop is <see cref="InputCapacity"/> behind.</summary>
    public ValueTask PostAsync(CallHostInput input, CancellationToken cancellationToken) => _input.Writer.WriteAsync(input, cancellationToken);

    /// <summary>
    /// Queues a client request; refuses it with TERR_TOO_MANY_REQ when its client already has
    /// <see cref="MaxRequestsPerClient"/> requests here, or when the loop is full.
    /// </summary>
    public void Handle(TlibRequest request)
    {
        Interlocked.Increment(ref _requests);
        if (!Admit(request.ClientId))
        {
            NoteOverload(request);
            request.Fail(ErrorCode.TERR_TOO_MANY_REQ,
                $"{request.Name}: this client has {MaxRequestsPerClient} requests in progress on switch {Name}; try again when they are answered");
            return;
        }

        if (!_input.Writer.TryWrite(CallHostInput.FromClient(request)))
        {
            Release(request.ClientId);
            request.Fail(ErrorCode.TERR_TOO_MANY_REQ, $"{request.Name}: switch {Name} is busy ({InputCapacity} inputs queued); try again");
        }
    }

    /// <summary>Runs <paramref name="query"/> on the loop and returns its result.</summary>
    public async Task<T> QueryAsync<T>(Func<SwitchCallModel, T> query, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _input.Writer.WriteAsync(CallHostInput.Run(m =>
        {
            try
            {
                done.TrySetResult(query(m));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                done.TrySetException(ex);
            }
        }), cancellationToken).ConfigureAwait(false);
        return await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies inputs until <paramref name="cancellationToken"/> is cancelled; then refuses what is still queued.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _stopping = cancellationToken;
        try
        {
            await foreach (var input in _input.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    Process(input);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    SwitchingLog.CallInputFailed(_logger, Name, input.Kind.ToString(), ex);
                    input.Request?.Fail(ErrorCode.TERR_INTERNAL, $"{input.Request.Name} failed inside the gateway: {ex.Message}");
                    input.Pending?.Request.Fail(ErrorCode.TERR_INTERNAL, $"{input.Pending.Request.Name} failed inside the gateway: {ex.Message}");
                }

                Volatile.Write(ref _callCount, _model.CallCount);
                PublishAgents();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _input.Writer.TryComplete();
            while (_input.Reader.TryRead(out var left))
            {
                left.Request?.Fail(ErrorCode.TERR_NO_SWITCH, $"{left.Request.Name}: switch {Name} is stopping");
                left.Pending?.Request.Fail(ErrorCode.TERR_NO_SWITCH, $"{left.Pending.Request.Name}: switch {Name} is stopping");
            }

            _faults.Dispose();
        }
    }

    private void Process(CallHostInput input)
    {
        switch (input.Kind)
        {
            case CallHostInputKind.SwitchMessage:
                if (input.Message is CstaCallEvent callEvent)
                {
                    _model.Apply(callEvent, this);
                    AttachPendingUserData(callEvent.Connection.CallId);
                }
                else if (input.Message is CstaAgentEvent agentEvent)
                {
                    OnAgentEvent(agentEvent);
                }
                else if (input.Message is CstaMaintenanceEvent or CstaMonitorEndedEvent)
                {
                    OnDnServiceEvent(input.Message);
                }

                break;
            case CallHostInputKind.ClientRequest:
                var request = input.Request!;
                try
                {
                    Take(request);
                }
                finally
                {
                    // After Take: a request sent to the switch is counted again there first, so the client's count never dips.
                    Release(request.ClientId);
                }

                break;
            case CallHostInputKind.SwitchAnswer:
                Answer(input.Pending!, input.Message, input.Failure);
                break;
            case CallHostInputKind.LinkUp:
                _link = input.Link;
                _linkName = input.LinkName;
                _model.LinkUp();
                CheckAgents(input.Link!);
                break;
            case CallHostInputKind.LinkDown:
                _link = null;
                _model.LinkDown();
                break;
            case CallHostInputKind.SnapshotReply:
                _model.ApplySnapshot(input.Device, (CstaSnapshotDeviceResponse)input.Message!, this);
                break;
            case CallHostInputKind.Query:
                input.Query!(_model);
                break;
        }
    }
}
