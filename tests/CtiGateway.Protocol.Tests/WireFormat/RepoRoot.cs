namespace CtiGateway.Protocol.Tests.WireFormat;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The folder that holds CtiGateway.sln.</summary>
    public static string Path => Root.Value;

    /// <summary>A path below the repository root, from its slash-separated relative form.</summary>
    public static string File(string relative) => System.IO.Path.Combine([Path, .. relative.Split('/')]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "CtiGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains CtiGateway.sln.");
    }
}
