using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CtiGateway.Protocol;

namespace CtiGateway.Server;

/// <summary>Settings of the T-Library server (config section "TServer").</summary>
public sealed class TServerOptions
{
    /// <summary>Largest MaxClients accepted by <see cref="Validate"/>.</summary>
    public const int MaxMaxClients = 100_000;

    /// <summary>Largest ClientQueueBytes accepted by <see cref="Validate"/> (1 GiB).</summary>
    public const int MaxClientQueueBytes = 1 << 30;

    /// <summary>Largest RegistrationTimeoutSeconds and FrameTimeoutSeconds accepted by <see cref="Validate"/> (one hour).</summary>
    public const int MaxDeadlineSeconds = 3600;

    /// <summary>Largest MaxDnsPerClient accepted by <see cref="Validate"/>.</summary>
    public const int MaxMaxDnsPerClient = 10_000_000;

    /// <summary>Listen address: an IP address, "localhost", or "*" for every interface.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Listen port, 0-65535; 0 means any free port (the chosen port is logged and returned by StartAsync).</summary>
    public int Port { get; set; } = 3000;

    /// <summary>
    /// Most TCP clients connected at once; one more gets EventError TERR_NOMORE_LICENSE and is closed. In-process
    /// clients (<see cref="TlibServer.ConnectInProcess"/>) take no slot.
    /// </summary>
    public int MaxClients { get; set; } = 1000;

    /// <summary>Largest frame, header included, the server reads or writes (1024 bytes to 16 MiB).</summary>
    public int MaxFrameSize { get; set; } = TlibWire.DefaultMaxFrameSize;

    /// <summary>
    /// Bound of the memory held by each client's outbound queue in bytes (the buffers behind the queued frames plus a
    /// fixed cost per frame, not only the frames' lengths); a client that lets it fill up is disconnected.
    /// </summary>
    public int ClientQueueBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Most connections at once from one source address; one more gets EventError TERR_NOMORE_LICENSE and is closed.
    /// The default lets a load generator on one host (500 clients plus its publishers) run against the default
    /// MaxClients, while 400 of the default 1000 slots stay for other hosts.
    /// </summary>
    public int MaxClientsPerAddress { get; set; } = 600;

    /// <summary>Seconds a connection has to complete RequestRegisterClient; it is closed when it has not.</summary>
    public int RegistrationTimeoutSeconds { get; set; } = 10;

    /// <summary>Seconds a frame may take from its first byte to its last; a client that is slower is closed.</summary>
    public int FrameTimeoutSeconds { get; set; } = 30;

    /// <summary>Most DNs one client may register; RequestRegisterAddress past it gets EventError TERR_NOMORE_LICENSE.</summary>
    public int MaxDnsPerClient { get; set; } = 50_000;

    /// <summary>
    /// CIDR ranges (e.g. "10.0.0.0/8") or single addresses allowed to connect over TCP; empty allows everyone.
    /// In-process clients (<see cref="TlibServer.ConnectInProcess"/>) have no address and are not filtered.
    /// </summary>
    public List<string> AllowedClients { get; set; } = new();

    /// <summary>TLS from PEM files; both empty means plain TCP.</summary>
    public TServerTlsOptions Tls { get; set; } = new();

    /// <summary>Server-side ADDP (keep-alive) settings.</summary>
    public TServerAddpOptions Addp { get; set; } = new();

    /// <summary>The server's application name, reported in EventServerInfo and the link events.</summary>
    public string ApplicationName { get; set; } = "CtiGateway";

