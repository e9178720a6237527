using System.Text;

namespace CtiGateway.Daemon;

/// <summary>The <c>Control</c> section: the local control socket that <c>ctigw status</c> talks to.</summary>
internal sealed class ControlSettings
{
    /// <summary>The default path (under systemd's RuntimeDirectory=ctigateway).</summary>
    public const string DefaultSocket = "/run/ctigateway/control.sock";

    // sun_path holds 108 bytes including the terminating NUL.
    private const int MaxPathBytes = 107;

    /// <summary>Unix domain socket path; empty turns the control socket off.</summary>
    public string Socket { get; set; } = DefaultSocket;

    public IEnumerable<string> Validate(string path)
    {
        if (Socket.Length == 0)
        {
            yield break;
        }

        if (!System.IO.Path.IsPathFullyQualified(Socket))
        {
            yield return $"{path}:Socket: '{Socket}' must be an absolute path (or empty to turn the control socket off)";
        }
        else if (Encoding.UTF8.GetByteCount(Socket) > MaxPathBytes)
        {
            yield return $"{path}:Socket: '{Socket}' is longer than the {MaxPathBytes} bytes a Unix socket path can hold";
        }
    }
}
