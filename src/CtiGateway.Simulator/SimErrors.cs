namespace CtiGateway.Simulator;

/// <summary>
/// The ECMA-269 error values the simulator answers with (category element, value). Category names are the elements
/// of the CSTAErrorCode choice (ECMA-323; the UniversalFailure choice of ECMA-285: operation, security,
/// stateIncompatibility, systemResourceAvailability, subscribedResourceAvailability, performanceManagement,
/// privateData, unspecified); values are identifiers of the ECMA-285 OperationErrors and StateIncompatibilityErrors
/// enumerations, which ECMA-323 uses as its enumeration values.
/// </summary>
public static class SimErrors
{
    public const string Operation = "operation";
    public const string StateIncompatibility = "stateIncompatibility";
    public const string SystemResourceAvailability = "systemResourceAvailability";

    /// <summary>operation: a device that is not in the switching plan.</summary>
    public const string InvalidDeviceId = "invalidDeviceID";

    /// <summary>operation: the calling device of MakeCall is not a station of the plan.</summary>
    public const string InvalidCallingDeviceId = "invalidCallingDeviceID";

    /// <summary>operation: a connection (callID + deviceID) that does not exist.</summary>
    public const string InvalidConnectionId = "invalidConnectionID";

    /// <summary>operation: a destination (consultedDevice, newDestination, transferredTo) the service cannot reach.</summary>
    public const string InvalidDestination = "invalidDestination";

    /// <summary>operation: a monitorCrossRefID that does not exist.</summary>
    public const string InvalidMonitorCrossRefId = "invalidMonitorCrossRefID";

    /// <summary>operation: a service the simulator does not provide.</summary>
    public const string ServiceNotSupported = "serviceNotSupported";

    /// <summary>operation: heldCall and activeCall of TransferCall/ConferenceCall are not the same device's.</summary>
    public const string NotSameDevice = "notSameDevice";

    /// <summary>operation: a device asked to consult itself.</summary>
    public const string NotDifferentDevices = "notDifferentDevices";

    /// <summary>operation: a service on an object of the wrong type (SetAgentState on a queue).</summary>
    public const string InvalidObjectType = "invalidObjectType";

    /// <summary>operation: a requestedAgentState that is not an ECMA-269 value.</summary>
    public const string InvalidAgentState = "invalidAgentState";

    /// <summary>operation: an agent group that is not an ACD queue of the plan.</summary>
    public const string InvalidAgentGroup = "invalidAgentGroup";

    /// <summary>operation: an agentID that is not the agent at the device.</summary>
    public const string InvalidAgentIdentifier = "invalidAgentIdentifier";

    /// <summary>operation: a service on an object it cannot act on (AnswerCall for an external party).</summary>
    public const string RequestIncompatibleWithObject = "requestIncompatibleWithObject";

    /// <summary>operation: a parameter outside its allowed values (GenerateDigits characters that are not DTMF).</summary>
    public const string ValueOutOfRange = "valueOutOfRange";

    /// <summary>operation: a request that lacks a mandatory element or cannot be parsed.</summary>
    public const string Generic = "generic";

    /// <summary>stateIncompatibility: the connection or device is in the wrong state for the service.</summary>
    public const string InvalidObjectState = "invalidObjectState";

    /// <summary>stateIncompatibility: MakeCall from a station that already has a call.</summary>
    public const string InvalidCallingDeviceState = "invalidCallingDeviceState";

    /// <summary>stateIncompatibility: AlternateCall/ReconnectCall whose heldCall is not held.</summary>
    public const string NoHeldCall = "noHeldCall";

    /// <summary>stateIncompatibility: AlternateCall/ReconnectCall whose activeCall is not active (held, or not connected).</summary>
    public const string NoActiveCall = "noActiveCall";

    /// <summary>stateIncompatibility: a destination station that is busy.</summary>
    public const string InvalidDestinationDeviceState = "invalidDestinationDeviceState";

    /// <summary>systemResourceAvailability: the device is out of service.</summary>
    public const string ResourceOutOfService = "resourceOutOfService";
}
