using CtiGateway.Protocol;

namespace CtiGateway.Switching;

/// <summary>
/// The switch's CSTAErrorCode (ECMA-269 category and value) as a T-Library error code. The table is documented in
/// docs/wire-format.md ("CSTA errors as T-Library errors"); a test checks that the two agree. Values not listed take
/// their category's default (the row with value <c>*</c>).
/// </summary>
internal static class CstaErrorMap
{
    /// <summary>Every row: category, value (<c>*</c> for the category's default), T-Library error.</summary>
    public static IReadOnlyList<(string Category, string Value, ErrorCode Error)> Rows { get; } =
    [
        ("operation", "invalidCallingDevice", ErrorCode.TERR_INVALID_ATTR),
        ("operation", "invalidCallingDeviceID", ErrorCode.TERR_INVALID_ATTR),
        ("operation", "invalidCalledDevice", ErrorCode.TERR_BAD_PARAM),
        ("operation", "invalidDestination", ErrorCode.TERR_BAD_PARAM),
        ("operation", "invalidDeviceID", ErrorCode.TERR_NOT_CONFIGURED),
        ("operation", "invalidCstaDeviceIdentifier", ErrorCode.TERR_NOT_CONFIGURED),
        ("operation", "invalidConnectionID", ErrorCode.TERR_INV_CONNID),
        ("operation", "invalidCstaConnectionIdentifier", ErrorCode.TERR_INV_CONNID),
        ("operation", "invalidCstaCallIdentifier", ErrorCode.TERR_INV_CONNID),
        ("operation", "serviceNotSupported", ErrorCode.TERR_UNSUP_OPER),
        ("operation", "requestIncompatibleWithObject", ErrorCode.TERR_CTL_INV_CALL_STATE),
        ("operation", "notSameDevice", ErrorCode.TERR_INVALID_ATTR),
        ("operation", "notDifferentDevices", ErrorCode.TERR_INVALID_ATTR),
        ("operation", "valueOutOfRange", ErrorCode.TERR_INVALID_ATTR),
        ("operation", "invalidObjectType", ErrorCode.TERR_INVALID_ATTR),
        ("operation", "privilegeViolationOnSpecifiedDevice", ErrorCode.TERR_CALL_REJECTED),
        ("operation", "privilegeViolationOnCalledDevice", ErrorCode.TERR_CALL_REJECTED),
        ("operation", "privilegeViolationOnCallingDevice", ErrorCode.TERR_CALL_REJECTED),
        ("operation", "*", ErrorCode.TERR_BAD_PARAM),
        ("security", "*", ErrorCode.TERR_CALL_REJECTED),
        ("stateIncompatibility", "invalidDestinationDeviceState", ErrorCode.TERR_DN_BUSY),
        ("stateIncompatibility", "*", ErrorCode.TERR_CTL_INV_CALL_STATE),
        ("systemResourceAvailability", "resourceBusy", ErrorCode.TERR_DN_BUSY),
        ("systemResourceAvailability", "serviceBusy", ErrorCode.TERR_REQ_IN_PROGRESS),
        ("systemResourceAvailability", "resourceOutOfService", ErrorCode.TERR_OUT_OF_SERVICE),
        ("systemResourceAvailability", "networkOutOfService", ErrorCode.TERR_OUT_OF_SERVICE),
        ("systemResourceAvailability", "networkBusy", ErrorCode.TERR_DN_BUSY),
        ("systemResourceAvailability", "*", ErrorCode.TERR_OUT_OF_SERVICE),
        ("subscribedResourceAvailability", "*", ErrorCode.TERR_UNSUP_OPER),
        ("performanceManagement", "*", ErrorCode.TERR_TOO_MANY_REQ),
        ("privateData", "*", ErrorCode.TERR_UNKNOWN_ERROR),
        ("unspecified", "*", ErrorCode.TERR_UNKNOWN_ERROR),
        ("*", "*", ErrorCode.TERR_UNKNOWN_ERROR),
    ];

    private static readonly Dictionary<(string, string), ErrorCode> Table = Rows.ToDictionary(r => (r.Category, r.Value), r => r.Error);

    /// <summary>The T-Library error for the switch's <paramref name="category"/> / <paramref name="value"/>.</summary>
    public static ErrorCode Map(string category, string value) =>
        Table.TryGetValue((category, value), out var exact) ? exact
        : Table.TryGetValue((category, "*"), out var byCategory) ? byCategory
        : Table[("*", "*")];
}
