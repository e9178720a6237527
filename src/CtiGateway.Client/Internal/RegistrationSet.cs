using CtiGateway.Protocol;

namespace CtiGateway.Client;

/// <summary>
/// What the client has registered on the server and must restore after a reconnect: the DNs (with the
/// RequestRegisterAddress that registered each) and the input mask.
/// </summary>
internal sealed class RegistrationSet
{
    private readonly Lock _lock = new();
    private readonly OrderedDictionary<string, TlibMessage> _dns = new(StringComparer.Ordinal);
    private TlibMask? _inputMask;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _dns.Count;
            }
        }
    }

    /// <summary>
    /// Records a request as it is sent: RequestRegisterAddress keeps its DN (to restore after a reconnect, even when the
    /// connection drops before the answer), RequestUnregisterAddress and RequestUnregisterAll drop DNs,
    /// RequestSetInputMask keeps the mask.
    /// </summary>
    public void OnSending(TlibMessage request)
    {
        lock (_lock)
        {
            switch (request.Type)
            {
                case MessageType.RequestRegisterAddress when request.ThisDN is { } dn:
                    var template = request.Clone();
                    template.Remove(AttributeId.ReferenceID);
                    _dns[dn] = template;
                    break;
                case MessageType.RequestUnregisterAddress when request.ThisDN is { } dn:
                    _dns.Remove(dn);
                    break;
                case MessageType.RequestUnregisterAll:
                    _dns.Clear();
                    break;
                case MessageType.RequestSetInputMask when request.TryGet(AttributeId.InputMask, out var mask) && mask.Type == AttributeValueType.Mask:
                    _inputMask = mask.AsMask();
                    break;
            }
        }
    }

    /// <summary>The server refused an application's RequestRegisterAddress: the DN is not kept.</summary>
    public void OnRefused(TlibMessage request)
    {
        if (request.Type == MessageType.RequestRegisterAddress && request.ThisDN is { } dn)
        {
            lock (_lock)
            {
                _dns.Remove(dn);
            }
        }
    }

    /// <summary>The registered DNs, in registration order.</summary>
    public string[] DNs()
    {
        lock (_lock)
        {
            return [.. _dns.Keys];
        }
    }

    /// <summary>Fresh copies of the requests that restore the registrations: the input mask first, then each DN.</summary>
    public List<TlibMessage> RestoreRequests()
    {
        lock (_lock)
        {
            var requests = new List<TlibMessage>(_dns.Count + 1);
            if (_inputMask is { } mask)
            {
                requests.Add(new TlibMessage(MessageType.RequestSetInputMask).Set(AttributeId.InputMask, mask));
            }

            foreach (var template in _dns.Values)
            {
                requests.Add(template.Clone());
            }

            return requests;
        }
    }
}
