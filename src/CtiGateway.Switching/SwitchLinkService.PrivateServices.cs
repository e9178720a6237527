using CtiGateway.CallModel;
using CtiGateway.Protocol;
using CtiGateway.Server;

namespace CtiGateway.Switching;

/// <summary>
/// The gateway-wide private service of RequestPrivateService: <see cref="GatewayPrivateService.LinkStatistics"/> (the
/// call and DN snapshots are answered by the switch's call model). EventACK, then EventPrivateInfo with Extensions
/// holding one list per switch (or only the switch of ThisDN when the request names one).
/// </summary>
public sealed partial class SwitchLinkService
{
    private bool TryAnswerGatewayService(TlibRequest request, SwitchRuntime[] switches)
    {
        if (request.Message.Type != MessageType.RequestPrivateService
            || request.Message.GetInt(AttributeId.PrivateMsgID) != (int)GatewayPrivateService.LinkStatistics)
        {
            return false;
        }

        var statistics = new KeyValueList(switches.Length);
        foreach (var sw in switches)
        {
            if (request.ThisDN is { } dn && !sw.Calls.Directory.TryGetKind(dn, out _))
            {
                continue;
            }

            var entry = new KeyValueList(24).Add("state", sw.Group.ActiveLink is null ? "disconnected" : "connected");
            if (Details(sw.Name) is { } details)
            {
                foreach (var (key, value) in details)
                {
                    entry.Add(key, value);
                }
            }

            entry.Add("calls", sw.Calls.CallCount)
                .Add("events-published", Clamp(sw.Calls.EventsPublished))
                .Add("requests", Clamp(sw.Calls.Requests))
                .Add("call-faults", Clamp(sw.Calls.Faults))
                .Add("queue-depth", sw.Calls.QueueDepth);
            statistics.Add(sw.Name, entry);
        }

        var info = new TlibMessage(MessageType.EventPrivateInfo, 6) { Extensions = statistics };
        info.Set(AttributeId.PrivateMsgID, (int)GatewayPrivateService.LinkStatistics);
        if (request.ThisDN is { } thisDn)
        {
            info.Set(AttributeId.ThisDN, thisDn);
        }

        request.Reply(SwitchCallModel.Ack(request.Message));
        request.Reply(info);
        return true;
    }
}
