using System.Buffers.Binary;
using System.Text;
using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

/// <summary>
/// docs/wire-format.md 3.1: the EventError for a message with a bad attribute carries the request's ReferenceID
/// whether the ReferenceID comes before or after the bad attribute, and the connection stays usable.
/// </summary>
public sealed class MessageErrorReferenceIdTests
{
    [Theory]
    [InlineData("ThisDN as Int", true)]
    [InlineData("ThisDN as Int", false)]
    [InlineData("ThisDN not UTF-8", true)]
    [InlineData("ThisDN not UTF-8", false)]
    [InlineData("UserData pair of unknown type", true)]
    [InlineData("UserData pair of unknown type", false)]
    public async Task TheReferenceIdComesBack_BeforeOrAfterTheBadAttribute(string problem, bool referenceIdFirst)
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectRegisteredAsync();
        byte[] bad = problem switch
        {
            "ThisDN as Int" => Attribute(AttributeId.ThisDN, AttributeValueType.Int, [0, 0, 0x13, 0x89]),
            "ThisDN not UTF-8" => Attribute(AttributeId.ThisDN, AttributeValueType.String, [0, 0, 0, 2, 0xC3, 0x28]),
            _ => Attribute(AttributeId.UserData, AttributeValueType.List, [0, 0, 0, 8, 0, 1, (byte)'k', 9, 0, 0, 0, 0]),
        };
        byte[] referenceId = Attribute(AttributeId.ReferenceID, AttributeValueType.Int, [0, 0, 0x30, 0x39]);
        byte[] attributes = referenceIdFirst ? [.. referenceId, .. bad] : [.. bad, .. referenceId];

        await client.SendRawAsync(Frame(MessageType.RequestRegisterAddress, 2, attributes));
        var error = await client.ReceiveAsync();

        Assert.Equal(MessageType.EventError, error.Type);
        Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, error.ErrorCode);
        Assert.Equal(12345, error.ReferenceID);
        Assert.StartsWith($"Invalid attribute {(problem.StartsWith("UserData", StringComparison.Ordinal) ? "UserData" : "ThisDN")}: ", error.ErrorMessage, StringComparison.Ordinal);
        var next = await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = "5001", ReferenceID = 12346 });
        Assert.Equal(MessageType.EventRegistered, next.Type);
    }

    [Fact]
    public async Task AReferenceIdBehindAValueThatRunsPastTheMessage_CannotBeFound()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectRegisteredAsync();
        byte[] attributes =
        [
            .. Attribute(AttributeId.ThisDN, AttributeValueType.String, [0, 0, 0, 100, .. Encoding.ASCII.GetBytes("5001")]),
            .. Attribute(AttributeId.ReferenceID, AttributeValueType.Int, [0, 0, 0, 9]),
        ];

        await client.SendRawAsync(Frame(MessageType.RequestRegisterAddress, 2, attributes));
        var error = await client.ReceiveAsync();

        Assert.Equal(MessageType.EventError, error.Type);
        Assert.Equal(0, error.ReferenceID);
        Assert.Contains("claims 100 bytes", error.ErrorMessage, StringComparison.Ordinal);
    }

    private static byte[] Attribute(AttributeId id, AttributeValueType tag, byte[] value)
    {
        var head = new byte[3];
        BinaryPrimitives.WriteUInt16BigEndian(head, (ushort)id);
        head[2] = (byte)tag;
        return [.. head, .. value];
    }

    private static byte[] Frame(MessageType type, int count, byte[] attributes)
    {
        var frame = new byte[TlibWire.HeaderSize + 4 + attributes.Length];
        frame[0] = TlibWire.Magic0;
        frame[1] = TlibWire.Magic1;
        frame[2] = TlibWire.Version;
        frame[3] = (byte)FrameKind.Message;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)(4 + attributes.Length));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(8), (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(10), (ushort)count);
        attributes.CopyTo(frame.AsSpan(12));
        return frame;
    }
}
