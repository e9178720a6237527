namespace CtiGateway.Cli.Bench;

/// <summary>
/// Finds the ctigatewayd that <c>ctigw bench calls</c> starts: the path given with <c>--gateway</c>; else
/// <c>ctigatewayd</c> or <c>ctigatewayd.dll</c> next to ctigw (an installed pair, or a publish folder); else the build
/// output of the source tree (<c>src/CtiGateway.Daemon/bin/CONFIG/TFM/ctigatewayd.dll</c> beside
/// <c>src/CtiGateway.Cli/bin/CONFIG/TFM</c>); else <c>ctigatewayd</c> on PATH. A .dll runs under the dotnet host.
/// </summary>
internal static class GatewayLocator
{
    private const string Executable = "ctigatewayd";
    private const string Assembly = "ctigatewayd.dll";

    /// <summary>The program to start and the arguments that go before the daemon's own.</summary>
    public static (string FileName, IReadOnlyList<string> Prefix) Locate(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath)
                ? Launch(Path.GetFullPath(explicitPath))
                : throw new IOException($"--gateway: {explicitPath} does not exist");
        }

        var candidates = new List<string>();
        var here = AppContext.BaseDirectory;
        candidates.Add(Path.Combine(here, Executable));
        candidates.Add(Path.Combine(here, Assembly));
        var tfm = new DirectoryInfo(here);
        if (tfm.Parent?.Parent?.Parent?.Parent is { } src)
        {
            candidates.Add(Path.Combine(src.FullName, "CtiGateway.Daemon", "bin", tfm.Parent.Name, tfm.Name, Assembly));
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Combine(dir, Executable));
        }

        var found = candidates.FirstOrDefault(File.Exists);
        return found is not null
            ? Launch(found)
            : throw new IOException($"ctigatewayd not found (looked next to ctigw in {here}, in the source tree's build output and on PATH); give --gateway PATH");
    }

    private static (string, IReadOnlyList<string>) Launch(string path)
    {
        if (!path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            return (path, []);
        }

        // Under "dotnet ctigw.dll" the host is this process's own program; otherwise the dotnet on PATH.
        var host = Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        return (host, [path]);
    }
}
