using System.Globalization;
using CtiGateway.Protocol;

namespace CtiGateway.Server;

public sealed partial class TlibServer
{
    /// <summary>Longest DN name accepted (no switch DN plan exists yet, so any printable name up to this length).</summary>
    internal const int MaxDnLength = 64;

    /// <summary>Answers one decoded request from <paramref name="client"/>; never throws.</summary>
    internal void HandleRequest(ClientConnection client, TlibMessage request)
    {
        Interlocked.Increment(ref _requestsReceived);
        TraceRequest(client, request);
        var referenceId = request.ReferenceID ?? 0;
        try
        {
            switch (RequestRouting.Get(request.Type))
            {
                case RequestRoute.Unknown:
                    SendError(client, request, referenceId, ErrorCode.TERR_UNSUP_OPER,
                        $"Unknown message id {((int)request.Type).ToString(CultureInfo.InvariantCulture)}: not in the T-Library message table (0-{MessageCatalog.Count - 1})");
                    break;
                case RequestRoute.Event:
                    SendError(client, request, referenceId, ErrorCode.TERR_UNSUP_OPER,
                        $"{request.Name} ({((int)request.Type).ToString(CultureInfo.InvariantCulture)}) is an event; clients send requests");
                    break;
                case RequestRoute.Unsupported:
                    SendError(client, request, referenceId, ErrorCode.TERR_UNSUP_OPER, $"{request.Name} is not supported by this server");
                    break;
                case RequestRoute.Switch:
                    ForwardSwitchRequest(client, request, referenceId);
                    break;
                default:
                    HandleLocal(client, request, referenceId);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            TServerLog.RequestCrashed(Logger, ex, client.Id, client.RemoteEndPoint, request.Name);
            SendError(client, request, referenceId, ErrorCode.TERR_INTERNAL, $"{request.Name} failed inside the server: {ex.Message}");
        }
    }

    private void HandleLocal(ClientConnection client, TlibMessage request, int referenceId)
    {
        switch (request.Type)
        {
            case MessageType.RequestRegisterClient:
                RegisterClient(client, request, referenceId);
                break;
            case MessageType.RequestQueryServer:
                QueryServer(client, referenceId);
                break;
            case MessageType.RequestRegisterAddress:
                RegisterAddress(client, request, referenceId);
                break;
            case MessageType.RequestUnregisterAddress:
                UnregisterAddress(client, request, referenceId);
                break;
            case MessageType.RequestQueryAddress:
                QueryAddress(client, request, referenceId);
                break;
            case MessageType.RequestSetInputMask:
                SetInputMask(client, request, referenceId);
                break;
            case MessageType.RequestDistributeUserEvent:
                DistributeUserEvent(client, request, referenceId);
                break;
            case MessageType.RequestDistributeEvent:
                DistributeEvent(client, request, referenceId);
                break;
            case MessageType.RequestQueryLocation:
                QueryLocation(client, request, referenceId);
                break;
            case MessageType.RequestQuerySwitch:
                QuerySwitch(client, request, referenceId);
                break;
            default:
                throw new InvalidOperationException($"{request.Name} is routed to the server but has no handler.");
        }
    }

    // Call control, agent state, call user data, treatments, routing: handed to the switch layer, which answers later.
    // A request that names a ThisDN needs the client to have registered it (TERR_NOT_REGISTERED otherwise).
    private void ForwardSwitchRequest(ClientConnection client, TlibMessage request, int referenceId)
    {
        if (RequestHandler is not { } handler)
        {
            RefuseSwitchRequest(client, request, referenceId);
            return;
        }

        if (request.ThisDN is { } dn)
        {
            if (DnProblem(dn) is { } problem)
            {
                SendError(client, request, referenceId, ErrorCode.TERR_INVALID_ATTR,
                    $"Invalid attribute ThisDN: '{Printable(dn)}' {problem} (a DN is 1-{MaxDnLength} printable characters)");
                return;
            }

            // A reservation names the agent's DN, which the requester (a router) need not have registered.
            if (!client.HasDn(BareDn(dn)) && request.Type != MessageType.RequestReserveAgent)
            {
                SendError(client, request, referenceId, ErrorCode.TERR_NOT_REGISTERED,
                    $"{request.Name}: DN {dn} is not registered by this client (send RequestRegisterAddress for it first)", dn);
                return;
            }
        }

        handler.Handle(new TlibRequest(this, client, request, referenceId));
    }

    // No switch layer: every request that needs a switch is refused.
    private void RefuseSwitchRequest(ClientConnection client, TlibMessage request, int referenceId)
    {
        if (!AnyLinkConnected)
        {
            SendError(client, request, referenceId, ErrorCode.TERR_NO_SWITCH, $"{request.Name} needs a switch and no switch link is connected", request.ThisDN);
        }
        else
        {
            SendError(client, request, referenceId, ErrorCode.TERR_UNSUP_OPER, $"{request.Name} is not supported: this server does not pass requests to the switch", request.ThisDN);
        }
    }

    private void RegisterClient(ClientConnection client, TlibMessage request, int referenceId)
    {
        var version = request.GetString(AttributeId.ProtocolVersion);
        if (version is not null && !version.StartsWith(TlibWire.ProtocolVersionMajorPrefix, StringComparison.Ordinal))
        {
            SendError(client, request, referenceId, ErrorCode.TERR_PROTO_VERS,
                $"Protocol version '{Printable(version)}' is not supported: this server speaks {TlibWire.ProtocolVersion} ({TlibWire.ProtocolVersionMajorPrefix}x)");
            return;
        }

        var application = request.GetString(AttributeId.ApplicationName);
        client.ApplicationName = application is null ? string.Empty : Printable(application);
        client.MarkRegistered();
        TServerLog.ClientRegistered(Logger, client.Id, client.RemoteEndPoint, client.ApplicationName, version ?? "(not given)");

        // Under the links lock (reentrant, see SetLinkState): no link change is published while the answer is queued.
        lock (_linksLock)
        {
            AnswerLinkStates(client, referenceId);
        }
    }

    // One EventLinkConnected/EventLinkDisconnected per switch link, each with Extensions "switches" = their number.
    private void AnswerLinkStates(ClientConnection client, int referenceId)
    {
        var links = LinkSnapshot();
        if (links.Length == 0)
        {
            var none = new TlibMessage(MessageType.EventLinkDisconnected, 10)
            {
                ReferenceID = referenceId,
                ErrorCode = (int)ErrorCode.TERR_NO_SWITCH,
                ErrorMessage = "No switch link configured",
                Extensions = new KeyValueList(1).Add("switches", 0),
            };
            none.Set(AttributeId.ApplicationName, Options.ApplicationName);
            SendTo(client, none);
            return;
        }

        foreach (var link in links)
        {
            SendTo(client, LinkEvent(link.Key, link.Value, referenceId, links.Length));
        }
    }

    private void QueryServer(ClientConnection client, int referenceId)
    {
        var links = new KeyValueList();
        foreach (var link in LinkSnapshot())
        {
            var details = LinkInfo(link.Key, link.Value);
            if (details.Count == 1)
            {
                links.Add(link.Key, link.Value.Connected ? "connected" : "disconnected");
            }
            else
            {
                links.Add(link.Key, details);
            }
        }

        var info = new TlibMessage(MessageType.EventServerInfo, 10)
        {
            ReferenceID = referenceId,
            Extensions = new KeyValueList(1).Add("links", links),
        };
        info.Set(AttributeId.ServerVersion, ServerVersion);
        info.Set(AttributeId.ServerRole, (int)Role);
        info.Set(AttributeId.ApplicationName, Options.ApplicationName);
        SendTo(client, info);
    }

    private void RegisterAddress(ClientConnection client, TlibMessage request, int referenceId)
    {
        if (!TryGetDn(client, request, referenceId, AttributeId.ThisDN, out var dn))
        {
            return;
        }

        dn = BareDn(dn);

        var addressType = request.GetInt(AttributeId.AddressType) ?? (int)AddressType.DN;
        var limit = Options.MaxDnsPerClient;
        if (client.AddDn(dn, limit) == DnAddResult.LimitReached)
        {
            if (_dnLimitThrottle.TryEnter())
            {
                TServerLog.DnLimitReached(Logger, client.Id, client.RemoteEndPoint, dn, limit);
            }

            SendError(client, request, referenceId, ErrorCode.TERR_NOMORE_LICENSE,
                $"Cannot register DN {dn}: this client has registered {limit.ToString(CultureInfo.InvariantCulture)} DNs, the most allowed (TServer:MaxDnsPerClient)", dn);
            return;
        }

        var count = RegisterDn(client, dn);
        TServerLog.DnRegistered(Logger, client.Id, dn, count);
        var registered = new TlibMessage(MessageType.EventRegistered, 12)
        {
            ThisDN = dn,
            ReferenceID = referenceId,
            Extensions = DnStatus(count),
        };
        registered.Set(AttributeId.AddressInfoType, (int)AddressInfoType.AddressType);
        registered.Set(AttributeId.AddressInfoStatus, addressType);
        registered.Set(AttributeId.AddressType, addressType);
        SendTo(client, registered);
    }

    private void UnregisterAddress(ClientConnection client, TlibMessage request, int referenceId)
    {
        if (!TryGetDn(client, request, referenceId, AttributeId.ThisDN, out var dn))
        {
            return;
        }

        dn = BareDn(dn);

        if (!client.RemoveDn(dn))
        {
            SendError(client, request, referenceId, ErrorCode.TERR_NOT_REGISTERED, $"DN {dn} is not registered by this client", dn);
            return;
        }

        UnregisterDn(client, dn);
        TServerLog.DnUnregistered(Logger, client.Id, dn);
        SendTo(client, new TlibMessage(MessageType.EventUnregistered, 8) { ThisDN = dn, ReferenceID = referenceId });
    }

    // A DN of a switch is answered by the switch layer from its state; any other DN here: DNStatus from the server's own state.
    private void QueryAddress(ClientConnection client, TlibMessage request, int referenceId)
    {
        if (!TryGetDn(client, request, referenceId, AttributeId.ThisDN, out var dn))
        {
            return;
        }

        if (request.GetInt(AttributeId.AddressInfoType) is not { } infoType)
        {
            SendError(client, request, referenceId, ErrorCode.TERR_INVALID_ATTR,
                "Missing attribute AddressInfoType: RequestQueryAddress needs it (17 = DNStatus is answered by the server)", dn);
            return;
        }

        if (!Enum.IsDefined((AddressInfoType)infoType))
        {
            SendError(client, request, referenceId, ErrorCode.TERR_INVALID_ATTR,
                $"Invalid attribute AddressInfoType: {infoType.ToString(CultureInfo.InvariantCulture)} is not an address info type (0-18)", dn);
            return;
        }

        // A DN of a switch: the switch layer answers from its state (calls, agents, queues).
        // (DN@switch goes the request way, which names the switch and makes the DN bare.)
        if (RequestHandler is ITlibQueryHandler switches && (switches.AnswersFor(dn) || !ReferenceEquals(BareDn(dn), dn)))
        {
            switches.Handle(new TlibRequest(this, client, request, referenceId));
            return;
        }

        if (infoType != (int)AddressInfoType.DNStatus)
        {
            ForwardSwitchRequest(client, request, referenceId);
            return;
        }

        var info = new TlibMessage(MessageType.EventAddressInfo, 10)
        {
            ThisDN = dn,
            ReferenceID = referenceId,
            Extensions = DnStatus(RegisteredClients(BareDn(dn))),
        };
        info.Set(AttributeId.AddressInfoType, (int)AddressInfoType.DNStatus);
        info.Set(AttributeId.AddressInfoStatus, (int)AddressStatusInfoType.Idle);
        SendTo(client, info);
    }

    private void SetInputMask(ClientConnection client, TlibMessage request, int referenceId)
    {
        if (!request.TryGet(AttributeId.InputMask, out var value))
        {
            SendError(client, request, referenceId, ErrorCode.TERR_INVALID_ATTR, "Missing attribute InputMask: RequestSetInputMask needs the 64-byte event mask");
            return;
        }

        var mask = value.AsMask();
        client.InputMask = mask;
        TServerLog.InputMaskSet(Logger, client.Id, mask.SetMessageTypes().Count());
        var ack = new TlibMessage(MessageType.EventACK, 6) { ReferenceID = referenceId };
        ack.Set(AttributeId.UserEvent, (int)MessageType.RequestSetInputMask);
        SendTo(client, ack);
    }

    // EventACK to the sender, EventUserEvent (ThisDN = the target DN) to every client registered on the target DN.
    private void DistributeUserEvent(ClientConnection client, TlibMessage request, int referenceId) =>
        Distribute(client, request, referenceId, everyAttribute: false);

    // TSendEvent / TSendEventEx (RequestDistributeEvent): as TSendUserEvent, but the distributed EventUserEvent carries
    // every attribute of the request (Extensions and any others), not only the user-data ones. Only a user event is
    // distributed: a client cannot forge a telephony event for the clients of another DN.
    private void DistributeEvent(ClientConnection client, TlibMessage request, int referenceId)
    {
        if (request.GetInt(AttributeId.UserEvent) is { } type && type != (int)MessageType.EventUserEvent)
        {
            SendError(client, request, referenceId, ErrorCode.TERR_INVALID_ATTR,
                $"Invalid attribute UserEvent: {type.ToString(CultureInfo.InvariantCulture)} ({MessageCatalog.GetName((MessageType)type)}); RequestDistributeEvent distributes EventUserEvent (96) only: a client cannot send telephony events to other clients");
            return;
        }

        Distribute(client, request, referenceId, everyAttribute: true);
    }

    private void Distribute(ClientConnection client, TlibMessage request, int referenceId, bool everyAttribute)
    {
        var which = request.Has(AttributeId.CommunicationDN) ? AttributeId.CommunicationDN : AttributeId.ThisDN;
        if (!request.Has(which))
        {
            SendError(client, request, referenceId, ErrorCode.TERR_INVALID_ATTR,
                $"Missing attribute ThisDN: {request.Name} needs ThisDN or CommunicationDN (the DN to distribute to)");
            return;
        }

        if (!TryGetDn(client, request, referenceId, which, out var dn))
        {
            return;
        }

        var evt = new TlibMessage(MessageType.EventUserEvent, everyAttribute ? request.Attributes.Length + 1 : 10) { ThisDN = dn };
        if (everyAttribute)
        {
            foreach (ref readonly var attribute in request.Attributes)
            {
                if (attribute.Id is not (AttributeId.ReferenceID or AttributeId.UserEvent or AttributeId.ThisDN or AttributeId.CommunicationDN))
                {
                    evt.Set(attribute.Id, attribute.Value);
                }
            }
        }
        else
        {
            Copy(request, evt, AttributeId.UserData);
            Copy(request, evt, AttributeId.Extensions);
            Copy(request, evt, AttributeId.CustomerID);
            Copy(request, evt, AttributeId.ConnID);
        }

        try
        {
            Publish(evt, dn);
        }
        catch (TlibProtocolException ex) when (ex.Kind == ProtocolErrorKind.FrameTooLarge)
        {
            SendError(client, request, referenceId, ErrorCode.TERR_INVALID_ATTR, $"Invalid attribute UserData: the EventUserEvent would be too large ({ex.Message})", dn);
            return;
        }

        var ack = new TlibMessage(MessageType.EventACK, 6) { ReferenceID = referenceId };
        ack.Set(AttributeId.UserEvent, (int)request.Type);
        SendTo(client, ack);
    }

    private bool TryGetDn(ClientConnection client, TlibMessage request, int referenceId, AttributeId attribute, out string dn)
    {
        var name = AttributeCatalog.GetName(attribute);
        var value = request.GetString(attribute);
        if (value is null)
        {
            SendError(client, request, referenceId, ErrorCode.TERR_INVALID_ATTR, $"Missing attribute {name}: {request.Name} needs it");
            dn = string.Empty;
            return false;
        }

        if (DnProblem(value) is { } problem)
        {
            SendError(client, request, referenceId, ErrorCode.TERR_INVALID_ATTR,
                $"Invalid attribute {name}: '{Printable(value)}' {problem} (a DN is 1-{MaxDnLength} printable characters)");
            dn = string.Empty;
            return false;
        }

        dn = value;
        return true;
    }

    /// <summary>Why <paramref name="dn"/> is not a valid DN name, or null when it is.</summary>
    internal static string? DnProblem(string dn)
    {
        if (dn.Length == 0)
        {
            return "is empty";
        }

        if (dn.Length > MaxDnLength)
        {
            return $"is {dn.Length.ToString(CultureInfo.InvariantCulture)} characters long";
        }

        for (var i = 0; i < dn.Length; i++)
        {
            if (char.IsControl(dn[i]))
            {
                return $"has a control character at position {(i + 1).ToString(CultureInfo.InvariantCulture)}";
            }
        }

        return null;
    }

    // Text from a client, made safe to echo into an error message or a log line.
    private static string Printable(string text)
    {
        var cut = text.Length > 80 ? text[..80] + "..." : text;
        return string.Create(cut.Length, cut, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) || char.IsSurrogate(s[i]) ? '?' : s[i];
            }
        });
    }

    // The DN status carried in EventRegistered and EventAddressInfo (no switch: every DN is idle).
    private static KeyValueList DnStatus(int registeredClients) =>
        new KeyValueList(2).Add("status", "idle").Add("registered-clients", registeredClients);

    private static void Copy(TlibMessage from, TlibMessage to, AttributeId id)
    {
        if (from.TryGet(id, out var value))
        {
            to.Set(id, value);
        }
    }
}