    /// <summary>Checks every setting; returns one line per problem, each starting with its key path.</summary>
    public IEnumerable<string> Validate(string section = "TServer")
    {
        var problems = new List<string>();
        if (!TryParseHost(Host, out _))
        {
            problems.Add($"{section}:Host: '{Host}' is not an IP address (use an address such as 127.0.0.1, \"localhost\", or \"*\" for every interface)");
        }

        if (Port is < 0 or > 65535)
        {
            problems.Add($"{section}:Port: {Port} is out of range 0-65535 (0 = any free port)");
        }

        if (MaxClients is < 1 or > MaxMaxClients)
        {
            problems.Add($"{section}:MaxClients: {MaxClients} is out of range 1-{MaxMaxClients}");
        }

        var frameSizeValid = MaxFrameSize is >= TlibWire.MinMaxFrameSize and <= TlibWire.MaxMaxFrameSize;
        if (!frameSizeValid)
        {
            problems.Add($"{section}:MaxFrameSize: {MaxFrameSize} is out of range {TlibWire.MinMaxFrameSize}-{TlibWire.MaxMaxFrameSize} bytes");
        }

        if (ClientQueueBytes is < 1 or > MaxClientQueueBytes)
        {
            problems.Add($"{section}:ClientQueueBytes: {ClientQueueBytes} is out of range 1-{MaxClientQueueBytes} bytes");
        }
        else if (frameSizeValid && ClientQueueBytes < MaxFrameSize)
        {
            problems.Add($"{section}:ClientQueueBytes: {ClientQueueBytes} is below MaxFrameSize ({MaxFrameSize}); a client queue must hold at least one frame");
        }

        if (MaxClientsPerAddress is < 1 or > MaxMaxClients)
        {
            problems.Add($"{section}:MaxClientsPerAddress: {MaxClientsPerAddress} is out of range 1-{MaxMaxClients} (set it to MaxClients for no limit per address)");
        }

        if (RegistrationTimeoutSeconds is < 1 or > MaxDeadlineSeconds)
        {
            problems.Add($"{section}:RegistrationTimeoutSeconds: {RegistrationTimeoutSeconds} is out of range 1-{MaxDeadlineSeconds} seconds");
        }

        if (FrameTimeoutSeconds is < 1 or > MaxDeadlineSeconds)
        {
            problems.Add($"{section}:FrameTimeoutSeconds: {FrameTimeoutSeconds} is out of range 1-{MaxDeadlineSeconds} seconds");
        }

        if (MaxDnsPerClient is < 1 or > MaxMaxDnsPerClient)
        {
            problems.Add($"{section}:MaxDnsPerClient: {MaxDnsPerClient} is out of range 1-{MaxMaxDnsPerClient}");
        }

        var allowed = AllowedClients ?? [];
        for (var i = 0; i < allowed.Count; i++)
        {
            if (!TryParseNetwork(allowed[i], out _))
            {
                problems.Add($"{section}:AllowedClients:{i.ToString(CultureInfo.InvariantCulture)}: '{allowed[i]}' is not a CIDR range or an IP address (e.g. 10.0.0.0/8 or 192.168.1.20)");
            }
        }

        ValidateTls(section, problems);

        var addp = Addp ?? new TServerAddpOptions();
        if (addp.TimeoutSeconds is < 0 or > AddpOptions.MaxTimeoutSeconds)
        {
            problems.Add($"{section}:Addp:TimeoutSeconds: {addp.TimeoutSeconds} is out of range 0-{AddpOptions.MaxTimeoutSeconds} (addp-timeout, 0 = off)");
        }

        if (addp.RemoteTimeoutSeconds is < 0 or > AddpOptions.MaxTimeoutSeconds)
        {
            problems.Add($"{section}:Addp:RemoteTimeoutSeconds: {addp.RemoteTimeoutSeconds} is out of range 0-{AddpOptions.MaxTimeoutSeconds} (addp-remote-timeout, 0 = off)");
        }

        if (!AddpOptions.TryParseTrace(addp.Trace, out _))
        {
            problems.Add($"{section}:Addp:Trace: '{addp.Trace}' is not one of off, local, remote, full");
        }

        if (string.IsNullOrWhiteSpace(ApplicationName))
        {
            problems.Add($"{section}:ApplicationName: must not be empty");
        }

        return problems;
    }

    private void ValidateTls(string section, List<string> problems)
    {
        var tls = Tls ?? new TServerTlsOptions();
        if (!tls.Enabled)
        {
            return;
        }

        var certOk = CheckFile(tls.CertificatePemFile, $"{section}:Tls:CertificatePemFile", "the key file is set", problems);
        var keyOk = CheckFile(tls.KeyPemFile, $"{section}:Tls:KeyPemFile", "the certificate file is set", problems);
        if (!certOk || !keyOk)
        {
            return;
        }

        try
        {
            using var cert = X509Certificate2.CreateFromPemFile(tls.CertificatePemFile, tls.KeyPemFile);
            if (!cert.HasPrivateKey)
            {
                problems.Add($"{section}:Tls:KeyPemFile: '{tls.KeyPemFile}' holds no private key for the certificate");
            }
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            problems.Add($"{section}:Tls: cannot load '{tls.CertificatePemFile}' with key '{tls.KeyPemFile}': {ex.Message}");
        }
    }

    private static bool CheckFile(string path, string key, string why, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            problems.Add($"{key}: is empty but {why} (set both PEM files, or neither for plain TCP)");
            return false;
        }

        if (!File.Exists(path))
        {
            problems.Add($"{key}: file '{path}' does not exist");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Parses the listen address: an IP literal, "localhost", or "*"/"" for every interface. The one reading of a listen
    /// host: the server binds with it and the daemon's port probe (PortProbe) checks the same address.
    /// </summary>
    internal static bool TryParseHost(string? host, out IPAddress address)
    {
        var h = host?.Trim() ?? string.Empty;
        if (h.Length == 0 || h == "*")
        {
            address = IPAddress.Any;
            return true;
        }

        if (string.Equals(h, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
            return true;
        }

        if (h.StartsWith('[') && h.EndsWith(']'))
        {
            h = h[1..^1];
        }

        return IPAddress.TryParse(h, out address!);
    }

    /// <summary>Parses one allow-list entry: a CIDR range or a single address (a /32 or /128 range).</summary>
    internal static bool TryParseNetwork(string? text, out IPNetwork network)
    {
        var t = text?.Trim() ?? string.Empty;
        if (t.Length > 0 && !t.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(t, out var single))
        {
            network = new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(t, out network);
    }
}
