using System.Reflection;

namespace CtiGateway.Simulator.Tests;

/// <summary>
/// The error values the simulator sends are identifiers of the ECMA-285 CSTA error enumerations (which ECMA-323 uses
/// as its XML enumeration values), checked against hand-copied excerpts of those lists: the UniversalFailure choice,
/// OperationErrors, StateIncompatibilityErrors and SystemResourceAvailErrors (ASN.1 module CSTA-error-definition).
/// </summary>
public sealed class SimErrorsTests
{
    private static readonly HashSet<string> Categories =
    [
        "operation", "security", "stateIncompatibility", "systemResourceAvailability", "subscribedResourceAvailability",
        "performanceManagement", "privateData", "unspecified",
    ];

    private static readonly HashSet<string> OperationErrors =
    [
        "generic", "invalidAgentGroup", "invalidAgentIdentifier", "invalidAgentState", "invalidCrossRefID", "invalidDestination",
        "invalidFeature", "invalidMonitorCrossRefID", "invalidObjectType", "notDifferentDevices", "notSameDevice", "objectNotKnown",
        "invalidCallID", "invalidConnectionID", "invalidDeviceID", "invalidCalledDeviceID", "invalidCallingDeviceID",
        "serviceNotSupported", "requestIncompatibleWithObject", "valueOutOfRange",
    ];

    private static readonly HashSet<string> StateIncompatibilityErrors =
    [
        "generic", "invalidObjectState", "invalidDeviceState", "invalidCalledDeviceState", "invalidCallingDeviceState",
        "invalidDestinationDeviceState", "invalidConnectionState", "noActiveCall", "noHeldCall", "noCallToAnswer",
    ];

    private static readonly HashSet<string> SystemResourceAvailabilityErrors =
    [
        "generic", "resourceBusy", "resourceOutOfService", "networkBusy", "networkOutOfService", "overallMonitorLimitExceeded",
        "conferenceMemberLimitExceeded",
    ];

    [Fact]
    public void EveryCategoryAndValueIsAnEcma285Identifier()
    {
        var constants = typeof(SimErrors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        Assert.All(new[] { "Operation", "StateIncompatibility", "SystemResourceAvailability" }, name => Assert.Contains(constants[name], Categories));
        var values = constants.Where(c => c.Key is not ("Operation" or "StateIncompatibility" or "SystemResourceAvailability")).ToList();
        Assert.NotEmpty(values);
        Assert.All(values, c => Assert.True(
            OperationErrors.Contains(c.Value) || StateIncompatibilityErrors.Contains(c.Value) || SystemResourceAvailabilityErrors.Contains(c.Value),
            $"SimErrors.{c.Key} = '{c.Value}' is not an ECMA-285 OperationErrors, StateIncompatibilityErrors or SystemResourceAvailErrors identifier"));

        // The names this simulator once sent wrongly.
        Assert.DoesNotContain("invalidCallingDevice", constants.Values);
        Assert.Equal("invalidCallingDeviceID", SimErrors.InvalidCallingDeviceId);
        Assert.Equal("invalidMonitorCrossRefID", SimErrors.InvalidMonitorCrossRefId);
    }
}
