using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// The simulator's side of the gateway's switch link, between the simulator and the socket: it takes the frames the
/// simulator writes, notes the time at which each call event frame goes to the socket (the switch-frame time of the
/// latency) on the bench call it belongs to, and sends the frames on in batches.
/// </summary>
internal sealed class SwitchFramePump(BenchCallRegistry calls, int firstDn)
{
    private const int MaxIdLength = 128;
    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: 32 * 1024 * 1024, resumeWriterThreshold: 16 * 1024 * 1024, useSynchronizationContext: false));
    private readonly byte[] _copy = new byte[CstaWire.MaxFrameSize];
    private long _eventFrames;

    /// <summary>Where the simulator link writes its frames.</summary>
    public PipeWriter SimulatorOutput => _pipe.Writer;

    /// <summary>Call event frames sent to the gateway so far.</summary>
    public long EventFrames => Interlocked.Read(ref _eventFrames);

    /// <summary>Pumps until the simulator completes its output, the socket fails or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(Socket socket, CancellationToken cancellationToken)
    {
        var reader = _pipe.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                var rest = buffer;
                var written = Stopwatch.GetTimestamp();
                var events = 0;
                while (CstaFrameReader.TryReadFrame(ref rest, out var frame))
                {
                    if (frame.InvokeId == CstaWire.EventInvokeId)
                    {
                        events++;
                        Stamp(frame.Xml, written);
                    }
                }

                foreach (var segment in buffer.Slice(buffer.Start, rest.Start))
                {
                    var left = segment;
                    while (!left.IsEmpty)
                    {
                        left = left[await socket.SendAsync(left, SocketFlags.None, cancellationToken).ConfigureAwait(false)..];
                    }
                }

                Interlocked.Add(ref _eventFrames, events);
                reader.AdvanceTo(rest.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The bench is stopping or the gateway closed the link.
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The kind of a call event frame, its callID and the deviceID of its connection (first of each in the body).</summary>
    internal static bool TryParse(ReadOnlySpan<byte> xml, Span<char> callId, out SwitchFrameKind kind, out int callIdLength, out ReadOnlySpan<byte> device)
    {
        kind = SwitchFrameKind.Other;
        callIdLength = 0;
        device = default;
        var declarationEnd = xml.IndexOf("?>"u8);
        var root = xml[(declarationEnd < 0 ? 0 : declarationEnd + 2)..];
        var open = root.IndexOf((byte)'<');
        if (open < 0)
        {
            return false;
        }

        root = root[(open + 1)..];
        var nameEnd = root.IndexOfAny((byte)' ', (byte)'>');
        var name = nameEnd < 0 ? root : root[..nameEnd];
        kind = name.SequenceEqual("OriginatedEvent"u8) ? SwitchFrameKind.Originated
            : name.SequenceEqual("DeliveredEvent"u8) ? SwitchFrameKind.Delivered
            : name.SequenceEqual("EstablishedEvent"u8) ? SwitchFrameKind.Established
            : name.SequenceEqual("ConnectionClearedEvent"u8) ? SwitchFrameKind.ConnectionCleared
            : SwitchFrameKind.Other;
        if (kind == SwitchFrameKind.Other)
        {
            return false;
        }

        var id = Element(xml, "<callID>"u8, "</callID>"u8, out var afterId);
        if (id.IsEmpty || id.Length > callId.Length)
        {
            return false;
        }

        for (var i = 0; i < id.Length; i++)
        {
            callId[i] = (char)id[i];
        }

        callIdLength = id.Length;
        device = Element(xml[afterId..], "<deviceID>"u8, "</deviceID>"u8, out _);
        return !device.IsEmpty;
    }

    /// <summary>The number in a device identifier (a prefix such as the OSV "N" skipped), or -1.</summary>
    internal static long DeviceNumber(ReadOnlySpan<byte> device)
    {
        var start = device.IndexOfAnyInRange((byte)'0', (byte)'9');
        if (start < 0)
        {
            return -1;
        }

        long value = 0;
        for (var i = start; i < device.Length && device[i] is >= (byte)'0' and <= (byte)'9' && value < int.MaxValue; i++)
        {
            value = (value * 10) + (device[i] - '0');
        }

        return value;
    }

    private static ReadOnlySpan<byte> Element(ReadOnlySpan<byte> xml, ReadOnlySpan<byte> open, ReadOnlySpan<byte> close, out int after)
    {
        after = 0;
        var start = xml.IndexOf(open);
        if (start < 0)
        {
            return default;
        }

        start += open.Length;
        var length = xml[start..].IndexOf(close);
        if (length < 0)
        {
            return default;
        }

        after = start + length + close.Length;
        return xml.Slice(start, length);
    }

    private void Stamp(ReadOnlySequence<byte> xml, long written)
    {
        ReadOnlySpan<byte> body;
        if (xml.IsSingleSegment)
        {
            body = xml.FirstSpan;
        }
        else
        {
            xml.CopyTo(_copy);
            body = _copy.AsSpan(0, (int)xml.Length);
        }

        Span<char> callId = stackalloc char[MaxIdLength];
        if (!TryParse(body, callId, out var kind, out var length, out var device) || calls.Find(callId[..length]) is not { } call)
        {
            return;
        }

        var number = DeviceNumber(device);
        call.OnFrame(kind, number < 0 ? -1 : (int)(number - firstDn), written);
    }
}
