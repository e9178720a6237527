using System.Buffers;
using System.Text;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Tests.Csta;

/// <summary>
/// Hostile and malformed CSTA-XML bodies: each is refused with a typed <see cref="CstaDialectException"/> that names
/// the fault and the byte offset where it is; nothing is expanded, nesting and size stay bounded, and a decode
/// allocates only the decoded record's own objects.
/// </summary>
public sealed class CstaXmlHostileInputTests
{
    public static TheoryData<string, string, int, string> Faults => new()
    {
        { "<!DOCTYPE a><a/>", "xml-dtd", 0, "DTD" },
        { "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>", "xml-dtd", 21, "DTD" },
        { "<a><!DOCTYPE x></a>", "xml-dtd", 3, "DTD" },
        { "<a>&e;</a>", "bad-xml", 3, "entity 'e'" },
        { "<a>&lt;&amp;&gt;&quot;&apos;&nbsp;</a>", "bad-xml", 28, "entity 'nbsp'" },
        { "<a b=\"&x;\"/>", "bad-xml", 6, "entity 'x'" },
        { "<a>AT&T</a>", "bad-xml", 5, "does not start a reference" },
        { "<a>&#0;</a>", "bad-xml", 3, "U+0000" },
        { "<a>&#xD800;</a>", "bad-xml", 3, "U+D800" },
        { "<a>&#x110000;</a>", "bad-xml", 3, "beyond U+10FFFF" },
        { "<a>&#X41;</a>", "bad-xml", 3, "decimal character reference" },
        { "<a>&#x;</a>", "bad-xml", 3, "hexadecimal character reference" },
        { "<a></b>", "bad-xml", 3, "</b> does not match the start tag <a>" },
        { "<a><b></a></b>", "bad-xml", 6, "</a> does not match the start tag <b>" },
        { "<p:a xmlns:p=\"u\"></a>", "bad-xml", 17, "does not match" },
        { "</a>", "bad-xml", 0, "closes no element" },
        { "<1a/>", "bad-xml", 1, "cannot start with" },
        { "<a:b:c xmlns:a=\"u\"/>", "bad-xml", 4, "second ':'" },
        { "<a b=\"1\" b=\"2\"/>", "bad-xml", 9, "b is given twice" },
        { "<a xmlns:p=\"u\" xmlns:q=\"u\" p:x=\"1\" q:x=\"2\"/>", "bad-xml", 35, "q:x is given twice" },
        { "<a b=\"1\"c=\"2\"/>", "bad-xml", 8, "white space" },
        { "<a b=1/>", "bad-xml", 5, "not quoted" },
        { "<a b=\"<\"/>", "bad-xml", 6, "'<'" },
        { "<p:a/>", "bad-xml", 1, "prefix 'p' is not declared" },
        { "<a p:b=\"1\"/>", "bad-xml", 3, "prefix 'p' is not declared" },
        { "<a xmlns:p=\"\"/>", "bad-xml", 3, "empty namespace name" },
        { "<a xmlns:xmlns=\"u\"/>", "bad-xml", 3, "'xmlns' cannot be declared" },
        { "<a xml:space=\"keep\"/>", "bad-xml", 14, "xml:space" },
        { "", "bad-xml", 0, "no root element" },
        { " \r\n", "bad-xml", 3, "no root element" },
        { "x<a/>", "bad-xml", 0, "text before the root element" },
        { "<a/>x", "bad-xml", 4, "text after the root element" },
        { "<a/>&#32;", "bad-xml", 4, "text after the root element" },
        { "<a/><b/>", "bad-xml", 4, "second root element" },
        { "<![CDATA[x]]><a/>", "bad-xml", 0, "CDATA section outside the root element" },
        { "<a>]]></a>", "bad-xml", 3, "']]>'" },
        { "<a><!-- x -- y --></a>", "bad-xml", 10, "'--' inside a comment" },
        { "<a><!x></a>", "bad-xml", 3, "neither a comment nor a CDATA section" },
        { "<a><?xml version=\"1.0\"?></a>", "bad-xml", 3, "XML declaration" },
        { "<?xml version=\"1.0\"?><?xml version=\"1.0\"?><a/>", "bad-xml", 21, "XML declaration" },
        { "<a><?p:q x?></a>", "bad-xml", 6, "':' in a processing-instruction target" },
        { "<a>\u0001</a>", "bad-xml", 3, "byte 0x01" },
        { "<a>\uFFFE</a>", "bad-xml", 3, "byte 0xEF" },
        { "<a>", "bad-xml", 3, "ends inside <a>" },
        { "<a><b>text", "bad-xml", 10, "ends inside <b>" },
        { "<a b=\"1", "bad-xml", 5, "inside an attribute value" },
        { "<a><!-- x", "bad-xml", 3, "inside a comment" },
        { "<a><![CDATA[x", "bad-xml", 3, "inside a CDATA section" },
        { "<a", "bad-xml", 0, "inside a start tag" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void MalformedOrHostileXmlIsATypedErrorNamingTheFaultAndItsByteOffset(string xml, string cause, int offset, string what)
    {
        var ex = Assert.Throws<CstaDialectException>(() => CstaXmlDecoder.Decode(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(xml))));
        Assert.Equal(cause, ex.Cause);
        Assert.Equal(offset, ex.Offset);
        Assert.Contains($"byte {offset}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(what, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x3C, 0x61, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x61, 0x3E }, 3)] // <a>, a lead byte without its continuation
    [InlineData(new byte[] { 0x3C, 0x61, 0x3E, 0xED, 0xA0, 0x80, 0x3C, 0x2F, 0x61, 0x3E }, 3)] // a surrogate encoded in UTF-8
    [InlineData(new byte[] { 0x3C, 0x61, 0x3E, 0xC0, 0xAF, 0x3C, 0x2F, 0x61, 0x3E }, 3)] // an overlong '/'
    [InlineData(new byte[] { 0x3C, 0x61, 0x3E, 0x78, 0x3C, 0x2F, 0x61, 0x3E, 0xE2, 0x82 }, 8)] // a sequence cut off by the body's end
    [InlineData(new byte[] { 0x3C, 0x61, 0x20, 0x62, 0x3D, 0x22, 0xFF, 0x22, 0x2F, 0x3E }, 6)] // a byte UTF-8 never has, in an attribute
    public void BadUtf8IsATypedErrorAtTheFirstBadByte(byte[] body, int offset)
    {
        var ex = Assert.Throws<CstaDialectException>(() => CstaXmlDecoder.Decode(new ReadOnlySequence<byte>(body)));
        Assert.Equal(("bad-xml", offset), (ex.Cause, ex.Offset));
        Assert.Contains("not valid UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingDeeperThanTheLimitIsRefusedAtTheFirstElementTooDeep()
    {
        var open = "<Custom>" + string.Concat(Enumerable.Repeat("<a>", CstaXmlDecoder.MaxDepth));
        var xml = open + "<b>x</b>" + string.Concat(Enumerable.Repeat("</a>", CstaXmlDecoder.MaxDepth)) + "</Custom>";
        var ex = Assert.Throws<CstaDialectException>(() => CstaXmlDecoder.Decode(Utf8(xml)));
        Assert.Equal(("xml-too-deep", "b", open.Length), (ex.Cause, ex.Element, (int)ex.Offset));

        // Text counts one level below its element, as XmlReader counts it.
        var text = "<Custom>" + string.Concat(Enumerable.Repeat("<a>", CstaXmlDecoder.MaxDepth)) + "x";
        Assert.Equal("xml-too-deep", Assert.Throws<CstaDialectException>(() => CstaXmlDecoder.Decode(Utf8(text))).Cause);
    }

    [Fact]
    public void AStartTagWithThousandsOfAttributesIsCheckedForDuplicatesInLinearTime()
    {
        var attributes = string.Join(" ", Enumerable.Range(0, 6_000).Select(i => $"a{i}=\"\""));
        Assert.IsType<CstaUnknownMessage>(CstaXmlDecoder.Decode(Utf8($"<Custom {attributes}/>")));

        var duplicated = $"<Custom {attributes} a5999=\"\"/>";
        Assert.True(Encoding.UTF8.GetByteCount(duplicated) <= CstaWire.MaxBodySize);
        var ex = Assert.Throws<CstaDialectException>(() => CstaXmlDecoder.Decode(Utf8(duplicated)));
        Assert.Equal(duplicated.Length - "a5999=\"\"/>".Length, ex.Offset);
        Assert.Contains("a5999 is given twice", ex.Message, StringComparison.Ordinal);

        // The thread's working memory grew for that body and was dropped: a real frame still allocates only its record.
        AssertAllocatesOnlyTheRecord(CstaCaptures.Frame("OriginatedEvent")[8..]);
    }

    [Fact]
    public void OnlyTheFivePredefinedEntitiesAndCharacterReferencesAreReplaced()
    {
        var status = Assert.IsType<CstaSystemStatus>(CstaXmlDecoder.Decode(Utf8(
            "<SystemStatus><systemStatus>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;&#x0000000043;</systemStatus></SystemStatus>")));
        Assert.Equal("<>&\"'AB\U0001F600C", status.Status);
    }

    [Fact]
    public void DecodingARealFrameAllocatesOnlyTheEventsOwnObjects()
    {
        var body = CstaCaptures.Frame("OriginatedEvent")[8..];
        var allocated = AssertAllocatesOnlyTheRecord(body);
        Assert.True(allocated <= 1024, $"{allocated} bytes allocated for a 1,091-byte frame");

        // Split across buffer segments (copied once into a pooled buffer): still only the record.
        var split = Segmented.Split(body, 500);
        for (var i = 0; i < 3; i++)
        {
            CstaXmlDecoder.Decode(split);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        CstaXmlDecoder.Decode(split);
        Assert.Equal(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>
    /// Decodes the body (after a warm-up) and checks the bytes allocated are exactly the record (measured by a shallow
    /// copy of it) plus the strings it holds other than the shared element and namespace names; returns them.
    /// </summary>
    private static long AssertAllocatesOnlyTheRecord(byte[] body)
    {
        var sequence = new ReadOnlySequence<byte>(body);
        for (var i = 0; i < 3; i++)
        {
            CstaXmlDecoder.Decode(sequence);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var message = Assert.IsType<CstaCallEvent>(CstaXmlDecoder.Decode(sequence));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        var copy = message with { };
        var record = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(message, copy);

        string?[] strings = [message.MonitorCrossRefId, message.Connection.CallId, message.Connection.DeviceId, message.SubjectDevice, message.CallingDevice,
            message.CalledDevice, message.LastRedirectionDevice, message.OtherDevice, message.LocalConnectionInfo, message.Cause];
        var text = strings.OfType<string>().Sum(s => (22L + (2L * s.Length) + 7) & ~7L);
        Assert.Same(CstaNamespaces.Ed4, message.Namespace);
        Assert.Empty(message.Connections);
        Assert.Equal(record + text, allocated);
        return allocated;
    }

    private static ReadOnlySequence<byte> Utf8(string xml) => new(Encoding.UTF8.GetBytes(xml));
}
