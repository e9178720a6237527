namespace CtiGateway.Daemon.Tests;

/// <summary>Finds the repository root and the built executables of the solution.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, whichever this test assembly was built in.</summary>
    public static string Configuration { get; } = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string DaemonDll => Built("CtiGateway.Daemon", "ctigatewayd.dll");

    public static string CliDll => Built("CtiGateway.Cli", "ctigw.dll");

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{dll} is not built at {path}; run dotnet build first.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CtiGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CtiGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
