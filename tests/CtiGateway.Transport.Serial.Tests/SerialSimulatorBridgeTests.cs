using System.Buffers;
using System.IO.Pipelines;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Pbx.SerialLinks;
using CtiGateway.Simulator;

namespace CtiGateway.Transport.Serial.Tests;

/// <summary>
/// The PBX simulator on a serial line (what <c>ctigw simulate --serial</c> runs): the bridge on one end of a socat
/// pseudo-terminal pair, the gateway's end of the link layer (<see cref="CstaLinkAdapter"/>) on the other, and a
/// CSTA-XML exchange across it: the switch's start-up SystemStatus, its answer, then MonitorStart 5001 (longer than
/// the LAPB profile's N1, so it travels in several I frames) and its response.
/// </summary>
public sealed class SerialSimulatorBridgeTests
{
    [Theory]
    [InlineData("serial-lapb-csta.json")]
    [InlineData("serial-bsc-csta.json")]
    public async Task Simulator_on_a_serial_line_sends_SystemStatus_and_answers_MonitorStart(string profileFile)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var profile = FirmwareProfileLoader.Load(ProfilePath(profileFile));
        var bsc = profile.Framing.Kind == FramingKind.Bsc;
        using SocatPtyPair pair = await SocatPtyPair.StartAsync(ct);
        await using SerialDuplexPipe simulatorLine = await SerialTransport.OpenAsync(Line(profile, pair.PathA), ct);
        await using SerialDuplexPipe gatewayLine = await SerialTransport.OpenAsync(Line(profile, pair.PathB), ct);

        await using var server = new CstaSimulatorServer(new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System));
        await using var gateway = bsc
            ? CstaLinkAdapter.ForBsc(gatewayLine, SerialFramingOptions.Bsc(profile.Framing.Bsc!, switchSide: false), null, null, endOnLinkLoss: true, lineOwner: null)
            : CstaLinkAdapter.ForLapb(gatewayLine, SerialFramingOptions.Lapb(profile.Framing.Lapb!, switchSide: false), null, null, endOnLinkLoss: true, lineOwner: null);
        await gateway.StartAsync(ct);
        await using var bridge = await SerialSimulatorBridge.StartAsync(server, simulatorLine, profile, cancellationToken: ct);
        if (!bsc)
        {
            await gateway.WaitForLinkUpAsync(TimeSpan.FromSeconds(30), ct);
        }

        var (statusInvokeId, status) = await ReceiveAsync(gateway.Input, ct);
        Assert.Equal("normal", Assert.IsType<CstaSystemStatus>(status).Status);

        var body = new ArrayBufferWriter<byte>();
        CstaXmlEncoder.WriteSystemStatusResponse(body, CstaDialectFlavour.OsvEd4);
        await SendAsync(gateway.Output, statusInvokeId, body.WrittenSpan.ToArray(), ct);

        body.ResetWrittenCount();
        CstaXmlEncoder.WriteMonitorStart(body, CstaDialectFlavour.OsvEd4, "5001");
        await SendAsync(gateway.Output, 17, body.WrittenSpan.ToArray(), ct);

        var (responseInvokeId, response) = await ReceiveAsync(gateway.Input, ct);
        Assert.Equal(17, responseInvokeId);
        Assert.False(string.IsNullOrEmpty(Assert.IsType<CstaMonitorStartResponse>(response).MonitorCrossRefId));
        Assert.Equal(1, server.LinkCount);
        Assert.Equal(2, bridge.FramesSent);
        Assert.Equal(0, gateway.LineErrors);
        if (!bsc)
        {
            // The MonitorStart frame is longer than N1 - 4 = 131 octets: LAPB carried it in several I frames.
            Assert.True(CstaWire.HeaderSize + body.WrittenCount > profile.Framing.Lapb!.N1 - 4);
        }
    }

    private static SerialLinkSettings Line(FirmwareProfile profile, string path) => new() { PortName = path, BaudRate = profile.Transport.Serial!.Baud };

    private static async Task SendAsync(PipeWriter output, int invokeId, byte[] xml, CancellationToken ct)
    {
        CstaFrameWriter.Write(invokeId, xml, output);
        await output.FlushAsync(ct);
    }

    private static async Task<(int InvokeId, CstaMessage Message)> ReceiveAsync(PipeReader input, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct);
            var buffer = result.Buffer;
            if (CstaFrameReader.TryReadFrame(ref buffer, out var frame))
            {
                var decoded = (frame.InvokeId, CstaXmlDecoder.Decode(frame.Xml));
                input.AdvanceTo(buffer.Start);
                return decoded;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            Assert.False(result.IsCompleted, "the line ended before a whole CSTA frame arrived");
        }
    }

    private static string ProfilePath(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "firmware-profiles", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"firmware-profiles/{file} not found above {AppContext.BaseDirectory}");
    }
}
