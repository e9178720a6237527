using System.Reflection;

namespace CtiGateway.Daemon;

/// <summary>Version and identity of the daemon.</summary>
internal static class DaemonInfo
{
    /// <summary>The informational version of the daemon assembly (without the source-revision suffix).</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var v = typeof(DaemonInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = v.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? v[..plus] : v;
    }
}
