using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CtiGateway.Protocol.Tests.WireFormat;

namespace CtiGateway.Protocol.Tests.Wireshark;

/// <summary>
/// Captures a real loopback session with dumpcap and checks that tshark with packaging/wireshark/ctigateway-tlib.lua
/// shows every frame as the codec decodes the same bytes: kind, message name, and each attribute's name, value and
/// enum name, ADDP sequence and hello fields. Needs tshark and dumpcap (Debian package tshark).
/// </summary>
public sealed class DissectorCaptureTests
{
    private static readonly TimeSpan TsharkTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CapturedSessionDissectsLikeTheCodec()
    {
        var tshark = ExternalTool.Find("tshark");
        var dumpcap = ExternalTool.Find("dumpcap");
        if (tshark is null || dumpcap is null)
        {
            Assert.Skip("tshark and dumpcap are not installed: apt-get install tshark");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(90));
        var ct = timeout.Token;
        var dir = Directory.CreateTempSubdirectory("ctigw-wireshark-");
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var serverPort = ((IPEndPoint)listener.LocalEndpoint).Port;
            var file = Path.Combine(dir.FullName, "session.pcap");
            var (capture, failure) = await LoopbackCapture.StartAsync(dumpcap, serverPort, file, ct);
            if (capture is null)
            {
                Assert.Skip($"dumpcap cannot capture on the loopback interface here ({failure}); run as root or give dumpcap cap_net_raw,cap_net_admin");
            }

            await using (capture)
            {
                var script = CapturedSession.Build();
                int clientPort;
                LoopbackExchange exchange;
                using (var client = new TcpClient { NoDelay = true })
                {
                    await client.ConnectAsync(IPAddress.Loopback, serverPort, ct);
                    using var server = await listener.AcceptTcpClientAsync(ct);
                    server.NoDelay = true;
                    clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;
                    exchange = new LoopbackExchange(client.GetStream(), server.GetStream());
                    foreach (var write in script)
                    {
                        await exchange.PlayAsync(write, ct);
                    }
                }

                await capture.WaitForPayloadAsync(
                    new Dictionary<int, long> { [clientPort] = exchange.ClientSent, [serverPort] = exchange.ServerSent },
                    TimeSpan.FromSeconds(20),
                    ct);
                await capture.StopAsync(ct);

                // What the codec makes of the bytes each side received, checked against what was sent.
                var toServer = Decode(exchange.ReceivedByServer, "client to server");
                var toClient = Decode(exchange.ReceivedByClient, "server to client");
                AssertSameFrames(script.Where(w => w.FromClient).SelectMany(w => w.Frames).ToList(), toServer, "client to server");
                AssertSameFrames(script.Where(w => !w.FromClient).SelectMany(w => w.Frames).ToList(), toClient, "server to client");

                var lua = "lua_script:" + LuaDissectorFile.FullPath;
                var port = serverPort.ToString(CultureInfo.InvariantCulture);
                (string How, string[] Args)[] runs =
                [
                    ("Decode As", ["-d", $"tcp.port=={port},ctigw"]),
                    ("the ctigw.tcp_port preference", ["-o", $"ctigw.tcp_port:{port}"]),
                    ("the heuristic", ["-o", "tcp.try_heuristic_first:TRUE"]),
                ];
                foreach (var (how, args) in runs)
                {
                    var result = await ExternalTool.RunAsync(tshark, ["-r", file, "-X", lua, .. args, "-T", "pdml"], TsharkTimeout, ct);
                    Assert.True(result.ExitCode == 0, $"tshark ({how}) exited {result.ExitCode}: {result.StandardError}");
                    Assert.DoesNotContain("Lua: Error", result.StandardError, StringComparison.Ordinal);
                    var pdus = PdmlDissection.Parse(result.StandardOutput);
                    AssertDissected(toServer, pdus.Where(p => p.SourcePort == clientPort).ToList(), $"client to server, via {how}");
                    AssertDissected(toClient, pdus.Where(p => p.SourcePort == serverPort).ToList(), $"server to client, via {how}");
                }
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static List<DumpExpectation> Decode(byte[] stream, string direction)
    {
        var frames = new List<DumpExpectation>();
        var buffer = new ReadOnlySequence<byte>(stream);
        while (TlibFrameReader.TryReadFrame(ref buffer, out var frame))
        {
            frames.Add(frame.Kind switch
            {
                FrameKind.Message => DumpExpectation.Of(TlibMessageReader.Decode(frame.Payload)),
                FrameKind.AddpHello => DumpExpectation.Of(TlibFrameReader.ReadAddpHello(frame)),
                FrameKind.AddpPoll => DumpExpectation.Poll(TlibFrameReader.ReadAddpSequence(frame)),
                _ => DumpExpectation.Reply(TlibFrameReader.ReadAddpSequence(frame)),
            });
        }

        Assert.True(buffer.IsEmpty, $"{direction}: {buffer.Length} bytes left after the last whole frame.");
        return frames;
    }

    private static void AssertSameFrames(List<DumpExpectation> sent, List<DumpExpectation> decoded, string direction)
    {
        Assert.Equal(sent.Count, decoded.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            var context = $"{direction}, frame {i + 1}";
            Assert.Equal(sent[i].Kind, decoded[i].Kind);
            if (sent[i].Message is { } message)
            {
                MessageAssert.Equal(message, decoded[i].Message!, context);
            }
            else
            {
                Assert.Equal(sent[i].Hello, decoded[i].Hello);
                Assert.Equal(sent[i].Sequence, decoded[i].Sequence);
            }
        }
    }

    private static void AssertDissected(List<DumpExpectation> codec, List<DissectedPdu> dissected, string direction)
    {
        Assert.True(
            codec.Count == dissected.Count,
            $"{direction}: tshark shows {dissected.Count} frames, the codec decoded {codec.Count}: "
            + string.Join(", ", dissected.Select(d => d.MessageName ?? $"kind {d.Kind}")));
        for (var i = 0; i < codec.Count; i++)
        {
            var c = codec[i];
            var d = dissected[i];
            var context = $"{direction}, frame {i + 1} (packet {d.PacketNumber})";
            Assert.True(d.Problems.Count == 0, $"{context}: the dissector reports {string.Join("; ", d.Problems)}");
            Assert.True((int)c.Kind == d.Kind, $"{context}: kind {d.Kind}, expected {c.Kind}.");
            switch (c.Kind)
            {
                case FrameKind.Message:
                    var m = c.Message!;
                    Assert.True(m.Name == d.MessageName, $"{context}: message {d.MessageName}, expected {m.Name}.");
                    Assert.Equal((int)m.Type, d.MessageType);
                    Assert.Equal(m.Count, d.AttributeCount);
                    Assert.True(m.Count == d.Attributes.Count, $"{context}: {d.Attributes.Count} attributes shown, expected {m.Count}.");
                    for (var a = 0; a < m.Count; a++)
                    {
                        var attribute = m.Attributes[a];
                        var shown = d.Attributes[a];
                        var where = $"{context} {m.Name}, attribute {a + 1}";
                        Assert.True(attribute.Name == shown.Name, $"{where}: name {shown.Name}, expected {attribute.Name}.");
                        var text = ValueText.Of(attribute.Id, attribute.Value);
                        Assert.True(text == shown.Value, $"{where} {attribute.Name}: value '{shown.Value}', expected '{text}'.");
                        var enumName = ValueText.EnumName(attribute.Id, attribute.Value);
                        Assert.True(enumName == shown.EnumName, $"{where} {attribute.Name}: enum name '{shown.EnumName}', expected '{enumName}'.");
                    }

                    break;
                case FrameKind.AddpHello:
                    Assert.Equal(c.Hello, d.Hello);
                    break;
                default:
                    Assert.Equal(c.Sequence, d.Sequence);
                    break;
            }
        }
    }
}
