namespace CtiGateway.Scxml.Tests;

/// <summary>One row of the suite's MANIFEST.tsv.</summary>
internal sealed record W3cTestCase(string Path, string W3cStatus, string ForEcmaEngine)
{
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    public bool IsChart => Path.EndsWith(".scxml", StringComparison.Ordinal);
}
