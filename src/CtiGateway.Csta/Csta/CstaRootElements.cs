using System.Text;

namespace CtiGateway.Pbx.Csta;

/// <summary>
/// The root elements the UTF-8 decoder knows (the same set, with the same element roles, as the XmlReader path), found
/// from the name's bytes without a string, and the namespace names seen on real links, so that a decoded message
/// shares these strings instead of allocating its own.
/// </summary>
internal static class CstaRootElements
{
    /// <summary>The known root elements by the length of their name, each with its name as UTF-8.</summary>
    private static readonly (byte[] Name, CstaRootElement Element)[][] ByLength = BuildByLength();

    private static readonly string[] KnownNamespaces =
    [
        CstaNamespaces.Ed4, CstaNamespaces.Ed3, CstaNamespaces.ApplicationSession, CstaNamespaces.AvayaPrivate,
    ];

    private static readonly byte[][] KnownNamespacesUtf8 = [.. KnownNamespaces.Select(Encoding.UTF8.GetBytes)];

    /// <summary>The known root element named <paramref name="localName"/>, or null.</summary>
    public static CstaRootElement? Find(ReadOnlySpan<byte> localName)
    {
        if (localName.Length >= ByLength.Length)
        {
            return null;
        }

        foreach (var (name, element) in ByLength[localName.Length])
        {
            if (localName.SequenceEqual(name))
            {
                return element;
            }
        }

        return null;
    }

    /// <summary>The namespace name as a string, shared for the namespaces of real links.</summary>
    public static string Namespace(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return "";
        }

        for (var i = 0; i < KnownNamespacesUtf8.Length; i++)
        {
            if (utf8.SequenceEqual(KnownNamespacesUtf8[i]))
            {
                return KnownNamespaces[i];
            }
        }

