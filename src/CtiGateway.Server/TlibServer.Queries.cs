using System.Globalization;
using CtiGateway.Protocol;

namespace CtiGateway.Server;

/// <summary>
/// RequestQueryLocation and RequestQuerySwitch, answered from the server's own state. The gateway's locations are its
/// switches (the names a client writes after <c>@</c> in <c>DN@switch</c>): EventLocationInfo lists them with their link
/// state and details. EventSwitchInfo DateTime gives the gateway's clock in TimeStamp, which the switch links keep in step with the
/// switches through their keep-alives.
/// </summary>
public sealed partial class TlibServer
{
    private void QueryLocation(ClientConnection client, TlibMessage request, int referenceId)
    {
        var infoType = request.GetInt(AttributeId.LocationInfoType) ?? (int)LocationInfoType.AllLocations;
        switch ((LocationInfoType)infoType)
        {
            case LocationInfoType.AllLocations:
            {
                var all = new KeyValueList();
                foreach (var link in LinkSnapshot())
                {
                    all.Add(link.Key, LinkInfo(link.Key, link.Value));
                }

                SendTo(client, LocationInfo(referenceId, infoType, null, all));
                return;
            }

            case LocationInfoType.LocationData:
            {
                if (request.GetString(AttributeId.Location) is not { Length: > 0 } location)
                {
                    SendError(client, request, referenceId, ErrorCode.TERR_INVALID_ATTR,
                        "Missing attribute Location: RequestQueryLocation with LocationInfoType LocationData (1) needs the switch name");
                    return;
                }

                foreach (var link in LinkSnapshot())
                {
                    if (string.Equals(link.Key, location, StringComparison.Ordinal))
                    {
                        SendTo(client, LocationInfo(referenceId, infoType, location, new KeyValueList(1).Add(link.Key, LinkInfo(link.Key, link.Value))));
                        return;
                    }
                }

                SendError(client, request, referenceId, ErrorCode.TERR_NOT_CONFIGURED,
                    $"Invalid attribute Location: '{Printable(location)}' is not a switch of this gateway (known: {KnownLocations()})");
                return;
            }

            default:
                SendError(client, request, referenceId, !Enum.IsDefined((LocationInfoType)infoType) ? ErrorCode.TERR_INVALID_ATTR : ErrorCode.TERR_UNSUP_OPER,
                    Enum.IsDefined((LocationInfoType)infoType)
                        ? $"RequestQueryLocation: LocationInfoType {(LocationInfoType)infoType} ({infoType.ToString(CultureInfo.InvariantCulture)}) is not offered; this server answers AllLocations (0) and LocationData (1), and every client gets EventLinkConnected / EventLinkDisconnected when a switch's link changes"
                        : $"Invalid attribute LocationInfoType: {infoType.ToString(CultureInfo.InvariantCulture)} is not a location info type (0-7)");
                return;
        }
    }

    private void QuerySwitch(ClientConnection client, TlibMessage request, int referenceId)
    {
        var infoType = request.GetInt(AttributeId.SwitchInfoType) ?? (int)SwitchInfoType.DateTime;
        if (infoType != (int)SwitchInfoType.DateTime)
        {
            SendError(client, request, referenceId, Enum.IsDefined((SwitchInfoType)infoType) ? ErrorCode.TERR_UNSUP_OPER : ErrorCode.TERR_INVALID_ATTR,
                Enum.IsDefined((SwitchInfoType)infoType)
                    ? $"RequestQuerySwitch: SwitchInfoType {(SwitchInfoType)infoType} ({infoType.ToString(CultureInfo.InvariantCulture)}) is not offered; this server answers DateTime (1)"
                    : $"Invalid attribute SwitchInfoType: {infoType.ToString(CultureInfo.InvariantCulture)} is not a switch info type (0-2)");
            return;
        }

        var now = TlibTime.FromDateTimeOffset(Time.GetUtcNow());
        var info = new TlibMessage(MessageType.EventSwitchInfo, 6) { ReferenceID = referenceId };
        info.Set(AttributeId.SwitchInfoType, infoType);
        info.Set(AttributeId.TimeStamp, now);

        SendTo(client, info);
    }

    private TlibMessage LocationInfo(int referenceId, int infoType, string? location, KeyValueList locations)
    {
        var info = new TlibMessage(MessageType.EventLocationInfo, 8) { ReferenceID = referenceId, Extensions = locations };
        info.Set(AttributeId.LocationInfoType, infoType);
        if (location is not null)
        {
            info.Set(AttributeId.Location, location);
        }

        info.Set(AttributeId.ApplicationName, Options.ApplicationName);
        return info;
    }

    // One switch link as a key-value list: state, then the link's details (profile, peer, counters).
    private KeyValueList LinkInfo(string name, LinkState state)
    {
        var text = state.Connected ? "connected" : "disconnected";
        if (LinkDetails?.Invoke(name) is not { } details)
        {
            return new KeyValueList(1).Add("state", text);
        }

        var nested = new KeyValueList(details.Count + 1).Add("state", text);
        foreach (var (key, value) in details)
        {
            nested.Add(key, value);
        }

        return nested;
    }

    private string KnownLocations()
    {
        var names = LinkSnapshot();
        return names.Length == 0 ? "none" : string.Join(", ", names.Select(l => l.Key));
    }
}
