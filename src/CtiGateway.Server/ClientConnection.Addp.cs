using CtiGateway.Protocol;

namespace CtiGateway.Server;

internal sealed partial class ClientConnection
{
    private readonly Lock _addpLock = new();
    private readonly AddpMonitor _addp;

    /// <summary>The ADDP polling timeout in force on this connection (zero = the server does not poll).</summary>
    public TimeSpan AddpTimeout
    {
        get
        {
            lock (_addpLock)
            {
                return _addp.Timeout;
            }
        }
    }

    /// <summary>Runs the ADDP state machine: polls after silence, drops the connection when a poll goes unanswered.</summary>
    public void CheckAddp(TimeSpan now)
    {
        AddpAction action;
        uint sequence;
        TimeSpan timeout;
        bool trace;
        lock (_addpLock)
        {
            if (_addp.Timeout <= TimeSpan.Zero)
            {
                return;
            }

            action = _addp.Evaluate(now);
            sequence = _addp.LastPollSequence;
            timeout = _addp.Timeout;
            trace = _addp.TracesLocally;
        }

        switch (action)
        {
            case AddpAction.SendPoll:
                SendAddp(FrameKind.AddpPoll, sequence);
                if (trace)
                {
                    TServerLog.AddpPollSent(_server.Logger, Id, sequence);
                }

                break;
            case AddpAction.ConnectionLost:
                if (Abort($"ADDP: no answer to poll {sequence} within {timeout.TotalSeconds} s"))
                {
                    TServerLog.AddpLost(_server.Logger, Id, RemoteEndPoint, sequence, timeout);
                }

                break;
        }
    }

    /// <summary>Sends the server's ADDP hello (asks the client to poll with addp-remote-timeout).</summary>
    public void SendAddpHello(AddpHello hello)
    {
        var frame = FrameEncoder.EncodeAddpHello(_server.Codec, hello);
        if (!Enqueue(frame))
        {
            frame.Release();
        }
    }

    private void NoteActivity(TimeSpan now)
    {
        lock (_addpLock)
        {
            _addp.OnReceived(now);
        }
    }

    private void AnswerPoll(uint sequence)
    {
        SendAddp(FrameKind.AddpReply, sequence);
        if (TracesAddp())
        {
            TServerLog.AddpPollAnswered(_server.Logger, Id, sequence);
        }
    }

    private void OnReply(uint sequence)
    {
        if (TracesAddp())
        {
            TServerLog.AddpReplyReceived(_server.Logger, Id, sequence);
        }
    }

    // ADDP is detected from the client's hello: its addp-remote-timeout becomes this connection's polling timeout.
    private void OnHello(AddpHello hello)
    {
        TimeSpan timeout;
        AddpTrace trace;
        lock (_addpLock)
        {
            _addp.ApplyHello(hello, _server.Elapsed);
            timeout = _addp.Timeout;
            trace = _addp.Trace;
        }

        TServerLog.AddpHelloReceived(_server.Logger, Id, RemoteEndPoint, hello.LocalTimeoutSeconds, (int)timeout.TotalSeconds, trace);
    }

    private bool TracesAddp()
    {
        lock (_addpLock)
        {
            return _addp.TracesLocally;
        }
    }

    private void SendAddp(FrameKind kind, uint sequence)
    {
        var frame = FrameEncoder.EncodeAddp(_server.Codec, kind, sequence);
        if (!Enqueue(frame))
        {
            frame.Release();
        }
    }
}
