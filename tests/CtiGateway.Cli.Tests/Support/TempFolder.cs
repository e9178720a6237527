namespace CtiGateway.Cli.Tests.Support;

/// <summary>A temporary folder for documents a test writes, deleted with everything in it at the end.</summary>
internal sealed class TempFolder : IDisposable
{
    private readonly string _path = Directory.CreateTempSubdirectory("ctigw-test-").FullName;

    /// <summary>Writes <paramref name="text"/> to a file of that name in the folder; returns its full path.</summary>
    public string Write(string name, string text)
    {
        var file = Path.Combine(_path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose() => Directory.Delete(_path, recursive: true);
}
