using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CtiGateway.Protocol.Tests.WireFormat;

/// <summary>Holds docs/wire-format.md to the codec: every hex dump decodes to its expectation and re-encodes byte for byte.</summary>
public sealed partial class WireFormatDocTests
{
    public static TheoryData<string> DumpNames()
    {
        var data = new TheoryData<string>();
        foreach (var block in WireFormatDocument.HexBlocks())
        {
            data.Add(block.Name);
        }

        return data;
    }

    [Fact]
    public void EveryHexBlockHasAnExpectationAndAUniqueName()
    {
        var blocks = WireFormatDocument.HexBlocks();
        Assert.NotEmpty(blocks);
        var missing = blocks.Where(b => !DocumentedDumps.All.ContainsKey(b.Name)).Select(b => $"{b.Name} (line {b.Line})").ToList();
        Assert.True(missing.Count == 0, $"Hex blocks without an expectation in DocumentedDumps: {string.Join(", ", missing)}.");
        var duplicates = blocks.GroupBy(b => b.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"Hex block names used twice: {string.Join(", ", duplicates)}.");
    }

    [Fact]
    public void EveryExpectationIsDocumented()
    {
        var names = WireFormatDocument.HexBlocks().Select(b => b.Name).ToHashSet(StringComparer.Ordinal);
        var stale = DocumentedDumps.All.Keys.Where(k => !names.Contains(k)).ToList();
        Assert.True(stale.Count == 0, $"Expectations with no hex block in the doc: {string.Join(", ", stale)}.");
    }

    [Fact]
    public void TheSessionCoversTheDocumentedMessageTypes()
    {
        var types = DocumentedDumps.All.Values.Where(e => e.Message is not null).Select(e => e.Message!.Type).ToHashSet();
        MessageType[] required =
        [
            MessageType.RequestRegisterClient, MessageType.EventLinkConnected, MessageType.RequestRegisterAddress,
            MessageType.EventRegistered, MessageType.RequestMakeCall, MessageType.EventRinging, MessageType.EventError,
        ];
        Assert.All(required, t => Assert.Contains(t, types));
        var kinds = DocumentedDumps.All.Values.Select(e => e.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<FrameKind>().ToHashSet(), kinds);
    }

