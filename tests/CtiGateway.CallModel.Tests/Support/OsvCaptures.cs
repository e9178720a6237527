using CtiGateway.Pbx.Csta;

namespace CtiGateway.CallModel.Tests;

/// <summary>The real OpenScape Voice CSTA-XML bodies in ../shared/captures (read where they are, never copied in).</summary>
internal static class OsvCaptures
{
    public static CstaCallEvent Body(string name) => Decode(File.ReadAllBytes(Path.Combine(Folder(), "bodies", name + ".xml")));

    public static CstaCallEvent Frame(string name) => Decode(File.ReadAllBytes(Path.Combine(Folder(), "frames", name + ".frame.bin"))[8..]);

    private static CstaCallEvent Decode(byte[] xml) => Assert.IsType<CstaCallEvent>(CstaXmlDecoder.Decode(xml));

    private static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CtiGateway.sln")))
            {
                var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "captures", "osv-csta-xml-pyssimist"));
                if (!Directory.Exists(folder))
                {
                    Assert.Skip($"{folder} is missing: get ../shared/captures from the project's shared folder");
                }

                return folder;
            }
        }

        Assert.Skip($"No folder above {AppContext.BaseDirectory} holds CtiGateway.sln: get ../shared/captures from the project's shared folder");
        return "";
    }
}
