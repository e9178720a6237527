using CtiGateway.Protocol;

namespace CtiGateway.Server;

/// <summary>The route of every message id, built once from the message table.</summary>
internal static class RequestRouting
{
    private static readonly MessageType[] LocalRequests =
    [
        MessageType.RequestRegisterClient,
        MessageType.RequestQueryServer,
        MessageType.RequestQueryAddress,
        MessageType.RequestRegisterAddress,
        MessageType.RequestUnregisterAddress,
        MessageType.RequestSetInputMask,
        MessageType.RequestDistributeUserEvent,
        MessageType.RequestDistributeEvent,
        MessageType.RequestQueryLocation,
        MessageType.RequestQuerySwitch,
    ];

    // Requests that do not act on a switch and that this server does not offer.
    private static readonly MessageType[] UnsupportedRequests =
    [
        MessageType.RequestRegisterAll,
        MessageType.RequestUnregisterAll,
        MessageType.RequestLostBackupConnection,
        MessageType.RequestSetDNInfo,
        MessageType.RequestTransactionMonitoring,
    ];

    private static readonly RequestRoute[] Routes = Build();

    /// <summary>The route of <paramref name="type"/>.</summary>
    public static RequestRoute Get(MessageType type) => (uint)type < (uint)Routes.Length ? Routes[(int)type] : RequestRoute.Unknown;

    private static RequestRoute[] Build()
    {
        var routes = new RequestRoute[MessageCatalog.Count];
        foreach (var spec in MessageCatalog.All)
        {
            routes[(int)spec.Type] = spec.IsEvent ? RequestRoute.Event
                : Array.IndexOf(LocalRequests, spec.Type) >= 0 ? RequestRoute.Local
                : Array.IndexOf(UnsupportedRequests, spec.Type) >= 0 ? RequestRoute.Unsupported
                : spec.IsRequest ? RequestRoute.Switch
                : RequestRoute.Unsupported;
        }

        return routes;
    }
}
