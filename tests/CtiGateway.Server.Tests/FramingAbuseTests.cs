using System.Buffers.Binary;
using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

public sealed class FramingAbuseTests
{
    private const string Dn = "8001";

    [Fact]
    public async Task UnframeableInput_GetsAnErrorAndIsClosed_WhileOtherClientsReceiveEveryEventInOrder()
    {
        await using var server = await TestServer.StartAsync();
        await using var good = await server.ConnectOnDnAsync(Dn);
        await using var publisher = await server.ConnectRegisteredAsync("publisher");

        var abuseDone = 0;
        var publishing = Task.Run(async () =>
        {
            var n = 0;
            while (Volatile.Read(ref abuseDone) == 0 || n < 500)
            {
                await publisher.SendAsync(new TlibMessage(MessageType.RequestDistributeUserEvent)
                {
                    ReferenceID = n,
                    ThisDN = Dn,
                    UserData = new KeyValueList().Add("n", n),
                });
                n++;
                if (n % 25 == 0)
                {
                    await Task.Yield();
                }
            }

            return n;
        },
        TestContext.Current.CancellationToken);

        // Garbage: the first byte is not the magic.
        var garbage = await ErrorThenCloseAsync(server, "GET / HTTP/1.1\r\n\r\n"u8.ToArray());
        Assert.Equal("Frame rejected: Frame does not start with the magic 'TL' (first byte 0x47) at offset 0", garbage);

        // A length over the maximum frame size, rejected from the header alone.
        var oversized = new byte[] { 0x54, 0x4C, 0x01, 0x01, 0, 0, 0, 0 };
        BinaryPrimitives.WriteUInt32BigEndian(oversized.AsSpan(4), 99_999_999);
        var tooBig = await ErrorThenCloseAsync(server, oversized);
        Assert.Equal("Frame rejected: Frame length 99999999 is over the maximum frame size 65536 (header included) at offset 4", tooBig);

        // Garbage after a valid request: the offset counts from the start of the stream.
        var valid = TestClient.Encode(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 1 });
        var afterValid = await ErrorThenCloseAsync(server, [.. valid, 0x54, 0x4C, 0x07], expectBefore: MessageType.EventServerInfo);
        Assert.Equal($"Frame rejected: Wire version 7 is not supported (this codec speaks version 1) at offset {valid.Length + 2}", afterValid);

        // A frame cut short by the client's FIN.
        var header = new byte[] { 0x54, 0x4C, 0x01, 0x01, 0, 0, 0, 100 };
        var truncated = await ErrorThenCloseAsync(server, [.. header, .. new byte[20]], halfClose: true);
        Assert.Equal("Frame rejected: the connection closed after 28 bytes of an incomplete frame at offset 0", truncated);

        Volatile.Write(ref abuseDone, 1);
        var published = await publishing.WaitAsync(TestClient.DefaultTimeout, TestContext.Current.CancellationToken);

        long lastSequence = 0;
        for (var expected = 0; expected < published; expected++)
        {
            var evt = await good.ReceiveAsync();
            Assert.Equal(MessageType.EventUserEvent, evt.Type);
            Assert.True(evt.UserData!.TryGetValue("n", out var n));
            Assert.Equal(expected, n.AsInt());
            Assert.True(evt.EventSequenceNumber > lastSequence);
            lastSequence = evt.EventSequenceNumber!.Value;
        }

        Assert.Equal(4, server.Server.FramesRejected);
        Assert.Equal(4, server.Logs.WithId(1007).Count(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning));
        var line = server.Logs.WithId(1007).First(e => e.Message.Contains("99999999", StringComparison.Ordinal));
        Assert.Contains("127.0.0.1", line.Message, StringComparison.Ordinal);
    }

    private static async Task<string> ErrorThenCloseAsync(TestServer server, byte[] bytes, bool halfClose = false, MessageType? expectBefore = null)
    {
        await using var abuser = await server.ConnectAsync();
        await abuser.SendRawAsync(bytes);
        if (halfClose)
        {
            abuser.ShutdownSend();
        }

        var messages = await abuser.ReadUntilClosedAsync();
        if (expectBefore is { } first)
        {
            Assert.Equal(first, messages[0].Type);
            messages.RemoveAt(0);
        }

        var error = Assert.Single(messages);
        Assert.Equal(MessageType.EventError, error.Type);
        Assert.Equal(0, error.ReferenceID);
        Assert.Equal((int)ErrorCode.TERR_UNKNOWN_ERROR, error.ErrorCode);
        return error.ErrorMessage!;
    }
}
