using System.Globalization;
using System.Xml.Linq;

namespace CtiGateway.Protocol.Tests.Wireshark;

/// <summary>Turns tshark's PDML output into <see cref="DissectedPdu"/>s, in capture order.</summary>
internal static class PdmlDissection
{
    public static List<DissectedPdu> Parse(string pdml)
    {
        var result = new List<DissectedPdu>();
        foreach (var packet in XDocument.Parse(pdml).Root!.Elements("packet"))
        {
            var protos = packet.Elements("proto").ToList();
            var number = Int(protos.Single(p => (string?)p.Attribute("name") == "geninfo").Descendants("field").Single(f => (string?)f.Attribute("name") == "num"));
            var tcp = protos.SingleOrDefault(p => (string?)p.Attribute("name") == "tcp");
            foreach (var proto in protos.Where(p => (string?)p.Attribute("name") == "ctigw"))
            {
                result.Add(Pdu(proto, tcp is null ? 0 : Int(Field(tcp, "tcp.srcport")!), number));
            }
        }

        return result;
    }

    private static DissectedPdu Pdu(XElement proto, int sourcePort, int packet)
    {
        var children = proto.Elements("field").ToList();
        var kind = Int(proto.Descendants("field").First(f => Name(f) == "ctigw.kind"));
        var attributes = children.Where(f => Name(f) == "ctigw.attr").Select(a => new DissectedAttribute(
            Show(Field(a, "ctigw.attr.name")) ?? string.Empty,
            Show(Field(a, "ctigw.attr.value")),
            Show(Field(a, "ctigw.attr.enum")))).ToList();
        var problems = proto.Descendants("field")
            .Where(f => Name(f) == "_ws.expert")
            .Select(f => (string?)f.Attribute("showname") ?? string.Join(" ", f.Descendants("field").Select(d => (string?)d.Attribute("show"))))
            .ToList();
        AddpHello? hello = null;
        if (Field(proto, "ctigw.addp.timeout") is { } timeout)
        {
            hello = new AddpHello(
                (ushort)Int(timeout),
                (ushort)Int(Field(proto, "ctigw.addp.remote_timeout")!),
                (AddpTrace)Int(Field(proto, "ctigw.addp.trace")!));
        }

        return new DissectedPdu
        {
            SourcePort = sourcePort,
            PacketNumber = packet,
            Kind = kind,
            MessageName = Show(Field(proto, "ctigw.msg.name")),
            MessageType = Field(proto, "ctigw.msg.type") is { } t ? Int(t) : null,
            AttributeCount = Field(proto, "ctigw.msg.attr_count") is { } c ? Int(c) : null,
            Attributes = attributes,
            Sequence = Field(proto, "ctigw.addp.seq") is { } s ? uint.Parse(Show(s)!, CultureInfo.InvariantCulture) : null,
            Hello = hello,
            Problems = problems,
        };
    }

    private static XElement? Field(XElement parent, string name) => parent.Elements("field").FirstOrDefault(f => Name(f) == name);

    private static string? Name(XElement field) => (string?)field.Attribute("name");

    private static string? Show(XElement? field) => field is null ? null : (string?)field.Attribute("show");

    private static int Int(XElement field) => int.Parse(Show(field)!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
