using Microsoft.Extensions.Logging;

namespace CtiGateway.Switching;

/// <summary>Log lines of the call model loop: requests to the switch, call-level hardware errors, resynchronisation (event ids 4600-4609).</summary>
internal static partial class SwitchingLog
{
    [LoggerMessage(EventId = 4600, Level = LogLevel.Debug, Message = "Switch {Switch}: {Request} (ReferenceID {ReferenceId}) sent as {Service} on link {Link}")]
    public static partial void RequestSent(ILogger logger, string @switch, string link, string request, int referenceId, string service);

    [LoggerMessage(EventId = 4601, Level = LogLevel.Information, Message = "Switch {Switch}: {Request} (ReferenceID {ReferenceId}) refused by the switch: {Service} CSTA error {Category}/{Value}, EventError {ErrorCode}")]
    public static partial void RequestRefused(ILogger logger, string @switch, string request, int referenceId, string service, string category, string value, int errorCode);

    [LoggerMessage(EventId = 4602, Level = LogLevel.Warning, Message = "Switch {Switch}: {Request} (ReferenceID {ReferenceId}): no answer to {Service} within {TimeoutMs} ms, EventError TERR_TIMEOUT")]
    public static partial void RequestTimedOut(ILogger logger, string @switch, string request, int referenceId, string service, double timeoutMs);

    [LoggerMessage(EventId = 4603, Level = LogLevel.Warning, Message = "Switch {Switch} link {Link}: call-level hardware error {Cause} at {Element} (callID {CallId}): {Detail}")]
    public static partial void CallHardwareError(ILogger logger, string @switch, string link, string cause, string element, string callId, string detail);

    [LoggerMessage(EventId = 4604, Level = LogLevel.Information, Message = "Switch {Switch}: resynchronising call {CallId} with SnapshotDevice of {Devices}")]
    public static partial void ResyncStarted(ILogger logger, string @switch, string callId, string devices);

    [LoggerMessage(EventId = 4605, Level = LogLevel.Warning, Message = "Switch {Switch}: call {CallId} not resynchronised now: {Max} calls are being resynchronised (the next link-up snapshot covers it)")]
    public static partial void ResyncDeferred(ILogger logger, string @switch, string callId, int max);

    [LoggerMessage(EventId = 4606, Level = LogLevel.Error, Message = "Switch {Switch}: {Event} for DN {Dn} not published: {Reason}")]
    public static partial void CallEventTooLarge(ILogger logger, string @switch, string @event, string dn, string reason);

    [LoggerMessage(EventId = 4607, Level = LogLevel.Error, Message = "Switch {Switch}: the call model loop failed on a {Input} input; it goes on with the next")]
    public static partial void CallInputFailed(ILogger logger, string @switch, string input, Exception exception);
}
