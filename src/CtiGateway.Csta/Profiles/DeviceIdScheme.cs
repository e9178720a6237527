namespace CtiGateway.Pbx.Profiles;

/// <summary>How the gateway names a station on the link (firmware profile <c>dialect.device-id</c>).</summary>
public enum DeviceIdScheme
{
    /// <summary><c>dn</c>: the DN itself is the deviceID (OSV, most CSTA switches).</summary>
    DirectoryNumber,

    /// <summary>
    /// <c>get-device-id</c>: Avaya DMCC. Each DN is first resolved with GetDeviceId (extension, switchName and/or
    /// switchIPInterface) to a device identifier <c>extension:switchName:switchIP:instance</c>; only that is accepted
    /// in MonitorStart and call control, and events carry it.
    /// </summary>
    GetDeviceId,
}
