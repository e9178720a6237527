namespace CtiGateway.Pbx.Profiles;

/// <summary>
/// The CSTA-XML dialect: ECMA-323 namespace, private-data namespace, the invoke id the switch puts on events,
/// start-up order and its timeout, the ECMA-354 application session when the switch uses one, and how stations are named.
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

    /// <summary>
    /// How long the start-up exchange (the switch's SystemStatus, the application session, SystemRegister) may take
    /// from connect before it is a hardware error and the link reconnects (<c>dialect.startup-timeout-ms</c>).
    /// </summary>
    public TimeSpan StartupTimeout { get; init; } = DefaultStartupTimeout;

    /// <summary>
    /// How long a client request sent to the switch (MakeCall, AnswerCall, ...) may wait for the switch's answer before
    /// the client gets EventError TERR_TIMEOUT (57) (<c>dialect.request-timeout-ms</c>).
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>The request timeout when the profile gives none: 4 s.</summary>
    public static TimeSpan DefaultRequestTimeout { get; } = TimeSpan.FromSeconds(4);

    /// <summary>The start-up timeout when the profile gives none: 5 s.</summary>
    public static TimeSpan DefaultStartupTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the dialect has a start-up exchange that must be complete before the link is up.</summary>
    public bool HasStartupExchange => SwitchSendsSystemStatusFirst || SystemRegister || ApplicationSession is not null;
}
