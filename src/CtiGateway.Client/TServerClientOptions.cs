using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CtiGateway.Protocol;

namespace CtiGateway.Client;

/// <summary>Settings of a <see cref="TServerClient"/>.</summary>
public sealed class TServerClientOptions
{
    /// <summary>
    /// The T-Server endpoints, primary first then backups. Connect and reconnect try them in this order. An
    /// <see cref="IPEndPoint"/> or a <see cref="DnsEndPoint"/>; <see cref="AddEndpoint(string)"/> parses "host:port".
    /// </summary>
    public IList<EndPoint> Endpoints { get; } = new List<EndPoint>();

    /// <summary>
    /// Opens the connection instead of <see cref="Endpoints"/>: called for the first connect and for every reconnect,
    /// within <see cref="ConnectTimeout"/>, it returns a connected stream socket that the client then owns and closes.
    /// For a T-Library server in the same process (CtiGateway.Server's <c>TlibServer.ConnectInProcess</c>) or any
    /// other socket the application opens itself. The client speaks the same protocol over it (hello, registration,
    /// ADDP, restore of registrations after a reconnect); TLS does not apply. Set either this or
    /// <see cref="Endpoints"/>.
    /// </summary>
    public Func<CancellationToken, ValueTask<Socket>>? SocketFactory { get; set; }

    /// <summary>
    /// How log lines, exceptions, <see cref="TServerClient.RemoteEndPoint"/> and EventServerConnected/Disconnected name
    /// the connection that <see cref="SocketFactory"/> opens. Default "in-process".
    /// </summary>
    public string SocketFactoryName { get; set; } = "in-process";

    /// <summary>AttributeApplicationName of RequestRegisterClient.</summary>
    public string ApplicationName { get; set; } = "CtiGateway.Client";

    /// <summary>AttributeApplicationPassword of RequestRegisterClient; null sends none.</summary>
    public string? ApplicationPassword { get; set; }

    /// <summary>
    /// ADDP: <see cref="AddpOptions.TimeoutSeconds"/> is this client's addp-timeout (it polls a silent server and drops
    /// the connection when the poll goes unanswered as long again); <see cref="AddpOptions.RemoteTimeoutSeconds"/> is
    /// handed to the server in the ADDP hello. Off (both 0) by default.
    /// </summary>
    public AddpOptions Addp { get; set; } = new();

    /// <summary>
    /// Time allowed for the TCP (and TLS) connect to one endpoint, or for <see cref="SocketFactory"/>. Default 3.6 s, the
    /// T-Library default.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3.6);

    /// <summary>Time allowed for the response to a request. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True (the default) to reconnect with backoff when an established connection drops.</summary>
    public bool AutoReconnect { get; set; } = true;

    /// <summary>The first reconnect delay; it doubles per failed attempt up to <see cref="ReconnectMaxDelay"/>, with jitter.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest reconnect delay. Default 20 s, the T-Library reconnect interval.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The largest frame read or written, header included (used when <see cref="Codec"/> is null).</summary>
    public int MaxFrameSize { get; set; } = TlibWire.DefaultMaxFrameSize;

    /// <summary>TLS settings; off by default.</summary>
    public TServerTlsOptions Tls { get; set; } = new();

    /// <summary>The wire codec; null uses <see cref="TlibBinaryCodec"/> with <see cref="MaxFrameSize"/>.</summary>
    public ITlibCodec? Codec { get; set; }

    /// <summary>How many events the event buffer holds before <see cref="EventOverflow"/> applies. Default 65536.</summary>
    public int EventBufferCapacity { get; set; } = 65536;

    /// <summary>What happens when the event buffer is full. Default <see cref="TServerEventOverflow.DropOldest"/>.</summary>
    public TServerEventOverflow EventOverflow { get; set; } = TServerEventOverflow.DropOldest;

    /// <summary>Adds an endpoint given as "host:port" or "[ipv6]:port".</summary>
    /// <exception cref="FormatException">The text is not host:port.</exception>
    public TServerClientOptions AddEndpoint(string hostAndPort)
    {
        Endpoints.Add(ParseEndPoint(hostAndPort));
        return this;
    }

    /// <summary>Adds an endpoint.</summary>
    public TServerClientOptions AddEndpoint(EndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        Endpoints.Add(endPoint);
        return this;
    }

