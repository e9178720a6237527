using CtiGateway.CallModel;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;
using CtiGateway.Protocol;
using CtiGateway.Server;

namespace CtiGateway.Switching;

/// <summary>The model's output: events to clients (ReferenceIDs stamped), call-level hardware errors, resynchronisation.</summary>
internal sealed partial class SwitchCallHost
{
    /// <inheritdoc/>
    void ICallModelSink.Publish(string dn, TlibMessage tlibEvent)
    {
        // The copy of the agents other threads read is brought up to date before the event leaves: a client (or the
        // orchestration) that has an agent event then finds that state in Agents, not the one before it.
        PublishAgents();
        if (_expectations.Count > 0)
        {
            Stamp(dn, tlibEvent);
        }

        Interlocked.Increment(ref _eventsPublished);
        try
        {
            _publisher.Publish(tlibEvent, dn);
        }
        catch (TlibProtocolException ex)
        {
            SwitchingLog.CallEventTooLarge(_logger, Name, tlibEvent.Name, dn, ex.Message);
        }
    }

    /// <inheritdoc/>
    void ICallModelSink.HardwareError(CallModelFault fault)
    {
        Interlocked.Increment(ref _faultCount);
        var detail = $"Switch {Name} link {_linkName}: {fault.Detail}";
        SwitchingLog.CallHardwareError(_logger, Name, _linkName, fault.Cause, fault.Element, fault.CallId, detail);
        _faults.Offer(HardwareErrorRecord.FromSession(_linkName, fault.Cause, detail, fault.Element, _time.GetUtcNow()) with
        {
            ThisDN = fault.Dn,
            ConnId = fault.ConnId?.Value,
            PreviousConnId = fault.PreviousConnId?.Value,
        });
    }

    /// <inheritdoc/>
    void ICallModelSink.Resynchronise(CallResyncRequest request)
    {
        if (_link is not { } link || request.Devices.Count == 0)
        {
            // No link: the snapshot round when a link comes back covers every device.
            return;
        }

        var now = _time.GetTimestamp();
        if (_resyncing.TryGetValue(request.CallId, out var until) && until > now)
        {
            return;
        }

        if (_resyncing.Count >= MaxResyncs)
        {
            foreach (var (callId, expiry) in _resyncing)
            {
                if (expiry <= now)
                {
                    _resyncing.Remove(callId);
                }
            }

            if (_resyncing.Count >= MaxResyncs)
            {
                SwitchingLog.ResyncDeferred(_logger, Name, request.CallId, MaxResyncs);
                return;
            }
        }

        _resyncing[request.CallId] = now + (long)(RequestTimeout.TotalSeconds * 2 * _time.TimestampFrequency);
        SwitchingLog.ResyncStarted(_logger, Name, request.CallId, string.Join(' ', request.Devices));
        _ = SnapshotAsync(link, request.Devices);
    }

    /// <summary>SnapshotDevice of each of <paramref name="dns"/> on <paramref name="link"/>, the replies queued to the loop.</summary>
    public async Task SnapshotAsync(CstaTcpLink link, IReadOnlyList<string> dns)
    {
        var map = Volatile.Read(ref _switch.DeviceIds);
        foreach (var dn in dns)
        {
            var device = map?.ToDeviceId(dn) ?? dn;
            try
            {
                var answer = await link.RequestAsync(w => CstaXmlEncoder.WriteSnapshotDevice(w, _switch.Flavour, device), RequestTimeout, _stopping).ConfigureAwait(false);
                if (answer is CstaSnapshotDeviceResponse reply)
                {
                    await _input.Writer.WriteAsync(CallHostInput.Snapshot(link.Name, dn, map?.ToDns(reply) ?? reply), _stopping).ConfigureAwait(false);
                }
                else
                {
                    SwitchingLog.SnapshotRefused(_logger, Name, link.Name, device, answer.Element);
                }
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException or OperationCanceledException or System.Threading.Channels.ChannelClosedException)
            {
                // Link down or stopping: the snapshot round when a link comes back covers it.
                return;
            }
        }
    }

    private void Stamp(string dn, TlibMessage evt)
    {
        var now = _time.GetTimestamp();
        for (var i = 0; i < _expectations.Count; i++)
        {
            var expectation = _expectations[i];
            if (expectation.IsSpent || expectation.ExpiresAt <= now)
            {
                _expectations.RemoveAt(i--);
                continue;
            }

            if (expectation.TryStamp(dn, evt))
            {
                if (expectation.IsSpent)
                {
                    _expectations.RemoveAt(i);
                }

                return;
            }
        }
    }

    private void PublishFault(HardwareErrorRecord record)
    {
        try
        {
            _publisher.PublishHardwareError(new TlibHardwareError(Name, record.LinkName, record.Cause, record.Detail)
            {
                Element = record.Element,
                Suppressed = record.Suppressed,
                ThisDN = record.ThisDN,
                ConnId = record.ConnId is { } connId ? new ConnId(connId) : null,
                PreviousConnId = record.PreviousConnId is { } previous ? new ConnId(previous) : null,
            });
        }
        catch (TlibProtocolException ex)
        {
            SwitchingLog.HardwareError(_logger, Name, record.LinkName, "publish-failed", ex.Message);
        }
    }
}
