using CtiGateway.CallModel;
using CtiGateway.Protocol;
using CtiGateway.Server;

namespace CtiGateway.Switching;

/// <summary>
/// Features on DNs: the switch's positive answer to SetDoNotDisturb / SetForwarding becomes EventDNDOn, EventDNDOff,
/// EventForwardSet or EventForwardCancel on the DN (with the request's ReferenceID), and the model notes the state;
/// monitoring refused or dropped becomes EventDNOutOfService, monitoring that works again EventDNBackInService.
/// </summary>
internal sealed partial class SwitchCallHost
{
    /// <summary>Queues an input without waiting; false when the loop is <see cref="InputCapacity"/> behind (the input is dropped).</summary>
    public bool Post(CallHostInput input) => _input.Writer.TryWrite(input);

    private void AnswerFeature(TlibRequest request, SwitchCommand command)
    {
        var dn = command.RequesterDn;
        TlibMessage done;
        if (command.Kind == SwitchCommandKind.SetDoNotDisturb)
        {
            _model.NoteDoNotDisturb(dn, command.FeatureOn);
            done = new TlibMessage(command.FeatureOn ? MessageType.EventDNDOn : MessageType.EventDNDOff, 4) { ThisDN = dn, ReferenceID = request.ReferenceId };
        }
        else
        {
            // The destination as the client named it (the command's may be a switch device id).
            var destination = request.Message.OtherDN;
            _model.NoteForward(dn, command.FeatureOn ? command.ForwardMode : ForwardMode.None, command.FeatureOn ? destination : null);
            done = new TlibMessage(command.FeatureOn ? MessageType.EventForwardSet : MessageType.EventForwardCancel, 5) { ThisDN = dn, ReferenceID = request.ReferenceId };
            done.Set(AttributeId.ForwardMode, (int)command.ForwardMode);
            if (command.FeatureOn)
            {
                done.OtherDN = destination;
            }
        }

        ((ICallModelSink)this).Publish(dn, done);
    }

    /// <summary>
    /// The switch refused or ended the monitoring of <paramref name="dn"/>, or reported it out of service (or back):
    /// EventDNOutOfService / EventDNBackInService to the DN's clients when that changes the DN's state.
    /// </summary>
    internal void DnService(string dn, bool outOfService, string reason)
    {
        if (!_model.NoteOutOfService(dn, outOfService))
        {
            return;
        }

        if (outOfService)
        {
            _switch.OutOfServiceDns[dn] = 0;
        }
        else
        {
            _switch.OutOfServiceDns.TryRemove(dn, out _);
        }

        SwitchingLog.DnServiceChanged(_logger, Name, dn, outOfService ? "out of service" : "back in service", reason);
        var m = new TlibMessage(outOfService ? MessageType.EventDNOutOfService : MessageType.EventDNBackInService, 3) { ThisDN = dn };
        ((ICallModelSink)this).Publish(dn, m);
    }
}
