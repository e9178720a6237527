namespace CtiGateway.Protocol.Tests.WireFormat;

/// <summary>
/// The expected content of every hex dump in docs/wire-format.md, keyed by the block's name. Attributes are set in
/// the order the dump shows them, so re-encoding gives the documented bytes.
/// </summary>
internal static class DocumentedDumps
{
    /// <summary>The server start time in the dumps: 2025-01-01T09:00:00Z.</summary>
    private static readonly TlibTime ServerStart = new(1735722000, 0);

    public static IReadOnlyDictionary<string, DumpExpectation> All { get; } = new Dictionary<string, DumpExpectation>(StringComparer.Ordinal)
    {
        ["addp-hello"] = DumpExpectation.Of(new AddpHello(10, 30, AddpTrace.Off)),
        ["register-client"] = DumpExpectation.Of(new TlibMessage(MessageType.RequestRegisterClient)
            .Set(AttributeId.ApplicationName, "agent-desk")
            .Set(AttributeId.ProtocolVersion, TlibWire.ProtocolVersion)
            .Set(AttributeId.ReferenceID, 1)),
        ["link-connected"] = DumpExpectation.Of(Event(
            new TlibMessage(MessageType.EventLinkConnected)
                .Set(AttributeId.ReferenceID, 1)
                .Set(AttributeId.Extensions, new KeyValueList().Add("switch", "tel_sw").Add("switches", 1))
                .Set(AttributeId.ApplicationName, "CtiGateway"),
            1,
            new TlibTime(1735732800, 0))),
        ["register-address"] = DumpExpectation.Of(new TlibMessage(MessageType.RequestRegisterAddress)
            .Set(AttributeId.ReferenceID, 2)
            .Set(AttributeId.ThisDN, "5001")
            .Set(AttributeId.RegisterMode, (int)RegisterMode.ModeShare)
            .Set(AttributeId.AddressType, (int)AddressType.DN)),
        ["registered"] = DumpExpectation.Of(Event(
            new TlibMessage(MessageType.EventRegistered)
                .Set(AttributeId.ThisDN, "5001")
                .Set(AttributeId.ReferenceID, 2)
                .Set(AttributeId.Extensions, new KeyValueList().Add("status", "idle").Add("registered-clients", 1))
                .Set(AttributeId.AddressInfoType, (int)AddressInfoType.AddressType)
                .Set(AttributeId.AddressInfoStatus, (int)AddressType.DN)
                .Set(AttributeId.AddressType, (int)AddressType.DN),
            2,
            new TlibTime(1735732800, 1500))),
        ["set-input-mask"] = DumpExpectation.Of(new TlibMessage(MessageType.RequestSetInputMask)
            .Set(AttributeId.ReferenceID, 3)
            .Set(AttributeId.InputMask, new TlibMask().Set(MessageType.EventError).Set(MessageType.EventRinging).Set(MessageType.EventDialing))),
        ["make-call"] = DumpExpectation.Of(new TlibMessage(MessageType.RequestMakeCall)
            .Set(AttributeId.ReferenceID, 4)
            .Set(AttributeId.ThisDN, "5001")
            .Set(AttributeId.OtherDN, "5002")),
        ["error"] = DumpExpectation.Of(Event(
            new TlibMessage(MessageType.EventError)
                .Set(AttributeId.ReferenceID, 4)
                .Set(AttributeId.ErrorCode, (int)ErrorCode.TERR_UNSUP_OPER)
                .Set(AttributeId.ErrorMessage, "RequestMakeCall is not supported: this server does not pass requests to the switch")
                .Set(AttributeId.ThisDN, "5001"),
            3,
            new TlibTime(1735732801, 20000))),
        ["ringing"] = DumpExpectation.Of(Event(
            new TlibMessage(MessageType.EventRinging)
                .Set(AttributeId.CallID, 4711L)
                .Set(AttributeId.ConnID, unchecked((long)0x006e01a2b3c4d5e6UL))
                .Set(AttributeId.CallType, (int)CallType.Inbound)
                .Set(AttributeId.ThisDN, "5001")
                .Set(AttributeId.ThisDNRole, (int)DNRole.Destination)
                .Set(AttributeId.OtherDN, "5002")
                .Set(AttributeId.CallState, (int)CallState.Ok)
                .Set(AttributeId.UserData, new KeyValueList()
                    .Add("CustomerID", "C-1042")
                    .Add("Priority", 5)
                    .AddUnicode("Name", "Zo\u00eb")
                    .Add("Token", new byte[] { 0xca, 0xfe, 0x01 })
                    .Add("Order", new KeyValueList().Add("Id", "A-77").Add("Amount", 120))),
            4,
            new TlibTime(1735732805, 125000))),
        ["unknown-attribute"] = DumpExpectation.Of(new TlibMessage(MessageType.RequestQueryServer)
            .Set(AttributeId.ReferenceID, 5)
            .Set((AttributeId)200, "x")),
        ["addp-poll"] = DumpExpectation.Poll(1),
        ["addp-reply"] = DumpExpectation.Reply(1),
    };

    /// <summary>Appends the four attributes every event carries, in the order the server writes them.</summary>
    private static TlibMessage Event(TlibMessage message, long sequence, TlibTime time) => message
        .Set(AttributeId.TimeinSecs, checked((int)time.Seconds))
        .Set(AttributeId.TimeinuSecs, time.Microseconds)
        .Set(AttributeId.EventSequenceNumber, sequence)
        .Set(AttributeId.ServerStartTime, ServerStart);
}
