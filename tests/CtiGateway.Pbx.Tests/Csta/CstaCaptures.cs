namespace CtiGateway.Pbx.Tests.Csta;

/// <summary>Locates the real OpenScape Voice captures in ../shared next to the repository (never copied in).</summary>
internal static class CstaCaptures
{
    /// <summary>The folder osv-csta-xml-pyssimist, or a test skip saying where to get it.</summary>
    public static string Folder()
    {
        const string Captures = "captures/osv-csta-xml-pyssimist";
        if (SharedData.Find(Captures) is { } folder)
        {
            return folder;
        }

        Assert.Skip(SharedData.MissingMessage(Captures));
        return "";
    }

    public static byte[] Frame(string name) => File.ReadAllBytes(Path.Combine(Folder(), "frames", name + ".frame.bin"));

    public static byte[] Body(string name) => File.ReadAllBytes(Path.Combine(Folder(), "bodies", name + ".xml"));

    /// <summary>Every capture body and frame body (XML only), for fuzzing.</summary>
    public static List<byte[]> AllBodies()
    {
        var folder = Folder();
        var result = Directory.GetFiles(Path.Combine(folder, "bodies"), "*.xml").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        result.AddRange(Directory.GetFiles(Path.Combine(folder, "frames"), "*.bin").Order(StringComparer.Ordinal).Select(f => File.ReadAllBytes(f)[8..]));
        return result;
    }
}
