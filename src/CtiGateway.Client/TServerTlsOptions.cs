using System.Net.Security;

namespace CtiGateway.Client;

/// <summary>TLS settings of the connection to the T-Server.</summary>
public sealed class TServerTlsOptions
{
    /// <summary>True to wrap the TCP connection in TLS (SslStream). Off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>The host name the server certificate must match; null uses the endpoint's host.</summary>
    public string? TargetHost { get; set; }

    /// <summary>
    /// Optional check of the server certificate. Null applies the platform's normal validation (chain and host name).
    /// </summary>
    public RemoteCertificateValidationCallback? RemoteCertificateValidation { get; set; }
}
