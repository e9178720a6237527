using CtiGateway.Protocol;

namespace CtiGateway.Benchmarks;

/// <summary>The messages the benchmarks encode and decode.</summary>
internal static class SampleMessages
{
    /// <summary>
    /// A typical EventRinging: ThisDN, OtherDN, ConnID, CallID, CallType, CallState, ThisDNRole, OtherDNRole, ANI,
    /// DNIS, event time, EventSequenceNumber, ServerStartTime and UserData with five pairs.
    /// </summary>
    public static TlibMessage EventRinging()
    {
        var userData = new KeyValueList(5)
            .Add("CustomerSegment", "Gold")
            .Add("AccountNumber", "4711-0815")
            .Add("Language", "de-DE")
            .Add("IVRPath", "main>billing>agent")
            .Add("Priority", 5);
        return new TlibMessage(MessageType.EventRinging, 16)
        {
            ThisDN = "5001",
            OtherDN = "+4930123456789",
            ConnID = new ConnId(0x006b02a3c9e1f001),
            CallID = 1_234_567,
            CallType = CallType.Inbound,
            CallState = CallState.Ok,
            ThisDNRole = DNRole.Destination,
            Time = new TlibTime(1_795_000_000, 123_456),
            EventSequenceNumber = 987_654_321,
            ServerStartTime = new TlibTime(1_794_000_000, 0),
            UserData = userData,
        }
            .Set(AttributeId.OtherDNRole, (int)DNRole.Origination)
            .Set(AttributeId.ANI, "+4930123456789")
            .Set(AttributeId.DNIS, "8001");
    }
}
