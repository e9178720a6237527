using System.Globalization;
using System.Threading.Channels;
using CtiGateway.CallModel;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;
using CtiGateway.Protocol;
using CtiGateway.Server;

namespace CtiGateway.Switching;

/// <summary>Client requests on the loop: planned by the model, sent to the switch, answered from the switch's answer.</summary>
internal sealed partial class SwitchCallHost
{
    private TimeSpan RequestTimeout => _switch.Profile.Dialect.RequestTimeout;

    private void Take(TlibRequest request)
    {
        if (!request.IsClientConnected || TakeAtOnce(request))
        {
            return;
        }

        // Queries answered from the model's state need no link: the gateway's view stays available in an outage.
        var link = _link;
        if (link is null && !SwitchCallModel.AnswersFromState(request.Message.Type))
        {
            request.Fail(ErrorCode.TERR_NO_SWITCH, $"{request.Name}: switch {Name} has no link up");
            return;
        }

        var plan = _model.PlanRequest(request.Message, request.ReferenceId, this);
        if (plan.IsDone)
        {
            _latency.Record(_time.GetElapsedTime(request.ReceivedTimestamp));
            return;
        }

        if (plan.Replies is { } replies)
        {
            foreach (var reply in replies)
            {
                request.Reply(reply);
            }

            _latency.Record(_time.GetElapsedTime(request.ReceivedTimestamp));
            return;
        }

        if (link is null)
        {
            request.Fail(ErrorCode.TERR_NO_SWITCH, $"{request.Name}: switch {Name} has no link up");
            return;
        }

        if (plan.IsRefused)
        {
            request.Fail(plan.Error, plan.Message);
            return;
        }

        var command = plan.Command!;
        if (RefuseOutOfService(request, command))
        {
            return;
        }

        foreach (var service in command.Services)
        {
            if (!_switch.Profile.Supports(service))
            {
                request.Fail(ErrorCode.TERR_UNSUP_OPER,
                    $"{request.Name} needs the CSTA service {service}, which firmware profile {_switch.Profile.Id} of switch {Name} does not offer (its 'services' list)");
                return;
            }
        }

        if (Volatile.Read(ref _outstanding) >= MaxOutstandingRequests)
        {
            request.Fail(ErrorCode.TERR_TOO_MANY_REQ, $"{request.Name}: switch {Name} has {MaxOutstandingRequests} requests waiting for its answer; try again");
            return;
        }

        if (Volatile.Read(ref _switch.DeviceIds) is { } map)
        {
            command = command.MapDevices(map.ToDeviceId);
        }

        if (command.Consultation is { } purpose)
        {
            _model.NoteConsultation(command.RequesterDn, purpose);
        }

        if (command.Agent is { } agentCommand)
        {
            _model.NoteAgentCommand(agentCommand, request.ReferenceId);
        }

        ReplyExpectation? expectation = null;
        if (command.ReplyEvents.Count > 0)
        {
            expectation = new ReplyExpectation(command.RequesterDn, request.ReferenceId, command.ReplyEvents, FilterOf(command), long.MaxValue, command.OneReply);
            if (_expectations.Count >= MaxExpectations)
            {
                _expectations.RemoveAt(0);
            }

            _expectations.Add(expectation);
        }

        var pending = new PendingSwitchRequest(request, command, command.Service) { Expectation = expectation };
        SwitchingLog.RequestSent(_logger, Name, link.Name, request.Name, request.ReferenceId, command.Service);
        _ = SendAsync(link, pending, w => command.Write(w, _switch.Flavour));
    }

    // Only single-call requests look at the ConnID of the answering event; two-call requests answer on either call.
    private static ConnId? FilterOf(SwitchCommand command) => command.Kind switch
    {
        SwitchCommandKind.TransferCall or SwitchCommandKind.ConferenceCall or SwitchCommandKind.AlternateCall
            or SwitchCommandKind.ReconnectCall or SwitchCommandKind.MuteTransfer or SwitchCommandKind.MakeCall => null,
        _ => command.ConnId,
    };

