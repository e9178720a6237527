using CtiGateway.Protocol;

namespace CtiGateway.Server;

public sealed partial class TlibServer
{
    /// <inheritdoc/>
    public bool HasRegistrations(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        if (!_dns.TryGetValue(dn, out var registration))
        {
            return false;
        }

        foreach (var client in registration.Recipients)
        {
            if (client.IsOpen)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Stamps <paramref name="evt"/> (TimeinSecs/TimeinuSecs, EventSequenceNumber, ServerStartTime: the message is
    /// modified), encodes it once and queues the same bytes to every client registered on <paramref name="dn"/>, or to
    /// every client when <paramref name="dn"/> is null. Clients whose input mask clears the event's bit are skipped.
    /// Never blocks: a client whose queue is full is cut off instead.
    /// </summary>
    /// <returns>The EventSequenceNumber given to the event.</returns>
    /// <exception cref="TlibProtocolException">The encoded event is over the maximum frame size.</exception>
    public long Publish(TlibMessage evt, string? dn)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var sequence = Stamp(evt);
        ClientConnection[] recipients;
        if (dn is null)
        {
            recipients = Volatile.Read(ref _clients);
        }
        else if (_dns.TryGetValue(dn, out var registration))
        {
            recipients = registration.Recipients;
        }
        else
        {
            TraceEvent(dn, evt, 0);
            return sequence;
        }

        TraceEvent(dn, evt, recipients.Length);
        if (recipients.Length == 0)
        {
            return sequence;
        }

        // One reference per possible recipient plus the publisher's; the unused ones are dropped in one step.
        var frame = FrameEncoder.Encode(Codec, evt, recipients.Length + 1);
        var type = evt.Type;
        var unused = 1;
        foreach (var client in recipients)
        {
            if (!client.Accepts(type) || !client.Enqueue(frame))
            {
                unused++;
            }
        }

        frame.Release(unused);
        return sequence;
    }

    /// <inheritdoc/>
    public void PublishHardwareError(TlibHardwareError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Publish(error.ToEvent(), error.ThisDN);
    }

    /// <summary>Stamps and sends one event to one client (a response: the input mask does not apply).</summary>
    internal void SendTo(ClientConnection client, TlibMessage evt)
    {
        Stamp(evt);
        TraceResponse(client, evt);
        var frame = FrameEncoder.Encode(Codec, evt, 1);
        if (!client.Enqueue(frame))
        {
            frame.Release();
        }
    }

    /// <summary>Sends EventError with the ReferenceID of the request (0 when there is none).</summary>
    internal void SendError(ClientConnection client, TlibMessage? request, int referenceId, ErrorCode code, string message, string? thisDn = null, ConnId? connId = null)
    {
        var error = new TlibMessage(MessageType.EventError, 8)
        {
            ReferenceID = referenceId,
            ErrorCode = (int)code,
            ErrorMessage = message,
        };
        if (thisDn is not null)
        {
            error.ThisDN = thisDn;
        }

        if (connId is { } id)
        {
            error.ConnID = id;
        }

        TServerLog.RequestFailed(Logger, client.Id, request?.Name ?? "input", referenceId, (int)code, message);
        SendTo(client, error);
    }

    /// <summary>A message that was framed but not decodable: TERR_INVALID_ATTR naming the attribute.</summary>
    internal void RejectMessage(ClientConnection client, TlibProtocolException ex)
    {
        Interlocked.Increment(ref _requestsReceived);
        var partial = ex.Partial;
        var referenceId = partial?.ReferenceID ?? 0;
        var text = ex.Attribute is { } attribute
            ? $"Invalid attribute {AttributeCatalog.GetName(attribute)}: {ex.Message}"
            : $"Malformed message {partial?.Name ?? "(unreadable)"}: {ex.Message}";
        SendError(client, partial, referenceId, ErrorCode.TERR_INVALID_ATTR, text);
    }

    private long Stamp(TlibMessage evt)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        Interlocked.Increment(ref _eventsPublished);
        evt.Time = TlibTime.FromDateTimeOffset(Time.GetUtcNow());
        evt.EventSequenceNumber = sequence;
        evt.ServerStartTime = _serverStartTime;
        return sequence;
    }

    /// <summary>Registers <paramref name="client"/> on <paramref name="dn"/>; returns how many clients are on it.</summary>
    private int RegisterDn(ClientConnection client, string dn)
    {
        while (true)
        {
            var registration = _dns.GetOrAdd(dn, static d => new DnRegistration(d));
            if (registration.TryAdd(client, out var count))
            {
                return count;
            }

            // It was emptied and dropped meanwhile: retry with a fresh registration.
            _dns.TryRemove(new KeyValuePair<string, DnRegistration>(dn, registration));
        }
    }

    private void UnregisterDn(ClientConnection client, string dn)
    {
        if (_dns.TryGetValue(dn, out var registration) && registration.Remove(client, out var nowEmpty) && nowEmpty)
        {
            _dns.TryRemove(new KeyValuePair<string, DnRegistration>(dn, registration));
        }
    }

    internal int RegisteredClients(string dn) => _dns.TryGetValue(dn, out var registration) ? registration.Recipients.Length : 0;

    // switches: in the answer to RequestRegisterClient, how many link events the answer has (docs/wire-format.md 5).
    private TlibMessage LinkEvent(string switchName, LinkState state, int? referenceId, int? switches = null)
    {
        var extensions = new KeyValueList(2).Add("switch", switchName);
        if (switches is { } count)
        {
            extensions.Add("switches", count);
        }

        var evt = new TlibMessage(state.Connected ? MessageType.EventLinkConnected : MessageType.EventLinkDisconnected, 10)
        {
            ReferenceID = referenceId,
            Extensions = extensions,
        };
        evt.Set(AttributeId.ApplicationName, Options.ApplicationName);
        if (!state.Connected)
        {
            evt.ErrorCode = (int)ErrorCode.TERR_NO_SWITCH;
            evt.ErrorMessage = state.Reason ?? $"Link to switch {switchName} is down";
        }

        return evt;
    }

    private KeyValuePair<string, LinkState>[] LinkSnapshot()
    {
        lock (_linksLock)
        {
            return [.. _links.OrderBy(l => l.Key, StringComparer.Ordinal)];
        }
    }
}