    [Theory]
    [MemberData(nameof(DumpNames))]
    public void HexBlockDecodesToItsExpectation(string name)
    {
        var block = WireFormatDocument.HexBlocks().Single(b => b.Name == name);
        Assert.True(DocumentedDumps.All.TryGetValue(name, out var expected), $"Hex block '{name}' (line {block.Line}) has no expectation in DocumentedDumps.");
        var context = $"{WireFormatDocument.RelativePath}:{block.Line} '{name}'";

        var buffer = new ReadOnlySequence<byte>(block.Bytes);
        Assert.True(TlibFrameReader.TryReadFrame(ref buffer, out var frame), $"{context}: not a whole frame.");
        Assert.True(buffer.IsEmpty, $"{context}: {buffer.Length} bytes follow the frame; one block is one frame.");
        Assert.Equal(expected.Kind, frame.Kind);

        switch (frame.Kind)
        {
            case FrameKind.Message:
                MessageAssert.Equal(expected.Message!, TlibMessageReader.Decode(frame.Payload), context);
                break;
            case FrameKind.AddpHello:
                Assert.Equal(expected.Hello, TlibFrameReader.ReadAddpHello(frame));
                break;
            default:
                Assert.Equal(expected.Sequence, TlibFrameReader.ReadAddpSequence(frame));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(DumpNames))]
    public void ExpectationEncodesToTheDocumentedBytes(string name)
    {
        var block = WireFormatDocument.HexBlocks().Single(b => b.Name == name);
        Assert.True(DocumentedDumps.All.TryGetValue(name, out var expected), $"Hex block '{name}' (line {block.Line}) has no expectation in DocumentedDumps.");
        var output = new ArrayBufferWriter<byte>();
        var written = expected.Kind switch
        {
            FrameKind.Message => TlibMessageWriter.Write(expected.Message!, output),
            FrameKind.AddpHello => TlibMessageWriter.WriteAddpHello(expected.Hello!.Value, output),
            _ => TlibMessageWriter.WriteAddp(expected.Kind, expected.Sequence!.Value, output),
        };
        Assert.Equal(output.WrittenCount, written);
        Assert.Equal(Convert.ToHexStringLower(block.Bytes), Convert.ToHexStringLower(output.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(DumpNames))]
    public void HexBlockIsIncompleteUntilItsLastByte(string name)
    {
        var bytes = WireFormatDocument.HexBlocks().Single(b => b.Name == name).Bytes;
        for (var n = 0; n < bytes.Length; n++)
        {
            var partial = new ReadOnlySequence<byte>(bytes, 0, n);
            Assert.False(TlibFrameReader.TryReadFrame(ref partial, out _), $"'{name}' read as a frame from its first {n} of {bytes.Length} bytes.");
            Assert.Equal(n, partial.Length);
        }
    }

    [Fact]
    public void AttributeTableMatchesAttributeCatalog()
    {
        var rows = new Dictionary<int, Match>();
        foreach (var line in WireFormatDocument.Section("## 7. Attribute ids"))
        {
            var m = AttributeRow().Match(line);
            if (m.Success)
            {
                Assert.True(rows.TryAdd(Parse(m.Groups["id"].Value), m), $"Attribute id {m.Groups["id"].Value} is listed twice.");
            }
        }

        Assert.Equal(AttributeCatalog.Count, rows.Count);
        for (var i = 0; i < AttributeCatalog.Count; i++)
        {
            var id = (AttributeId)i;
            Assert.True(rows.TryGetValue(i, out var row), $"Attribute id {i} is missing from the table.");
            var type = AttributeCatalog.GetValueType(id);
            Assert.Equal(AttributeCatalog.GetName(id), row.Groups["name"].Value);
            Assert.Equal(type.ToString(), row.Groups["type"].Value);
            Assert.Equal((int)type, Parse(row.Groups["tag"].Value));
            Assert.Equal(AttributeCatalog.GetEnumType(id)?.Name ?? string.Empty, row.Groups["enum"].Value);
        }
    }

    [Fact]
    public void MessageTypeTableMatchesMessageCatalog()
    {
        var names = new Dictionary<int, string>();
        foreach (var line in WireFormatDocument.Section("### Message type ids"))
        {
            foreach (Match m in MessageCell().Matches(line))
            {
                Assert.True(names.TryAdd(Parse(m.Groups["id"].Value), m.Groups["name"].Value), $"Message id {m.Groups["id"].Value} is listed twice.");
            }
        }

        Assert.Equal(MessageCatalog.Count, names.Count);
        for (var i = 0; i < MessageCatalog.Count; i++)
        {
            Assert.True(names.TryGetValue(i, out var name), $"Message id {i} is missing from the table.");
            Assert.Equal(MessageCatalog.GetName((MessageType)i), name);
        }
    }

    [Fact]
    public void ErrorCodeTableMatchesErrorCode()
    {
        var rows = WireFormatDocument.Section("### Error codes").Select(l => ErrorRow().Match(l)).Where(m => m.Success).ToList();
        var codes = Enum.GetValues<ErrorCode>();
        Assert.Equal(codes.Length, rows.Count);
        foreach (var code in codes)
        {
            var row = rows.SingleOrDefault(r => Parse(r.Groups["code"].Value) == (int)code);
            Assert.True(row is not null, $"Error code {(int)code} is missing from the table.");
            Assert.Equal(code.ToString(), row.Groups["symbol"].Value);
            Assert.Equal(ErrorCodeText.Get((int)code), row.Groups["text"].Value);
        }
    }

    [Fact]
    public void MessageAttributeTableMatchesMessageCatalog()
    {
        var rows = new Dictionary<int, Match>();
        foreach (var line in WireFormatDocument.Section("### Attributes of each message"))
        {
            var m = MessageSpecRow().Match(line);
            if (m.Success)
            {
                Assert.True(rows.TryAdd(Parse(m.Groups["id"].Value), m), $"Message id {m.Groups["id"].Value} is listed twice.");
            }
        }

        Assert.Equal(MessageCatalog.Count, rows.Count);
        foreach (var spec in MessageCatalog.All)
        {
            Assert.True(rows.TryGetValue((int)spec.Type, out var row), $"Message {spec.Name} ({(int)spec.Type}) is missing from the table.");
            Assert.Equal(spec.Name, row.Groups["name"].Value);
            AssertSet(spec, "mandatory", spec.Mandatory, row.Groups["mandatory"].Value);
            AssertSet(spec, "optional", spec.Optional, row.Groups["optional"].Value);
        }
    }

    [Fact]
    public void TheDocumentHoldsNoToolOutput()
    {
        var pasted = WireFormatDocument.AllLines
            .Select((line, i) => (line, number: i + 1))
            .Where(l => ToolOutput().IsMatch(l.line))
            .Select(l => $"line {l.number}: {l.line}")
            .ToList();
        Assert.True(pasted.Count == 0, $"{WireFormatDocument.RelativePath} holds compiler or tool output:{Environment.NewLine}{string.Join(Environment.NewLine, pasted)}");
    }

    // A cell lists attribute names separated by ", ", in the catalog's order; "-" is an empty set.
    private static void AssertSet(MessageSpec spec, string which, AttributeId[] catalog, string cell)
    {
        var expected = catalog.Length == 0 ? "-" : string.Join(", ", catalog.Select(AttributeCatalog.GetName));
        Assert.True(expected == cell, $"{spec.Name} ({(int)spec.Type}): the {which} attributes are '{cell}' in {WireFormatDocument.RelativePath} but '{expected}' in MessageCatalog.");
    }

    private static int Parse(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\| (?<id>\d+) \| (?<name>\w+) \| (?<type>\w+) \((?<tag>\d+)\) \| (?<enum>\w*) ?\|$")]
    private static partial Regex AttributeRow();

    [GeneratedRegex(@"(?<id>\d+) \| (?<name>(Request|Event)\w+)")]
    private static partial Regex MessageCell();

    [GeneratedRegex(@"^\| (?<id>\d+) \| (?<name>\w+) \| (?<mandatory>[^|]*?) \| (?<optional>[^|]*?) \|$")]
    private static partial Regex MessageSpecRow();

    [GeneratedRegex(@"(warning|error) [A-Z]{2,}\d{3,}:|^/tmp/")]
    private static partial Regex ToolOutput();

    [GeneratedRegex(@"^\| (?<code>\d+) \| (?<symbol>TERR_\w+) \| (?<text>.+) \|$")]
    private static partial Regex ErrorRow();
}
