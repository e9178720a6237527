namespace CtiGateway.Scxml.Tests;

/// <summary>Locates the Composer/ORS sample documents in ../shared (read at test time, never copied into the repository).</summary>
internal static class OrsSamples
{
    /// <summary>The folder shared/ors-samples, or a test skip saying where to get it.</summary>
    public static string Folder() => SharedFolder("ors-samples", "composer-subroutine_QueueQuery.scxml");

    /// <summary>The folder shared/strategies, or a test skip saying where to get it.</summary>
    public static string Strategies() => SharedFolder("strategies", "seed003-detach-redirect.scxml");

    private static string SharedFolder(string name, string marker)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CtiGateway.sln")))
            {
                var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", name));
                if (!File.Exists(Path.Combine(folder, marker)))
                {
                    Assert.Skip($"{folder}/{marker} is missing: get /work/shared/{name} (../shared/{name}) from the project's shared folder");
                }

                return folder;
            }
        }

        Assert.Skip($"No folder above {AppContext.BaseDirectory} holds CtiGateway.sln: get /work/shared/{name} from the project's shared folder");
        return "";
    }
}