    /// <summary>Parses "host:port" or "[ipv6]:port" (port 1-65535) into an <see cref="IPEndPoint"/> or a <see cref="DnsEndPoint"/>.</summary>
    /// <exception cref="FormatException">The text is not host:port.</exception>
    public static EndPoint ParseEndPoint(string hostAndPort) =>
        TryParseEndPoint(hostAndPort, out var endPoint, out var error) ? endPoint : throw new FormatException(error);

    /// <summary>Parses "host:port" or "[ipv6]:port"; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParseEndPoint(string? hostAndPort, [NotNullWhen(true)] out EndPoint? endPoint, [NotNullWhen(false)] out string? error)
    {
        endPoint = null;
        var text = hostAndPort?.Trim() ?? string.Empty;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"'{hostAndPort}' is not HOST:PORT.";
            return false;
        }

        var host = text[..colon];
        var portText = text[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"'{hostAndPort}': port '{portText}' is not a number from 1 to 65535.";
            return false;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            error = $"'{hostAndPort}': write an IPv6 address in brackets, e.g. [::1]:{portText}.";
            return false;
        }

        if (host.Length == 0)
        {
            error = $"'{hostAndPort}' has no host.";
            return false;
        }

        endPoint = IPAddress.TryParse(host, out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port);
        error = null;
        return true;
    }

    /// <summary>Checks the settings; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (SocketFactory is null && Endpoints.Count == 0)
        {
            throw new ArgumentException("TServerClientOptions.Endpoints: at least one endpoint is needed (or a SocketFactory).", nameof(Endpoints));
        }

        if (SocketFactory is not null && Endpoints.Count > 0)
        {
            throw new ArgumentException(
                $"TServerClientOptions.SocketFactory: set either SocketFactory or Endpoints, not both (Endpoints has {Endpoints.Count}; the factory opens every connection).",
                nameof(SocketFactory));
        }

        if (SocketFactory is not null && string.IsNullOrWhiteSpace(SocketFactoryName))
        {
            throw new ArgumentException("TServerClientOptions.SocketFactoryName must not be empty when SocketFactory is set.", nameof(SocketFactoryName));
        }

        if (string.IsNullOrEmpty(ApplicationName))
        {
            throw new ArgumentException("TServerClientOptions.ApplicationName must not be empty.", nameof(ApplicationName));
        }

        var addp = Addp ?? throw new ArgumentException("TServerClientOptions.Addp must not be null.", nameof(Addp));
        foreach (var problem in addp.Validate("TServerClientOptions.Addp"))
        {
            throw new ArgumentException(problem, nameof(Addp));
        }

        RequirePositive(ConnectTimeout, nameof(ConnectTimeout));
        RequirePositive(RequestTimeout, nameof(RequestTimeout));
        RequirePositive(ReconnectMinDelay, nameof(ReconnectMinDelay));
        if (ReconnectMaxDelay < ReconnectMinDelay)
        {
            throw new ArgumentException($"TServerClientOptions.ReconnectMaxDelay ({ReconnectMaxDelay}) is below ReconnectMinDelay ({ReconnectMinDelay}).", nameof(ReconnectMaxDelay));
        }

        if (Codec is null && MaxFrameSize is < TlibWire.MinMaxFrameSize or > TlibWire.MaxMaxFrameSize)
        {
            throw new ArgumentException($"TServerClientOptions.MaxFrameSize {MaxFrameSize} is out of range {TlibWire.MinMaxFrameSize}-{TlibWire.MaxMaxFrameSize}.", nameof(MaxFrameSize));
        }

        if (EventBufferCapacity < 1)
        {
            throw new ArgumentException($"TServerClientOptions.EventBufferCapacity {EventBufferCapacity} must be at least 1.", nameof(EventBufferCapacity));
        }

        if (Tls is null)
        {
            throw new ArgumentException("TServerClientOptions.Tls must not be null.", nameof(Tls));
        }

        if (SocketFactory is not null && Tls.Enabled)
        {
            throw new ArgumentException("TServerClientOptions.Tls: TLS does not apply to a SocketFactory connection; leave Tls.Enabled off.", nameof(Tls));
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentException($"TServerClientOptions.{name} must be positive, not {value}.", name);
        }
    }
}
