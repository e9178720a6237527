using System.Collections.Concurrent;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Switching;

/// <summary>
/// DN &lt;-&gt; DMCC device identifier of one link session (profile <c>dialect.device-id</c> <c>get-device-id</c>):
/// filled by GetDeviceId after the application session starts, replaced when the active link changes or
/// reconnects (an AES device id is only valid in the session that obtained it). Call control uses
/// <see cref="TryGetDeviceId"/>; events are mapped back to DNs with <see cref="ToDns(CstaCallEvent)"/>.
/// </summary>
public sealed class DeviceIdMap
{
    private readonly ConcurrentDictionary<string, string> _byDn = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byDeviceId = new(StringComparer.Ordinal);

    /// <summary>The link whose session obtained the device ids.</summary>
    public string LinkName { get; }

    /// <summary>Creates an empty map for <paramref name="linkName"/>.</summary>
    public DeviceIdMap(string linkName) => LinkName = linkName;

    /// <summary>DNs resolved.</summary>
    public int Count => _byDn.Count;

    /// <summary>Records the device id the switch gave <paramref name="dn"/>.</summary>
    public void Add(string dn, string deviceId)
    {
        _byDn[dn] = deviceId;
        _byDeviceId[deviceId] = dn;
    }

    /// <summary>The device id of <paramref name="dn"/>, when GetDeviceId resolved it.</summary>
    public bool TryGetDeviceId(string dn, out string deviceId) => _byDn.TryGetValue(dn, out deviceId!);

    /// <summary>
    /// The DN of a device identifier from the switch: the resolved DN, else the extension part of an
    /// <c>extension:switch:ip:instance</c> id, else the value unchanged (trunks, external numbers).
    /// </summary>
    public string? ToDn(string? deviceId) => deviceId is null ? null : DnOf(deviceId);

    /// <summary>The event with every device (subject, calling, called, last redirection, other, connections) as DNs.</summary>
    public CstaCallEvent ToDns(CstaCallEvent callEvent)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        return callEvent.WithDevices(DnOf);
    }

    /// <summary>The SnapshotDevice reply with every connection's device as a DN.</summary>
    public CstaSnapshotDeviceResponse ToDns(CstaSnapshotDeviceResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response with { Items = [.. response.Items.Select(i => i with { Connection = i.Connection with { DeviceId = DnOf(i.Connection.DeviceId) } })] };
    }

    /// <summary>The switch's device id for <paramref name="dn"/>, or <paramref name="dn"/> itself when it has none (trunks, external numbers).</summary>
    public string ToDeviceId(string dn) => _byDn.TryGetValue(dn, out var deviceId) ? deviceId : dn;

    private string DnOf(string deviceId)
    {
        if (_byDeviceId.TryGetValue(deviceId, out var dn))
        {
            return dn;
        }

        var colon = deviceId.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && _byDn.ContainsKey(deviceId[..colon]) ? deviceId[..colon] : deviceId;
    }
}
