using System.Globalization;
using System.Net;

namespace CtiGateway.Daemon;

/// <summary>The <c>Metrics:Prometheus</c> section: an HTTP endpoint serving /metrics in the Prometheus text format.</summary>
internal sealed class PrometheusSettings
{
    /// <summary>IP:PORT to listen on (e.g. <c>127.0.0.1:9464</c>); empty (the default) turns the endpoint off.</summary>
    public string Listen { get; set; } = string.Empty;

    public IEnumerable<string> Validate(string path)
    {
        if (Listen.Length > 0 && !TryParse(Listen, out _, out _))
        {
            yield return $"{path}:Listen: '{Listen}' is not IP:PORT (e.g. 127.0.0.1:9464; port 1-65535; [::1]:9464 for IPv6)";
        }
    }

    /// <summary>Parses IP:PORT (IPv6 in brackets).</summary>
    public static bool TryParse(string text, out IPAddress address, out int port)
    {
        address = IPAddress.None;
        port = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return IPAddress.TryParse(host, out address!)
            && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port)
            && port is >= 1 and <= 65535;
    }

    /// <summary>The HttpListener prefix for <see cref="Listen"/> ("http://+:PORT/" for an any-address).</summary>
    public string UriPrefix()
    {
        TryParse(Listen, out var address, out var port);
        var host = address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "+"
            : address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]"
            : address.ToString();
        return string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}/");
    }
}
