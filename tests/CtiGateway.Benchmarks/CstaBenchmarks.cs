using System.Buffers;
using BenchmarkDotNet.Attributes;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Benchmarks;

/// <summary>
/// A real OpenScape Voice CSTA-XML frame (OriginatedEvent, 1091 bytes, from ../shared/captures) cut by the framing and
/// decoded to a typed event, by the decoder (UTF-8 scanner) and, as the baseline of the A/B in the same run, by the
/// XmlReader path it replaced (still in the product for non-UTF-8 bodies). Target (issue 9): at least 500,000 frames
/// per second per core and at most 1 KB allocated per frame. The capture is read from ../shared at run time and never
/// copied into the repository.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
[OperationsPerSecond]
public class CstaBenchmarks
{
    private ReadOnlySequence<byte> _frame;

    /// <summary>Loads the captured frame.</summary>
    [GlobalSetup]
    public void Setup() => _frame = new ReadOnlySequence<byte>(File.ReadAllBytes(CapturePath("OriginatedEvent.frame.bin")));

    /// <summary>Framing plus dialect: bytes to a typed CSTA event.</summary>
    [Benchmark]
    public CstaMessage DecodeOsvOriginatedEvent() => CstaXmlDecoder.Decode(Frame().Xml);

    /// <summary>The same with the XmlReader path (the decoder before issue 9): the A/B baseline.</summary>
    [Benchmark(Baseline = true)]
    public CstaMessage DecodeOsvOriginatedEventXmlReader() => CstaXmlReaderDecoder.Decode(Frame().Xml);

    private CstaFrame Frame()
    {
        var buffer = _frame;
        return CstaFrameReader.TryReadFrame(ref buffer, out var frame) ? frame : throw new InvalidOperationException("The captured frame is incomplete.");
    }

    /// <summary>The capture file <paramref name="name"/> in ../shared, or null when ../shared is not beside the repository.</summary>
    internal static string? FindCapture(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CtiGateway.sln")))
            {
                var path = Path.Combine(dir.FullName, "..", "shared", "captures", "osv-csta-xml-pyssimist", "frames", name);
                return File.Exists(path) ? path : null;
            }
        }

        return null;
    }

    private static string CapturePath(string name) =>
        FindCapture(name) ?? throw new FileNotFoundException($"../shared/captures/osv-csta-xml-pyssimist/frames/{name} is missing: get ../shared/captures from the project's shared folder.");
}
