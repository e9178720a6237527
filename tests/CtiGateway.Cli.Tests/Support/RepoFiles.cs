namespace CtiGateway.Cli.Tests.Support;

/// <summary>Files of this repository and of ../shared beside it, found from the test's own folder.</summary>
internal static class RepoFiles
{
    /// <summary>The folder holding CtiGateway.sln above the test's binaries.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CtiGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds CtiGateway.sln.");
    }

    /// <summary>A path of the repository, <paramref name="parts"/> joined under <see cref="Root"/>.</summary>
    public static string InRepo(params string[] parts) => Path.Combine([Root(), .. parts]);

    /// <summary><paramref name="relative"/> under ../shared, read where it is; skips the test when it is missing.</summary>
    public static string Shared(string relative)
    {
        var path = SharedData.Find(relative);
        Assert.SkipWhen(path is null, SharedData.MissingMessage(relative));
        return path!;
    }
}
