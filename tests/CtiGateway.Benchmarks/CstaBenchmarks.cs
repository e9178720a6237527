using System.Buffers;
using BenchmarkDotNet.Attributes;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Benchmarks;

/// <summary>
/// A real OpenScape Voice CSTA-XML frame (OriginatedEvent, 1091 bytes, from ../shared/captures) cut by the framing and
/// decoded to a typed event. Target (issue 3): at least 200,000 frames per second per core. The capture is read from
/// ../shared at run time and never copied into the repository.
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
    public CstaMessage DecodeOsvOriginatedEvent()
    {
        var buffer = _frame;
        if (!CstaFrameReader.TryReadFrame(ref buffer, out var frame))
        {
            throw new InvalidOperationException("The captured frame is incomplete.");
        }

        return CstaXmlDecoder.Decode(frame.Xml);
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
