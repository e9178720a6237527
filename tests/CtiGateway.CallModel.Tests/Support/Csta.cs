using CtiGateway.Pbx.Csta;

namespace CtiGateway.CallModel.Tests;

/// <summary>Hand-built CSTA call events (in the decoder's form) for the unit tests.</summary>
internal static class Csta
{
    public static CstaCallEvent Event(CstaEventType type, string callId, string device, string? calling = null, string? called = null, string? cause = null, string? other = null) =>
        new(ElementOf(type), SwitchRig.Ed4)
        {
            Type = type,
            MonitorCrossRefId = "1",
            Connection = new CstaConnectionId(callId, device),
            SubjectDevice = device,
            CallingDevice = calling,
            CalledDevice = called,
            OtherDevice = other,
            Cause = cause,
        };

    public static CstaCallEvent Originated(string callId, string caller, string called) => Event(CstaEventType.Originated, callId, caller, caller, called, "newCall");

    public static CstaCallEvent Delivered(string callId, string device, string calling, string called) => Event(CstaEventType.Delivered, callId, device, calling, called, "newCall");

    public static CstaCallEvent Established(string callId, string device) => Event(CstaEventType.Established, callId, device, cause: "newCall");

    public static CstaCallEvent Held(string callId, string device) => Event(CstaEventType.Held, callId, device, cause: "newCall");

    public static CstaCallEvent Cleared(string callId, string device) => Event(CstaEventType.ConnectionCleared, callId, device, cause: "normalClearing");

    public static string ElementOf(CstaEventType type) => type == CstaEventType.Transfered ? "TransferedEvent" : type + "Event";
}
