using CtiGateway.CallModel;
using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;
using CtiGateway.Server;

namespace CtiGateway.Switching;

/// <summary>
/// Features on DNs: the switch's positive answer to SetDoNotDisturb / SetForwarding becomes EventDNDOn, EventDNDOff,
/// EventForwardSet or EventForwardCancel on the DN (with the request's ReferenceID), and the model notes the state;
/// monitoring refused or dropped (MonitorEndedEvent) and OutOfServiceEvent become EventDNOutOfService, monitoring that
/// works again and BackInServiceEvent EventDNBackInService; call requests for a DN out of service are refused.
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
    /// EventDNOutOfService / EventDNBackInService to the DN's clients when that changes the DN's state. The DN's calls
    /// stay as they are (callmodels.md and tlib.md say nothing of them): the switch's events, or their absence, end them.
    /// <paramref name="outage"/> says why a DN is out (it decides whether the monitor is retried), and is noted even when
    /// the DN was out already.
    /// </summary>
    internal void DnService(string dn, bool outOfService, string reason, DnOutage outage = DnOutage.NotMonitored)
    {
        if (outOfService)
        {
            _switch.OutOfServiceDns[dn] = outage;
        }
        else
        {
            _switch.OutOfServiceDns.TryRemove(dn, out _);
        }

        if (!_model.NoteOutOfService(dn, outOfService))
        {
            return;
        }

        SwitchingLog.DnServiceChanged(_logger, Name, dn, outOfService ? "out of service" : "back in service", reason);
        var m = new TlibMessage(outOfService ? MessageType.EventDNOutOfService : MessageType.EventDNBackInService, 3) { ThisDN = dn };
        ((ICallModelSink)this).Publish(dn, m);
    }

    /// <summary>
    /// On the loop: the switch reported a DN's service. MonitorEndedEvent (the switch dropped the monitor) puts the DN of
    /// that monitor out of service until a MonitorStart retry works; OutOfServiceEvent / BackInServiceEvent on a monitor
    /// that stays put it out of service and back. An event for a monitor and device the gateway does not know is logged.
    /// </summary>
    internal void OnDnServiceEvent(CstaMessage message)
    {
        switch (message)
        {
            case CstaMonitorEndedEvent ended:
                if (_switch.MonitorAnswers.Ended(ended.MonitorCrossRefId) is { } dn)
                {
                    DnService(dn, true, $"the switch ended monitor {ended.MonitorCrossRefId}, cause {ended.Cause ?? "not given"}", DnOutage.NotMonitored);
                }
                else
                {
                    SwitchingLog.DnServiceEventIgnored(_logger, Name, ended.Element, ended.MonitorCrossRefId, "-", "no monitor of the current link has that cross reference");
                }

                break;
            case CstaMaintenanceEvent maintenance:
                var outOfService = maintenance.Type == CstaMaintenanceEventType.OutOfService;
                if (DnOfMaintenance(maintenance) is not { } target)
                {
                    SwitchingLog.DnServiceEventIgnored(_logger, Name, maintenance.Element, maintenance.MonitorCrossRefId, maintenance.Device, "neither the monitor nor the device is a DN of the switch");
                }
                else if (!outOfService && _switch.OutOfServiceDns.TryGetValue(target, out var outage) && outage == DnOutage.NotMonitored)
                {
                    // BackInServiceEvent for a DN the switch does not monitor now: the MonitorStart retry decides.
                    SwitchingLog.DnServiceEventIgnored(_logger, Name, maintenance.Element, maintenance.MonitorCrossRefId, maintenance.Device, $"DN {target} is not monitored; the MonitorStart retry brings it back");
                }
                else
                {
                    // A DN already out for want of a monitor stays retried.
                    var why = _switch.OutOfServiceDns.TryGetValue(target, out var current) && current == DnOutage.NotMonitored ? DnOutage.NotMonitored : DnOutage.ReportedBySwitch;
                    DnService(target, outOfService, $"the switch sent {maintenance.Element}, cause {maintenance.Cause ?? "not given"}", why);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>
    /// On the loop: a call request for a DN out of service is refused with TERR_OUT_OF_SERVICE (58), the error a switch's
    /// resourceOutOfService answer gives (<see cref="CstaErrorMap"/>). Returns whether it was refused.
    /// </summary>
    private bool RefuseOutOfService(TlibRequest request, SwitchCommand command)
    {
        if (!_model.IsOutOfService(command.RequesterDn))
        {
            return false;
        }

        request.Fail(ErrorCode.TERR_OUT_OF_SERVICE,
            $"{request.Name}: DN {command.RequesterDn} of switch {Name} is out of service (EventDNOutOfService); try again after EventDNBackInService");
        return true;
    }

    /// <summary>The DN a maintenance event is for: the DN of its monitor, else its device when that is a DN of the switch.</summary>
    private string? DnOfMaintenance(CstaMaintenanceEvent maintenance)
    {
        if (_switch.MonitorAnswers.DnOf(maintenance.MonitorCrossRefId) is { } dn)
        {
            return dn;
        }

        var device = Volatile.Read(ref _switch.DeviceIds)?.ToDn(maintenance.Device) ?? maintenance.Device;
        return _model.Directory.TryGetKind(device, out _) ? device : null;
    }
}
