namespace CtiGateway.CallModel;

/// <summary>
/// Reduces a CSTA device identifier to the DN it names: OSV sends <c>N&lt;dn&gt;...;noa=nk</c> in device elements and
/// <c>dn;param=...</c> forms; the DN is what sits between the angle brackets, else what comes before the first
/// <c>;</c>. A plain DN is returned as it is (no copy). DMCC device ids are mapped to DNs before the model sees them.
/// </summary>
internal static class DeviceNumber
{
    public static string? ToDn(string? deviceId)
    {
        if (string.IsNullOrEmpty(deviceId))
        {
            return null;
        }

        if (deviceId.Length > 2 && deviceId[0] == 'N' && deviceId[1] == '<')
        {
            var close = deviceId.IndexOf('>', 2);
            if (close > 2)
            {
                return deviceId[2..close];
            }
        }

        var semicolon = deviceId.IndexOf(';');
        return semicolon switch
        {
            0 => null,
            > 0 => deviceId[..semicolon],
            _ => deviceId,
        };
    }
}
