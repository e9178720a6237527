using System.Buffers;
using CtiGateway.Protocol.Tests.WireFormat;

namespace CtiGateway.Protocol.Tests.Wireshark;

/// <summary>
/// The traffic of the capture test: every hex dump of docs/wire-format.md as its own write, then frames that stress
/// the dissector (several frames in one write, a frame split across writes, nested lists, odd values, a big frame).
/// </summary>
internal static class CapturedSession
{
    private static readonly TlibTime ServerStart = new(1735722000, 0);

    public static List<WireWrite> Build()
    {
        var writes = new List<WireWrite>();
        foreach (var block in WireFormatDocument.HexBlocks())
        {
            var expected = DocumentedDumps.All[block.Name];
            writes.Add(new WireWrite(IsFromClient(expected), [block.Bytes], [expected], $"doc dump {block.Name}"));
        }

        // Several frames in one write: two events with nested lists and an ADDP poll.
        var dialing = Event(new TlibMessage(MessageType.EventDialing)
            .Set(AttributeId.CallID, 4712L)
            .Set(AttributeId.ConnID, unchecked((long)0x006e01a2b3c4d5e7UL))
            .Set(AttributeId.CallType, (int)CallType.Outbound)
            .Set(AttributeId.ThisDN, "5001")
            .Set(AttributeId.ThisDNRole, (int)DNRole.Origination)
            .Set(AttributeId.OtherDN, "5002")
            .Set(AttributeId.UserData, new KeyValueList()
                .Add("Empty", string.Empty)
                .Add("EmptyList", new KeyValueList())
                .Add("Segment", "Gold")
                .Add("Segment", "Platinum")
                .Add("Negative", -42)
                .Add("Bytes", new byte[] { 0x00, 0xff, 0x10 })
                .AddUnicode("City", "K\u00f8benhavn \u6771\u4eac")
                .Add("Customer", new KeyValueList()
                    .Add("Tier", "Gold")
                    .Add("Address", new KeyValueList()
                        .Add("Street", "Main St 1")
                        .Add("Geo", new KeyValueList().Add("Lat", 55).Add("Lon", 12))))),
            5);
        var established = Event(new TlibMessage(MessageType.EventEstablished)
            .Set(AttributeId.ConnID, unchecked((long)0x006e01a2b3c4d5e7UL))
            .Set(AttributeId.ThisDN, "5002")
            .Set(AttributeId.Reasons, new KeyValueList().Add("Reason", "Answered")),
            6);
        writes.Add(new WireWrite(
            false,
            [Concat(Encode(dialing), Encode(established), Addp(FrameKind.AddpPoll, 2))],
            [DumpExpectation.Of(dialing), DumpExpectation.Of(established), DumpExpectation.Poll(2)],
            "three frames in one write"));

        // One frame split across three writes; the first write also carries a whole reply and 5 header bytes.
        var attach = new TlibMessage(MessageType.RequestAttachUserData)
            .Set(AttributeId.ReferenceID, 6)
            .Set(AttributeId.ThisDN, "5001")
            .Set(AttributeId.ConnID, unchecked((long)0x006e01a2b3c4d5e7UL))
            .Set(AttributeId.UserData, new KeyValueList().Add("Disposition", "Sale").Add("Amount", 1999));
        var attachBytes = Encode(attach);
        writes.Add(new WireWrite(
            true,
            [Concat(Addp(FrameKind.AddpReply, 2), attachBytes[..5]), attachBytes[5..25], attachBytes[25..]],
            [DumpExpectation.Reply(2), DumpExpectation.Of(attach)],
            "a frame split across writes"));

        // Odd values: an unknown message id and attribute id, extreme numbers, XML and non-ASCII text, a Time, Binary.
        var odd = new TlibMessage((MessageType)200)
            .Set(AttributeId.ReferenceID, int.MinValue)
            .Set((AttributeId)300, -7)
            .Set(AttributeId.ErrorCode, 9999)
            .Set(AttributeId.CallState, -1)
            .Set(AttributeId.UserEvent, (int)MessageType.EventRinging)
            .Set(AttributeId.PreviousConnID, -1L)
            .Set(AttributeId.NetworkCallID, long.MinValue)
            .Set(AttributeId.TimeStamp, new TlibTime(4102444799, 999999))
            .Set(AttributeId.Reserved_1, new byte[] { 0xde, 0xad, 0xbe, 0xef })
            .Set(AttributeId.Reserved_2, Array.Empty<byte>())
            .Set(AttributeId.ThisDN, string.Empty)
            .Set(AttributeId.ErrorMessage, "<tag attr=\"v\"> & 'quotes' Gr\u00fc\u00dfe \u6771\u4eac \U0001F4DE");
        writes.Add(new WireWrite(false, [Encode(odd)], [DumpExpectation.Of(odd)], "unknown ids and odd values"));

        // A big frame.
        var big = Event(new TlibMessage(MessageType.EventUserEvent)
            .Set(AttributeId.ThisDN, "5001")
            .Set(AttributeId.UserData, new KeyValueList().Add("Notes", string.Concat(Enumerable.Repeat("0123456789abcdef", 2000)))),
            7);
        writes.Add(new WireWrite(false, [Encode(big)], [DumpExpectation.Of(big)], "a 32 KB frame"));

        // Every mask bit.
        var mask = new TlibMessage(MessageType.RequestSetInputMask).Set(AttributeId.ReferenceID, 7).Set(AttributeId.InputMask, TlibMask.All());
        var hello = new AddpHello(0, 3600, AddpTrace.Full);
        writes.Add(new WireWrite(true, [Concat(Encode(mask), Hello(hello))], [DumpExpectation.Of(mask), DumpExpectation.Of(hello)], "full mask and a hello"));
        return writes;
    }

    private static bool IsFromClient(DumpExpectation frame) => frame.Kind switch
    {
        FrameKind.Message => MessageCatalog.GetName(frame.Message!.Type).StartsWith("Request", StringComparison.Ordinal),
        FrameKind.AddpPoll => false,
        _ => true,
    };

    private static TlibMessage Event(TlibMessage message, long sequence) => message
        .Set(AttributeId.TimeinSecs, 1735732810)
        .Set(AttributeId.TimeinuSecs, 500)
        .Set(AttributeId.EventSequenceNumber, sequence)
        .Set(AttributeId.ServerStartTime, ServerStart);

    private static byte[] Encode(TlibMessage message)
    {
        var w = new ArrayBufferWriter<byte>();
        TlibMessageWriter.Write(message, w);
        return w.WrittenSpan.ToArray();
    }

    private static byte[] Addp(FrameKind kind, uint sequence)
    {
        var w = new ArrayBufferWriter<byte>();
        TlibMessageWriter.WriteAddp(kind, sequence, w);
        return w.WrittenSpan.ToArray();
    }

    private static byte[] Hello(AddpHello hello)
    {
        var w = new ArrayBufferWriter<byte>();
        TlibMessageWriter.WriteAddpHello(hello, w);
        return w.WrittenSpan.ToArray();
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
