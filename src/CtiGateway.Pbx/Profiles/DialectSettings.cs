namespace CtiGateway.Pbx.Profiles;

/// <summary>
/// The CSTA-XML dialect: ECMA-323 namespace, private-data namespace, the invoke id the switch puts on events,
/// start-up order, the ECMA-354 application session when the switch uses one, and how stations are named.
/// </summary>
public sealed record DialectSettings(
    string Namespace,
    string? PrivateNamespace,
    string EventInvokeId,
    bool SwitchSendsSystemStatusFirst,
    bool SystemRegister,
    ApplicationSessionSettings? ApplicationSession)
{
    /// <summary>How stations are named on the link (<c>dialect.device-id</c>; default <c>dn</c>).</summary>
    public DeviceIdScheme DeviceIds { get; init; } = DeviceIdScheme.DirectoryNumber;
}
