using System.Text;

namespace CtiGateway.Pbx.Tests.Csta;

/// <summary>
/// Random edits of CSTA-XML bodies for the decoder's fuzz tests: bytes changed, removed, swapped or inserted, runs
/// deleted or repeated, and pieces of XML markup, references, namespaces, white space and bad bytes inserted anywhere.
/// </summary>
internal static class XmlBodyMutator
{
    /// <summary><paramref name="seed"/> with one or two random edits.</summary>
    public static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = seed.ToList();
        var edits = random.Next(1, 3);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(8))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 60), bytes.Count - at));
                    break;
                case 4:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Snippets[random.Next(Snippets.Length)]));
                    break;
                case 5:
                    // A copy of another part of the body: repeated elements, unbalanced tags, misplaced declarations.
                    var length = Math.Min(random.Next(1, 40), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                case 6:
                    // Inside a name or value: swap two bytes.
                    var other = random.Next(bytes.Count);
                    (bytes[at], bytes[other]) = (bytes[other], bytes[at]);
                    break;
                default:
                    bytes.Insert(at, Interesting[random.Next(Interesting.Length)]);
                    break;
            }
        }

        return [.. bytes];
    }

    private static ReadOnlySpan<byte> Interesting => "<>/&;\"'=!?[]x:0 -#\r\n\t"u8;

    /// <summary>Pieces of XML a mutation inserts anywhere: markup, references, namespaces, white space, bad bytes.</summary>
    private static readonly string[] Snippets =
    [
        "<!-- c -->", "<!--", "-->", "--", "<?pi x?>", "<?xml version=\"1.0\"?>", "<![CDATA[", "]]>", "<![CDATA[x]]>", "&amp;", "&lt;", "&quot;",
        "&#65;", "&#x41;", "&#32;", "&#x0;", "&#xD800;", "&#1114111;", "&foo;", "&", "&#", "<!DOCTYPE x>", "<!DOCTYPE x [<!ENTITY e \"v\">]>",
        " xmlns=\"urn:a\"", " xmlns:p=\"urn:p\"", " xmlns:p=\"\"", " p:a=\"1\"", " a=\"1\"", " a='&lt;'", " xml:space=\"preserve\"",
        " xml:space=\"bad\"", "p:", ":", "<x/>", "<x>", "</x>", "</", "/>", "<", ">", " ", "\r\n", "\t", "\u00e9", "\u00a0", "\u0085",
        "\ufffe", "\u0001", "\u00b7", "x\u0300", "\uFEFF", "\U0001F600",
    ];
}
