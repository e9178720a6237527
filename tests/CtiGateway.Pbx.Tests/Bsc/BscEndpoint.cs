using System.Buffers;
using CtiGateway.Pbx.Bsc;

namespace CtiGateway.Pbx.Tests.Bsc;

/// <summary>One end of a test line: a <see cref="BscLink"/>, its receive buffer and reader, and error counts.</summary>
internal sealed class BscEndpoint(BscLinkOptions options, BscCodeTable codes)
{
    private readonly List<byte> _inbound = [];

    public BscLink Link { get; } = new(options);

    public List<string> Delivered { get; } = [];

    public Dictionary<string, int> Errors { get; } = [];

    public void Accept(byte[] bytes) => _inbound.AddRange(bytes);

    /// <summary>Reads what has arrived and feeds the link; returns true if anything was read.</summary>
    public bool Receive(TimeSpan now)
    {
        var buffer = new ReadOnlySequence<byte>([.. _inbound]);
        var start = buffer.Length;
        while (true)
        {
            try
            {
                if (!BscFrameReader.TryRead(ref buffer, out var unit, options.MaxBlockSize, codes))
                {
                    break;
                }

                Link.OnUnit(unit, now);
            }
            catch (PbxFramingException ex)
            {
                Errors[ex.Cause] = Errors.GetValueOrDefault(ex.Cause) + 1;
                Link.OnFramingError(ex, now);
            }
        }

        var consumed = (int)(start - buffer.Length);
        _inbound.RemoveRange(0, consumed);
        Delivered.AddRange(Link.TakeDelivered().Select(t => System.Text.Encoding.ASCII.GetString(t)));
        return consumed > 0;
    }
}
