namespace CtiGateway.Simulator;

/// <summary>
/// The ECMA-269 error values the simulator answers with (category element, value). Category names are those of the
/// ECMA-323 CSTAErrorCode choice; values follow the ECMA-269 operation and state-incompatibility error lists.
/// </summary>
public static class SimErrors
{
    public const string Operation = "operation";
    public const string StateIncompatibility = "stateIncompatibility";

    /// <summary>operation: a device that is not in the switching plan.</summary>
    public const string InvalidDeviceId = "invalidDeviceID";

    /// <summary>operation: the calling device of MakeCall is not a station of the plan.</summary>
    public const string InvalidCallingDevice = "invalidCallingDevice";

    /// <summary>operation: a connection (callID + deviceID) that does not exist.</summary>
    public const string InvalidConnectionId = "invalidConnectionID";

    /// <summary>operation: a destination (consultedDevice, newDestination, transferredTo) the service cannot reach.</summary>
    public const string InvalidDestination = "invalidDestination";

    /// <summary>operation: a monitorCrossRefID that does not exist.</summary>
    public const string InvalidCrossRefId = "invalidCrossRefID";

    /// <summary>operation: a service the simulator does not provide.</summary>
    public const string InvalidFeature = "invalidFeature";

    /// <summary>operation: a request that lacks a mandatory element or cannot be parsed.</summary>
    public const string Generic = "generic";

    /// <summary>stateIncompatibility: the connection or device is in the wrong state for the service.</summary>
    public const string InvalidObjectState = "invalidObjectState";
}
