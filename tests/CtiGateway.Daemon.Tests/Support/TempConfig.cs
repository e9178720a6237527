namespace CtiGateway.Daemon.Tests;

/// <summary>A JSON config file in a temporary folder, deleted on dispose.</summary>
internal sealed class TempConfig : IDisposable
{
    public TempConfig(string json)
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ctigw-test-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "ctigateway.json");
        File.WriteAllText(Path, json);
    }

    public string Directory { get; }

    public string Path { get; }

    public void Rewrite(string json) => File.WriteAllText(Path, json);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
