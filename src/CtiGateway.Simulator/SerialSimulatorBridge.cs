using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using CtiGateway.Pbx.Bsc;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Lapb;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Pbx.SerialLinks;

namespace CtiGateway.Simulator;

/// <summary>
/// The switch side of a serial link: runs the profile's link layer over the line and connects it to one
/// <see cref="CstaSimulatorServer"/> link through an in-memory pipe pair. LAPB (switch = DCE addresses, the
/// profile's T1, N2 and k): each I-frame's information field is one whole CSTA-XML frame, header included. BSC
/// (switch = primary, the profile's timers and retries): each text is the frame's invoke id as 4 ASCII digits
/// followed by its XML body, which must be 7-bit printable (the simulator writes no line breaks or non-ASCII).
/// </summary>
public sealed class SerialSimulatorBridge : IAsyncDisposable
{
    /// <summary>The largest LAPB information field: one whole CSTA-XML frame (the profile's N1 is far too small for one).</summary>
    public const int LapbMaxInformationLength = 8192;

    private readonly PipeLinkDriver _driver;
    private readonly Pipe _toLink = new();
    private readonly Pipe _fromLink = new();
    private readonly bool _bsc;
    private readonly CancellationTokenSource _stop = new();
    private Task _inbound = Task.CompletedTask;
    private Task _outbound = Task.CompletedTask;

    private SerialSimulatorBridge(PipeLinkDriver driver, bool bsc)
    {
        _driver = driver;
        _bsc = bsc;
    }

    /// <summary>Completes when the line side stops delivering (line closed or bridge disposed).</summary>
    public Task Completion => _inbound;

    /// <summary>Starts the link layer on <paramref name="line"/> and attaches a simulator link to it.</summary>
    /// <exception cref="ArgumentException">The profile is not a LAPB or BSC serial profile.</exception>
    public static async Task<SerialSimulatorBridge> StartAsync(CstaSimulatorServer server, IDuplexPipe line, FirmwareProfile profile,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(profile);
        PipeLinkDriver driver = profile.Framing switch
        {
            { Kind: FramingKind.Lapb, Lapb: { } lapb } => new LapbPipeDriver(line, LapbOptions.Dce with
            {
                T1 = lapb.T1,
                N2 = lapb.N2,
                K = lapb.K,
                MaxInformationLength = LapbMaxInformationLength,
            }, time),
            { Kind: FramingKind.Bsc, Bsc: { } bsc } => new BscPipeDriver(line, new BscLinkOptions
            {
                IsPrimary = true,
                ReplyTimeout = bsc.SenderTimeout,
                ReceiveTimeout = bsc.ReceiverTimeout,
                BidRetries = bsc.StartRetries,
                EnqRetries = bsc.QueryRetries,
                NakRetries = bsc.NakRetries,
                MaxBlockSize = bsc.MaxBlock,
            }, timeProvider: time),
            _ => throw new ArgumentException($"profile {profile.Id} has {profile.Framing.Kind} framing; a serial simulator needs lapb or bsc.", nameof(profile)),
        };
        var bridge = new SerialSimulatorBridge(driver, profile.Framing.Kind == FramingKind.Bsc);
        await driver.StartAsync(cancellationToken).ConfigureAwait(false);
        server.AttachLink(new LinkSide(bridge._toLink.Reader, bridge._fromLink.Writer));
        bridge._inbound = Task.Run(() => bridge.InboundAsync(bridge._stop.Token), CancellationToken.None);
        bridge._outbound = Task.Run(() => bridge.OutboundAsync(bridge._stop.Token), CancellationToken.None);
        return bridge;
    }

    /// <summary>Stops the pumps and the link layer; the line itself stays with its owner.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _toLink.Writer.CompleteAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_inbound, _outbound).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on stop.
        }

        await _driver.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Delivered payloads (LAPB: a whole frame; BSC: invoke id + body) become CSTA-XML frames for the link.</summary>
    private async Task InboundAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var payload in _driver.Delivered.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_bsc)
                {
                    if (payload.Length < 4 || !int.TryParse(payload.Span[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var invokeId))
                    {
                        continue;
                    }

                    CstaFrameWriter.Write(invokeId, payload.Span[4..], _toLink.Writer);
                    await _toLink.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _toLink.Writer.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        finally
        {
            await _toLink.Writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Cuts the link's output into CSTA-XML frames and sends one per I-frame / BSC text.</summary>
    private async Task OutboundAsync(CancellationToken cancellationToken)
    {
        var reader = _fromLink.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (true)
                {
                    var before = buffer;
                    if (!CstaFrameReader.TryReadFrame(ref buffer, out var frame))
                    {
                        break;
                    }

                    var payload = _bsc
                        ? [.. System.Text.Encoding.ASCII.GetBytes(frame.InvokeId.ToString("D4", CultureInfo.InvariantCulture)), .. frame.Xml.ToArray()]
                        : before.Slice(0, before.Length - buffer.Length).ToArray();
                    await _driver.SendAsync(payload, cancellationToken).ConfigureAwait(false);
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private sealed record LinkSide(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
