namespace CtiGateway.Pbx.Profiles;

/// <summary>Loads and validates firmware profiles (firmware-profiles/*.json, schema firmware-profiles/schema/firmware-profile.schema.json).</summary>
public static class FirmwareProfileLoader
{
    /// <summary>The profile in <paramref name="path"/>; throws <see cref="FirmwareProfileException"/> with every mistake when it is not valid.</summary>
    public static FirmwareProfile Load(string path)
    {
        var (profile, problems) = Read(path);
        return profile ?? throw new FirmwareProfileException(problems);
    }

    /// <summary>Every mistake in <paramref name="path"/>, one per entry, in the order found; empty when the profile is valid.</summary>
    public static IReadOnlyList<ProfileProblem> Validate(string path) => Read(path).Problems;

    /// <summary>Validates a document already in memory; <paramref name="file"/> names it in the problems (and must match its id).</summary>
    public static (FirmwareProfile? Profile, IReadOnlyList<ProfileProblem> Problems) Parse(string file, byte[] utf8)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(utf8);
        return FirmwareProfileReader.Read(file, utf8);
    }

    /// <summary>The largest profile file read; profiles are a few kilobytes.</summary>
    public const int MaxFileBytes = 1 << 20;

    private static (FirmwareProfile? Profile, IReadOnlyList<ProfileProblem> Problems) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] utf8;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > MaxFileBytes)
            {
                return (null, [new ProfileProblem(path, 1, 1, $"the profile is {stream.Length} bytes, more than the {MaxFileBytes} allowed")]);
            }

            utf8 = new byte[stream.Length];
            stream.ReadExactly(utf8);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.Message;
            return (null, [new ProfileProblem(path, 1, 1, $"cannot read the profile: {reason}")]);
        }

        return FirmwareProfileReader.Read(path, utf8);
    }
}
