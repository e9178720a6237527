namespace CtiGateway.Pbx.Profiles;

/// <summary>
/// The CSTA-XML dialect: ECMA-323 namespace, private-data namespace, the invoke id the switch puts on events,
/// start-up order, and the ECMA-354 application session when the switch uses one.
/// </summary>
public sealed record DialectSettings(
    string Namespace,
    string? PrivateNamespace,
    string EventInvokeId,
    bool SwitchSendsSystemStatusFirst,
    bool SystemRegister,
    ApplicationSessionSettings? ApplicationSession);
