using CtiGateway.Protocol;

namespace CtiGateway.Client;

/// <summary>Helpers for the common requests.</summary>
public sealed partial class TServerClient
{
    /// <summary>
    /// Registers a DN (RequestRegisterAddress, RegisterMode ModeShare) and returns EventRegistered. The client keeps the
    /// registration from the moment it is sent and restores it after every reconnect, until
    /// <see cref="UnregisterAddressAsync"/> or until the server refuses it with EventError. (So when the connection drops
    /// before the answer, this call fails with <see cref="TServerConnectionException"/>, yet the DN stays in
    /// <see cref="RegisteredDNs"/> and is registered again after the reconnect.)
    /// </summary>
    /// <exception cref="TServerErrorException">The server refused (EventError).</exception>
    public Task<TlibMessage> RegisterAddressAsync(string dn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dn);
        var request = new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = dn }
            .Set(AttributeId.RegisterMode, (int)RegisterMode.ModeShare);
        return RequestAsync(request, cancellationToken);
    }

    /// <summary>Unregisters a DN (RequestUnregisterAddress) and returns EventUnregistered.</summary>
    public Task<TlibMessage> UnregisterAddressAsync(string dn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dn);
        return RequestAsync(new TlibMessage(MessageType.RequestUnregisterAddress) { ThisDN = dn }, cancellationToken);
    }

    /// <summary>Asks for the server's version, role and capabilities (RequestQueryServer) and returns EventServerInfo.</summary>
    public Task<TlibMessage> QueryServerAsync(CancellationToken cancellationToken = default) =>
        RequestAsync(new TlibMessage(MessageType.RequestQueryServer), cancellationToken);

    /// <summary>Sets which events the server sends to this client (RequestSetInputMask) and returns EventACK. Restored after a reconnect.</summary>
    public Task<TlibMessage> SetInputMaskAsync(TlibMask mask, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return RequestAsync(new TlibMessage(MessageType.RequestSetInputMask).Set(AttributeId.InputMask, mask), cancellationToken);
    }

    /// <summary>
    /// Sends EventUserEvent with <paramref name="userData"/> to every client registered on <paramref name="dn"/>
    /// (RequestDistributeUserEvent) and returns the server's EventACK.
    /// </summary>
    public Task<TlibMessage> DistributeUserEventAsync(string dn, KeyValueList userData, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dn);
        ArgumentNullException.ThrowIfNull(userData);
        var request = new TlibMessage(MessageType.RequestDistributeUserEvent) { ThisDN = dn, UserData = userData }
            .Set(AttributeId.UserEvent, (int)MessageType.EventUserEvent);
        return RequestAsync(request, cancellationToken);
    }
}
