using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using CtiGateway.Pbx;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Pbx.SerialLinks;

namespace CtiGateway.Transport.Serial.Tests;

/// <summary>
/// CSTA-XML frames over the serial link layers, gateway end against switch end on a socat pseudo-terminal pair:
/// LAPB segments a frame far over N1 into information fields of N1 - 4 octets and the far end rebuilds it by the
/// CSTA header's length; BSC refuses a frame over its block maximum with a typed error and keeps serving.
/// </summary>
public sealed class CstaLinkAdapterTests
{
    private static readonly LapbFraming Lapb = new(1, 3, TimeSpan.FromSeconds(1), TimeSpan.Zero, 135, 7, 7);

    private static readonly BscFraming Bsc = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(35), 15, 32, 3, 512);

    [Fact]
    public async Task LapbCarriesFramesLongerThanN1InOrderAndWhole()
    {
        var ct = Timeout();
        using SocatPtyPair pair = await SocatPtyPair.StartAsync(ct);
        await using SerialDuplexPipe a = await SerialTransport.OpenAsync(new SerialLinkSettings { PortName = pair.PathA }, ct);
        await using SerialDuplexPipe b = await SerialTransport.OpenAsync(new SerialLinkSettings { PortName = pair.PathB }, ct);
        await using var switchEnd = CstaLinkAdapter.ForLapb(a, SerialFramingOptions.Lapb(Lapb, switchSide: true), null, null, endOnLinkLoss: false, lineOwner: null);
        await using var gatewayEnd = CstaLinkAdapter.ForLapb(b, SerialFramingOptions.Lapb(Lapb, switchSide: false), null, null, endOnLinkLoss: true, lineOwner: null);
        await switchEnd.StartAsync(ct);
        await gatewayEnd.StartAsync(ct);
        await gatewayEnd.WaitForLinkUpAsync(TimeSpan.FromSeconds(30), ct);

        var bodies = new[] { Body(20_000, 'a'), Body(131 - CstaWire.HeaderSize, 'b'), Body(132 - CstaWire.HeaderSize, 'c'), Body(10, 'd') };
        for (var i = 0; i < bodies.Length; i++)
        {
            CstaFrameWriter.Write(100 + i, bodies[i], switchEnd.Output);
        }

        await switchEnd.Output.FlushAsync(ct);
        for (var i = 0; i < bodies.Length; i++)
        {
            var (invokeId, xml) = await ReadFrameAsync(gatewayEnd.Input, ct);
            Assert.Equal(100 + i, invokeId);
            Assert.Equal(bodies[i], xml);
        }

        // 20,008 bytes in 131-octet fields is 153 I frames, plus 1 + 2 + 1 for the others.
        Assert.Equal(153 + 1 + 2 + 1, gatewayEnd.PayloadsIn);
        Assert.Equal(bodies.Length, switchEnd.FramesOut);
    }

    [Fact]
    public async Task BscRefusesAFrameOverTheBlockMaximumWithATypedErrorAndCarriesOn()
    {
        var ct = Timeout();
        using SocatPtyPair pair = await SocatPtyPair.StartAsync(ct);
        await using SerialDuplexPipe a = await SerialTransport.OpenAsync(new SerialLinkSettings { PortName = pair.PathA }, ct);
        await using SerialDuplexPipe b = await SerialTransport.OpenAsync(new SerialLinkSettings { PortName = pair.PathB }, ct);
        await using var switchEnd = CstaLinkAdapter.ForBsc(a, SerialFramingOptions.Bsc(Bsc, switchSide: true), null, null, endOnLinkLoss: false, lineOwner: null);
        await using var gatewayEnd = CstaLinkAdapter.ForBsc(b, SerialFramingOptions.Bsc(Bsc, switchSide: false), null, null, endOnLinkLoss: true, lineOwner: null);
        var errors = new List<PbxFramingException>();
        gatewayEnd.FramingError += e =>
        {
            lock (errors)
            {
                errors.Add(e);
            }
        };
        await switchEnd.StartAsync(ct);
        await gatewayEnd.StartAsync(ct);

        // 512-byte blocks: 511 text bytes, 4 of them the invoke id.
        CstaFrameWriter.Write(1, Body(508, 'x'), gatewayEnd.Output);
        CstaFrameWriter.Write(2, Body(507, 'y'), gatewayEnd.Output);
        CstaFrameWriter.Write(3, Encoding.UTF8.GetBytes("<a>\u00e9</a>"), gatewayEnd.Output);
        await gatewayEnd.Output.FlushAsync(ct);

        var (invokeId, xml) = await ReadFrameAsync(switchEnd.Input, ct);
        Assert.Equal(2, invokeId);
        Assert.Equal(Body(507, 'y'), xml);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            lock (errors)
            {
                if (errors.Count >= 2)
                {
                    break;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "no typed errors for the refused frames");
            await Task.Delay(20, ct);
        }

        Assert.Equal(["frame-over-block-maximum", "frame-not-printable"], errors.Select(e => e.Cause));
        Assert.Contains("508 XML bytes", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(1, gatewayEnd.FramesOut);
    }

    private static CancellationToken Timeout()
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        return cts.Token;
    }

    private static byte[] Body(int length, char fill) => Encoding.ASCII.GetBytes(new string(fill, length));

    private static async Task<(int InvokeId, byte[] Xml)> ReadFrameAsync(PipeReader input, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct);
            var buffer = result.Buffer;
            if (CstaFrameReader.TryReadFrame(ref buffer, out var frame))
            {
                var value = (frame.InvokeId, frame.Xml.ToArray());
                input.AdvanceTo(buffer.Start);
                return value;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            Assert.False(result.IsCompleted, "the link ended before a whole CSTA frame arrived");
        }
    }
}
