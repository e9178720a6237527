namespace CtiGateway.Testing;

/// <summary>
/// Finds test data in ../shared beside the repository (read where it is, never copied in). Callers turn a miss into a
/// test skip with <see cref="MissingMessage"/>.
/// </summary>
internal static class SharedData
{
    /// <summary>The full path of <paramref name="relative"/> under ../shared, or null when it is not there.</summary>
    public static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CtiGateway.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", relative));
                return Directory.Exists(path) || File.Exists(path) ? path : null;
            }
        }

        return null;
    }

    /// <summary>The skip message for data that <see cref="Find"/> did not find.</summary>
    public static string MissingMessage(string relative) =>
        $"../shared/{relative} is missing (looked beside the folder holding CtiGateway.sln, above {AppContext.BaseDirectory}): get it from the project's shared folder";
}