    private async Task SendAsync(CstaTcpLink link, PendingSwitchRequest pending, Action<System.Buffers.IBufferWriter<byte>> write)
    {
        Interlocked.Increment(ref _outstanding);
        Hold(pending.Request.ClientId);
        CallHostInput result;
        try
        {
            var answer = await link.RequestAsync(write, RequestTimeout, _stopping).ConfigureAwait(false);
            result = CallHostInput.Answer(pending, answer);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            pending.Request.Fail(ErrorCode.TERR_NO_SWITCH, $"{pending.Request.Name}: switch {Name} is stopping");
            return;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException or OperationCanceledException)
        {
            result = CallHostInput.Failed(pending, ex);
        }
        finally
        {
            Interlocked.Decrement(ref _outstanding);
            Release(pending.Request.ClientId);
        }

        try
        {
            await _input.Writer.WriteAsync(result, _stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            pending.Request.Fail(ErrorCode.TERR_NO_SWITCH, $"{pending.Request.Name}: switch {Name} is stopping");
        }
    }

    private void Answer(PendingSwitchRequest pending, CstaMessage? answer, Exception? failure)
    {
        var request = pending.Request;
        var command = pending.Command;
        switch (failure)
        {
            case TimeoutException:
                Undo(pending);
                SwitchingLog.RequestTimedOut(_logger, Name, request.Name, request.ReferenceId, pending.Service, RequestTimeout.TotalMilliseconds);
                request.Fail(ErrorCode.TERR_TIMEOUT,
                    $"{request.Name}: switch {Name} did not answer {pending.Service} within {RequestTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms (firmware profile {_switch.Profile.Id}, dialect.request-timeout-ms)");
                return;
            case not null:
                Undo(pending);
                request.Fail(ErrorCode.TERR_NO_SWITCH, $"{request.Name}: the link to switch {Name} went down before the switch answered {pending.Service} ({failure.Message})");
                return;
        }

        if (answer is CstaErrorResponse error)
        {
            Undo(pending);
            var code = CstaErrorMap.Map(error.Category, error.Value);
            SwitchingLog.RequestRefused(_logger, Name, request.Name, request.ReferenceId, pending.Service, error.Category, error.Value, (int)code);
            request.Fail(code, $"{request.Name}: switch {Name} refused {pending.Service}: CSTA error {error.Category}/{error.Value}");
            return;
        }

        _latency.Record(_time.GetElapsedTime(request.ReceivedTimestamp));
        if (pending.Expectation is { } expectation)
        {
            expectation.ExpiresAt = _time.GetTimestamp() + (long)(ReplyGrace.TotalSeconds * _time.TimestampFrequency);
        }

        switch (command.Kind)
        {
            case SwitchCommandKind.MuteTransfer when pending.Service == "ConsultationCall":
                CompleteMuteTransfer(pending, answer);
                break;
            case SwitchCommandKind.GenerateDigits:
                var sent = new TlibMessage(MessageType.EventDTMFSent, 6) { ThisDN = command.RequesterDn, ReferenceID = request.ReferenceId };
                if (command.ConnId is { } connId)
                {
                    sent.ConnID = connId;
                }

                sent.Set(AttributeId.DTMFDigits, command.Digits);
                ((ICallModelSink)this).Publish(command.RequesterDn, sent);
                break;
            case SwitchCommandKind.SetDoNotDisturb or SwitchCommandKind.SetForwarding:
                AnswerFeature(request, command);
                break;
            case SwitchCommandKind.MakeCall when answer is CstaMakeCallResponse made && command.UserData is { } data:
                AttachWhenKnown(made.CallingDevice.CallId, command.RequesterDn, data);
                break;
            case SwitchCommandKind.SetAgentState:
                _model.CompleteAgentCommand(command.RequesterDn, this);
                break;
            case SwitchCommandKind.ConsultationCall when answer is CstaConsultationCallResponse consult && command.UserData is { } data:
                AttachWhenKnown(consult.InitiatedCall.CallId, command.RequesterDn, data);
                break;
        }
    }

    // TMuteTransfer: the consultation call is made; transfer at once, while the destination still rings.
    private void CompleteMuteTransfer(PendingSwitchRequest pending, CstaMessage? answer)
    {
        if (answer is not CstaConsultationCallResponse consult || _link is not { } link)
        {
            Undo(pending);
            pending.Request.Fail(ErrorCode.TERR_UNKNOWN_ERROR,
                $"{pending.Request.Name}: switch {Name} answered ConsultationCall with {answer?.Element ?? "nothing"}, not ConsultationCallResponse; the transfer was not completed");
            return;
        }

        var held = pending.Command.Connection;
        var next = pending with { Service = "TransferCall" };
        SwitchingLog.RequestSent(_logger, Name, link.Name, pending.Request.Name, pending.Request.ReferenceId, "TransferCall");
        _ = SendAsync(link, next, w => SwitchCommand.WriteMuteTransferCompletion(w, _switch.Flavour, held, consult.InitiatedCall));
    }

    private void Undo(PendingSwitchRequest pending)
    {
        if (pending.Command.Consultation is not null)
        {
            _model.ClearConsultation(pending.Command.RequesterDn);
        }

        if (pending.Command.Agent is not null)
        {
            _model.DropAgentCommand(pending.Command.RequesterDn);
        }

        if (pending.Expectation is { } expectation)
        {
            expectation.Spend();
            _expectations.Remove(expectation);
        }
    }

    private void AttachWhenKnown(string callId, string dn, KeyValueList data)
    {
        if (_model.TryGetConnId(callId, out var connId))
        {
            _model.AttachUserData(connId, dn, data, this);
            return;
        }

        if (_pendingUserData.Count < MaxPendingUserData)
        {
            _pendingUserData[callId] = (dn, data);
        }
    }

    private void AttachPendingUserData(string callId)
    {
        if (_pendingUserData.Count == 0 || !_pendingUserData.Remove(callId, out var pending))
        {
            return;
        }

        if (_model.TryGetConnId(callId, out var connId))
        {
            _model.AttachUserData(connId, pending.Dn, pending.Data, this);
        }
    }
}