        return Encoding.UTF8.GetString(utf8);
    }

    private static (byte[] Name, CstaRootElement Element)[][] BuildByLength()
    {
        var elements = Build().ToList();
        if (elements.DistinctBy(e => e.Name).Count() != elements.Count)
        {
            throw new InvalidOperationException("A CSTA root element is listed twice.");
        }

        var byLength = new (byte[] Name, CstaRootElement Element)[elements.Max(e => e.Name.Length) + 1][];
        for (var length = 0; length < byLength.Length; length++)
        {
            byLength[length] = [.. elements.Where(e => e.Name.Length == length).Select(e => (Encoding.UTF8.GetBytes(e.Name), e))];
        }

        return byLength;
    }

    private static IEnumerable<CstaRootElement> Build()
    {
        yield return Event("DeliveredEvent", CstaEventType.Delivered, "connection", "alertingDevice", null);
        yield return Event("EstablishedEvent", CstaEventType.Established, "establishedConnection", "answeringDevice", null);
        yield return Event("ConnectionClearedEvent", CstaEventType.ConnectionCleared, "droppedConnection", "releasingDevice", null);
        yield return Event("HeldEvent", CstaEventType.Held, "heldConnection", "holdingDevice", null);
        yield return Event("RetrievedEvent", CstaEventType.Retrieved, "retrievedConnection", "retrievingDevice", null);
        yield return Event("TransferedEvent", CstaEventType.Transfered, "primaryOldCall", "transferringDevice", "transferredToDevice");
        yield return Event("ConferencedEvent", CstaEventType.Conferenced, "primaryOldCall", "conferencingDevice", "addedParty");
        yield return Event("DivertedEvent", CstaEventType.Diverted, "connection", "divertingDevice", "newDestination");
        yield return Event("OriginatedEvent", CstaEventType.Originated, "originatedConnection", "originatingDevice", null);
        yield return Event("ServiceInitiatedEvent", CstaEventType.ServiceInitiated, "initiatedConnection", "initiatingDevice", null);
        yield return Event("FailedEvent", CstaEventType.Failed, "failedConnection", "failingDevice", null);
        yield return Event("QueuedEvent", CstaEventType.Queued, "queuedConnection", "queue", null);
        yield return Event("CallInformationEvent", CstaEventType.CallInformation, "connection", "device", null);
        yield return Event("NetworkReachedEvent", CstaEventType.NetworkReached, "outboundConnection", "networkInterfaceUsed", null);
        yield return Plain("SystemStatus", CstaRootKind.SystemStatus);
        yield return WithChild("MonitorStartResponse", CstaRootKind.MonitorStartResponse, "monitorCrossRefID");
        yield return WithChild("SystemRegisterResponse", CstaRootKind.SystemRegisterResponse, "sysStatRegisterID");
        yield return WithChild("MakeCallResponse", CstaRootKind.MakeCallResponse, "callingDevice");
        yield return Plain("StartApplicationSessionPosResponse", CstaRootKind.StartApplicationSessionPosResponse);
        foreach (var name in new[]
        {
            "StartApplicationSessionNegResponse", "ResetApplicationSessionTimerPosResponse", "ResetApplicationSessionTimerNegResponse",
            "StopApplicationSessionPosResponse", "StopApplicationSessionNegResponse",
        })
        {
            yield return Plain(name, CstaRootKind.ApplicationSessionResponse);
        }

        yield return WithChild("ConsultationCallResponse", CstaRootKind.ConsultationCallResponse, "initiatedCall");
        yield return WithChild("TransferCallResponse", CstaRootKind.TransferCallResponse, "transferredCall");
        yield return WithChild("SingleStepTransferCallResponse", CstaRootKind.TransferCallResponse, "transferredCall");
        yield return WithChild("ConferenceCallResponse", CstaRootKind.ConferenceCallResponse, "conferenceCall");
        yield return WithChild("SingleStepConferenceCallResponse", CstaRootKind.SingleStepConferenceCallResponse, "conferencedCall");
        yield return Plain("SnapshotDeviceResponse", CstaRootKind.SnapshotDeviceResponse);
        yield return Plain("GetAgentStateResponse", CstaRootKind.GetAgentStateResponse);
        yield return WithChild("GetDeviceIdResponse", CstaRootKind.GetDeviceIdResponse, "device");
        foreach (var type in Enum.GetValues<CstaAgentEventType>())
        {
            yield return new CstaRootElement { Name = CstaAgentEvent.ElementOf(type), Kind = CstaRootKind.AgentEvent, AgentEventType = type };
        }

        foreach (var type in Enum.GetValues<CstaMaintenanceEventType>())
        {
            yield return new CstaRootElement { Name = CstaMaintenanceEvent.ElementOf(type), Kind = CstaRootKind.MaintenanceEvent, MaintenanceEventType = type };
        }

        yield return Plain(CstaMonitorEndedEvent.RootElement, CstaRootKind.MonitorEnded);
        yield return Plain("CSTAErrorCode", CstaRootKind.ErrorCode);
        foreach (var name in CstaAcknowledgement.Elements)
        {
            yield return Plain(name, CstaRootKind.Acknowledgement);
        }
    }

    private static CstaRootElement Event(string name, CstaEventType type, string connection, string subject, string? other) => new()
    {
        Name = name,
        Kind = CstaRootKind.CallEvent,
        EventType = type,
        Child = connection,
        ChildUtf8 = Encoding.UTF8.GetBytes(connection),
        SubjectUtf8 = Encoding.UTF8.GetBytes(subject),
        OtherUtf8 = other is null ? null : Encoding.UTF8.GetBytes(other),
    };

    private static CstaRootElement WithChild(string name, CstaRootKind kind, string child) =>
        new() { Name = name, Kind = kind, Child = child, ChildUtf8 = Encoding.UTF8.GetBytes(child) };

    private static CstaRootElement Plain(string name, CstaRootKind kind) => new() { Name = name, Kind = kind };
}
