namespace CtiGateway.Scxml.Tests;

/// <summary>Locates the W3C SCXML IRP ECMAScript suite in ../shared (never copied into the repository).</summary>
internal static class W3cSuite
{
    /// <summary>Environment variable naming extra folders of W3C test charts to run (never copied into the repository).</summary>
    public const string ExtraDirVariable = "CTIGW_W3C_EXTRA_DIR";

    /// <summary>The folder shared/conformance/w3c-ecma, or a test skip saying where to get it.</summary>
    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CtiGateway.sln")))
            {
                var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance", "w3c-ecma"));
                if (!File.Exists(Path.Combine(folder, "MANIFEST.tsv")))
                {
                    Assert.Skip($"{folder}/MANIFEST.tsv is missing: get ../shared/conformance/w3c-ecma from the project's shared folder");
                }

                return folder;
            }
        }

        Assert.Skip($"No folder above {AppContext.BaseDirectory} holds CtiGateway.sln: get ../shared/conformance/w3c-ecma from the project's shared folder");
        return "";
    }

    /// <summary>The manifest rows: file, W3C status and the status for an ECMAScript engine.</summary>
    public static List<W3cTestCase> Cases()
    {
        var folder = Folder();
        var lines = File.ReadAllLines(Path.Combine(folder, "MANIFEST.tsv"));
        var header = lines[0].Split('\t');
        var file = Array.IndexOf(header, "file");
        var status = Array.IndexOf(header, "status");
        var ecma = Array.IndexOf(header, "for_ecma_engine");
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'))
            .Select(c => new W3cTestCase(Path.Combine(folder, c[file]), c[status], c[ecma]))];
    }
}
