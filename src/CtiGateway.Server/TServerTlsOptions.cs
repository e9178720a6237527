namespace CtiGateway.Server;

/// <summary>TLS for the T-Library port (config section "TServer:Tls"). Both paths empty means plain TCP.</summary>
public sealed class TServerTlsOptions
{
    /// <summary>PEM file with the server certificate (and any chain certificates after it).</summary>
    public string CertificatePemFile { get; set; } = string.Empty;

    /// <summary>PEM file with the certificate's private key.</summary>
    public string KeyPemFile { get; set; } = string.Empty;

    /// <summary>True when a certificate or a key is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePemFile) || !string.IsNullOrWhiteSpace(KeyPemFile);
}
