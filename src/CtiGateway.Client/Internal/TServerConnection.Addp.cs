using System.Diagnostics;
using CtiGateway.Protocol;

namespace CtiGateway.Client;

/// <summary>The ADDP side of the connection: polls a silent server and drops the connection when a poll goes unanswered.</summary>
internal sealed partial class TServerConnection
{
    private static readonly TimeSpan MinAddpWake = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxAddpWake = TimeSpan.FromSeconds(1);
    private readonly Lock _addpLock = new();
    private AddpHello? _helloFromServer;
    private volatile bool _traceAddp;

    private void OnHello(AddpHello hello)
    {
        lock (_addpLock)
        {
            _helloFromServer = hello;
        }
    }

    private async Task AddpLoopAsync(AddpOptions options)
    {
        var monitor = new AddpMonitor(TimeSpan.FromSeconds(options.TimeoutSeconds), options.Trace, Elapsed(Stopwatch.GetTimestamp()));
        var seen = Volatile.Read(ref _lastReceived);
        try
        {
            while (!_abort.IsCancellationRequested)
            {
                AddpAction action;
                uint sequence;
                TimeSpan wake;
                lock (_addpLock)
                {
                    if (_helloFromServer is { } hello)
                    {
                        _helloFromServer = null;
                        monitor.ApplyHello(hello, Elapsed(Stopwatch.GetTimestamp()));
                        _traceAddp = monitor.TracesLocally;
                        TServerClientLog.AddpHelloReceived(_logger, RemoteEndPoint, hello.RemoteTimeoutSeconds);
                    }

                    var last = Volatile.Read(ref _lastReceived);
                    if (last != seen)
                    {
                        seen = last;
                        monitor.OnReceived(Elapsed(last));
                    }

                    var now = Elapsed(Stopwatch.GetTimestamp());
                    action = monitor.Evaluate(now);
                    sequence = monitor.LastPollSequence;
                    var due = monitor.NextDue(now);
                    wake = due == TimeSpan.MaxValue ? MaxAddpWake : due - now;
                }

                if (action == AddpAction.ConnectionLost)
                {
                    TServerClientLog.AddpConnectionLost(_logger, RemoteEndPoint, monitor.Timeout.TotalSeconds);
                    Abort(new TServerConnectionException(
                        $"ADDP: T-Server {RemoteEndPoint} did not answer a poll within {monitor.Timeout.TotalSeconds:0.###} s.", RemoteEndPoint, null));
                    return;
                }

                if (action == AddpAction.SendPoll)
                {
                    if (_traceAddp)
                    {
                        TServerClientLog.AddpPollSent(_logger, sequence, RemoteEndPoint);
                    }

                    await _outgoing.Writer.WriteAsync(OutgoingFrame.ForAddp(FrameKind.AddpPoll, sequence), _abort.Token).ConfigureAwait(false);
                }

                await Task.Delay(Clamp(wake), _abort.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            // The connection closed.
        }
    }

    private static TimeSpan Clamp(TimeSpan wake) => wake < MinAddpWake ? MinAddpWake : wake > MaxAddpWake ? MaxAddpWake : wake;

    private TimeSpan Elapsed(long timestamp) => Stopwatch.GetElapsedTime(_startTimestamp, timestamp);
}
