namespace CtiGateway.Pbx.Tests.Profiles;

/// <summary>The repository's firmware-profiles folder, found by walking up to CtiGateway.sln.</summary>
internal static class RepoFolders
{
    public static string FirmwareProfiles()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CtiGateway.sln")))
            {
                return Path.Combine(dir.FullName, "firmware-profiles");
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds CtiGateway.sln.");
    }

    /// <summary>Every shipped profile: each *.json of the folder (the schema lives in schema/).</summary>
    public static string[] ShippedProfiles() =>
        Directory.GetFiles(FirmwareProfiles(), "*.json")
            .Order(StringComparer.Ordinal)
            .ToArray();
}
