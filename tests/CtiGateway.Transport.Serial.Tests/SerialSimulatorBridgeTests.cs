using System.Buffers;
using System.Globalization;
using System.Text;
using CtiGateway.Pbx.Bsc;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Lapb;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Pbx.SerialLinks;
using CtiGateway.Simulator;

namespace CtiGateway.Transport.Serial.Tests;

/// <summary>
/// The PBX simulator on a serial line (what <c>ctigw simulate --serial</c> runs): the bridge on one end of a socat
/// pseudo-terminal pair, a gateway-side link driver on the other, and a CSTA-XML exchange across it: the switch's
/// start-up SystemStatus, its answer, then MonitorStart 5001 and its response.
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
        await using PipeLinkDriver gateway = bsc
            ? new BscPipeDriver(gatewayLine, new BscLinkOptions { IsPrimary = false, MaxBlockSize = profile.Framing.Bsc!.MaxBlock })
            : new LapbPipeDriver(gatewayLine, new LapbOptions { MaxInformationLength = SerialSimulatorBridge.LapbMaxInformationLength });
        await gateway.StartAsync(ct);
        await using var bridge = await SerialSimulatorBridge.StartAsync(server, simulatorLine, profile, cancellationToken: ct);

        var (statusInvokeId, status) = await ReceiveAsync(gateway, bsc, ct);
        Assert.Equal("normal", Assert.IsType<CstaSystemStatus>(status).Status);

        var body = new ArrayBufferWriter<byte>();
        CstaXmlEncoder.WriteSystemStatusResponse(body, CstaDialectFlavour.OsvEd4);
        await SendAsync(gateway, bsc, statusInvokeId, body.WrittenSpan.ToArray(), ct);

        body.ResetWrittenCount();
        CstaXmlEncoder.WriteMonitorStart(body, CstaDialectFlavour.OsvEd4, "5001");
        await SendAsync(gateway, bsc, 17, body.WrittenSpan.ToArray(), ct);

        var (responseInvokeId, response) = await ReceiveAsync(gateway, bsc, ct);
        Assert.Equal(17, responseInvokeId);
        Assert.False(string.IsNullOrEmpty(Assert.IsType<CstaMonitorStartResponse>(response).MonitorCrossRefId));
        Assert.Equal(1, server.LinkCount);
    }

    private static SerialLinkSettings Line(FirmwareProfile profile, string path) => new() { PortName = path, BaudRate = profile.Transport.Serial!.Baud };

    private static async Task SendAsync(PipeLinkDriver gateway, bool bsc, int invokeId, byte[] xml, CancellationToken ct)
    {
        byte[] payload;
        if (bsc)
        {
            payload = [.. Encoding.ASCII.GetBytes(invokeId.ToString("D4", CultureInfo.InvariantCulture)), .. xml];
        }
        else
        {
            var frame = new ArrayBufferWriter<byte>();
            CstaFrameWriter.Write(invokeId, xml, frame);
            payload = frame.WrittenSpan.ToArray();
        }

        await gateway.SendAsync(payload, ct);
    }

    private static async Task<(int InvokeId, CstaMessage Message)> ReceiveAsync(PipeLinkDriver gateway, bool bsc, CancellationToken ct)
    {
        var payload = await gateway.Delivered.ReadAsync(ct);
        if (bsc)
        {
            var invokeId = int.Parse(Encoding.ASCII.GetString(payload.Span[..4]), CultureInfo.InvariantCulture);
            return (invokeId, CstaXmlDecoder.Decode(payload[4..]));
        }

        var buffer = new ReadOnlySequence<byte>(payload);
        Assert.True(CstaFrameReader.TryReadFrame(ref buffer, out var frame), "the information field is not one whole CSTA-XML frame");
        Assert.Equal(0, buffer.Length);
        return (frame.InvokeId, CstaXmlDecoder.Decode(frame.Xml));
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
