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
        const string Captures = "captures/osv-csta-xml-pyssimist";
        if (SharedData.Find(Captures) is { } folder)
        {
            return folder;
        }

        Assert.Skip(SharedData.MissingMessage(Captures));
        return "";
    }
}
