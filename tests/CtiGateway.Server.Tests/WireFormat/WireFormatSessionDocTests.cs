using System.Buffers;
using CtiGateway.Protocol;
using CtiGateway.Protocol.Tests.WireFormat;

namespace CtiGateway.Server.Tests.WireFormat;

/// <summary>
/// Plays the session of docs/wire-format.md section 8 against a real server and holds every documented answer to
/// what the server sends, byte for byte, except the values of the four stamps every event carries.
/// </summary>
public sealed class WireFormatSessionDocTests
{
    private static readonly AttributeId[] Stamps =
        [AttributeId.TimeinSecs, AttributeId.TimeinuSecs, AttributeId.EventSequenceNumber, AttributeId.ServerStartTime];

    [Fact]
    public async Task TheDocumentedAnswersAreWhatTheServerSends()
    {
        var blocks = WireFormatDocument.HexBlocks().ToDictionary(b => b.Name, StringComparer.Ordinal);
        await using var server = await TestServer.StartAsync();
        server.Server.SetLinkState("tel_sw", connected: true);
        await using var client = await server.ConnectAsync();

        await client.SendRawAsync(blocks["addp-hello"].Bytes);
        await AssertAnswerAsync(client, blocks, "register-client", "link-connected");
        await AssertAnswerAsync(client, blocks, "register-address", "registered");

        await client.SendRawAsync(blocks["set-input-mask"].Bytes);
        var ack = await client.ReceiveAsync();
        Assert.Equal(MessageType.EventACK, ack.Type);
        Assert.Equal(3, ack.ReferenceID);
        Assert.Equal((int)MessageType.RequestSetInputMask, ack.GetInt(AttributeId.UserEvent));

        await AssertAnswerAsync(client, blocks, "make-call", "error");

        // The unknown attribute id travels; the request is answered as usual.
        await client.SendRawAsync(blocks["unknown-attribute"].Bytes);
        var info = await client.ReceiveAsync();
        Assert.Equal(MessageType.EventServerInfo, info.Type);
        Assert.Equal(5, info.ReferenceID);
        Assert.Empty(client.Unsolicited);
    }

    private static async Task AssertAnswerAsync(TestClient client, Dictionary<string, HexBlock> blocks, string request, string answer)
    {
        await client.SendRawAsync(blocks[request].Bytes);
        var sent = await client.ReceiveAsync();
        var documented = Decode(blocks[answer]);
        var spec = MessageCatalog.Get(sent.Type);
        foreach (var attribute in sent.Attributes)
        {
            Assert.True(spec.Allows(attribute.Id), $"The server's {sent.Name} carries {AttributeCatalog.GetName(attribute.Id)}, which MessageCatalog does not allow.");
        }

        Assert.All(spec.Mandatory, id => Assert.True(sent.Has(id), $"The server's {sent.Name} lacks the mandatory {AttributeCatalog.GetName(id)}."));
        foreach (var stamp in Stamps)
        {
            Assert.True(documented.TryGet(stamp, out var value), $"Dump '{answer}' has no {AttributeCatalog.GetName(stamp)}.");
            sent.Set(stamp, value);
        }

        var bytes = TestClient.Encode(sent);
        Assert.True(
            bytes.AsSpan().SequenceEqual(blocks[answer].Bytes),
            $"{WireFormatDocument.RelativePath}:{blocks[answer].Line} dump '{answer}' is not what the server answers to '{request}'.{Environment.NewLine}" +
            $"documented: {documented}{Environment.NewLine}sent:       {sent}");
    }

    private static TlibMessage Decode(HexBlock block)
    {
        var buffer = new ReadOnlySequence<byte>(block.Bytes);
        Assert.True(TlibFrameReader.TryReadFrame(ref buffer, out var frame), $"Dump '{block.Name}' is not a whole frame.");
        return TlibMessageReader.Decode(frame.Payload);
    }
}
