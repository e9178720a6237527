using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.Benchmarks;

/// <summary>
/// A check of the per-core targets that holds up on a shared machine: it counts the process's CPU time instead of
/// wall-clock time, so that other processes competing for the cores do not inflate the result (cache sharing still
/// does). Run with <c>dotnet run -c Release -- --cpu-time</c>. The CSTA decode (a real 1091-byte OpenScape Voice frame,
/// as <see cref="CstaBenchmarks"/>) runs when ../shared/captures is beside the repository.
/// </summary>
internal static class CpuTimeCheck
{
    private const int Rounds = 7;
    private const int OpsPerRound = 1_000_000;

    public static int Run()
    {
        var message = SampleMessages.EventRinging();
        var writer = new ArrayBufferWriter<byte>(1024);
        TlibMessageWriter.Write(message, writer);
        var frame = new ReadOnlySequence<byte>(writer.WrittenMemory.ToArray());

        var encode = Measure(() =>
        {
            writer.ResetWrittenCount();
            TlibMessageWriter.Write(message, writer);
        });
        var decode = Measure(() =>
        {
            var buffer = frame;
            TlibFrameReader.TryReadFrame(ref buffer, out var f);
            TlibMessageReader.Decode(f.Payload);
        });

        var ok = Report("EncodeEventRinging", encode, 5_000_000, 0) & Report("DecodeEventRinging", decode, 2_000_000, 1304);

        if (CstaBenchmarks.FindCapture("OriginatedEvent.frame.bin") is not { } capture)
        {
            Console.WriteLine("DecodeOsvOriginatedEvent: skipped (../shared/captures is not beside the repository)");
            return ok ? 0 : 1;
        }

        var csta = new ReadOnlySequence<byte>(File.ReadAllBytes(capture));
        var (cstaDecode, xmlReaderDecode, ratio) = MeasurePair(
            () =>
            {
                var buffer = csta;
                CstaFrameReader.TryReadFrame(ref buffer, out var f);
                CstaXmlDecoder.Decode(f.Xml);
            },
            () =>
            {
                var buffer = csta;
                CstaFrameReader.TryReadFrame(ref buffer, out var f);
                CstaXmlReaderDecoder.Decode(f.Xml);
            },
            opsPerRound: 100_000);

        // Budget (issue 9): the event's own objects only (the record and the strings it keeps), at most 1 KB.
        ok &= Report("DecodeOsvOriginatedEvent", cstaDecode, 500_000, 1024);

        // The XmlReader path it replaced (the decoder before issue 9), measured in alternating rounds with it: the A/B.
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"DecodeOsvOriginatedEventXmlReader: median {xmlReaderDecode.NsPerOp:F1} ns CPU/op = {1e3 / xmlReaderDecode.NsPerOp:F2} M/s per core, {xmlReaderDecode.BytesPerOp:F0} B/op (the A/B baseline, no target)"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"DecodeOsvOriginatedEvent vs XmlReader path: {ratio:F2}x faster (median of {Rounds} alternating pairs), {xmlReaderDecode.BytesPerOp / cstaDecode.BytesPerOp:F1}x less allocated"));
        return ok ? 0 : 1;
    }

    /// <summary>Two operations in alternating rounds (a, b, a, b...): each one's medians and the median of the b/a ratios.</summary>
    private static ((double NsPerOp, double BytesPerOp) A, (double NsPerOp, double BytesPerOp) B, double Ratio) MeasurePair(Action a, Action b, int opsPerRound)
    {
        Round(a, opsPerRound);
        Round(b, opsPerRound);
        var rounds = new ((double NsPerOp, double BytesPerOp) A, (double NsPerOp, double BytesPerOp) B)[Rounds];
        for (var r = 0; r < Rounds; r++)
        {
            rounds[r] = (Round(a, opsPerRound), Round(b, opsPerRound));
        }

        return (
            (Median(rounds.Select(x => x.A.NsPerOp)), rounds.Average(x => x.A.BytesPerOp)),
            (Median(rounds.Select(x => x.B.NsPerOp)), rounds.Average(x => x.B.BytesPerOp)),
            Median(rounds.Select(x => x.B.NsPerOp / x.A.NsPerOp)));

        static (double NsPerOp, double BytesPerOp) Round(Action op, int ops)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < ops; i++)
            {
                op();
            }

            return (
                (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalNanoseconds / ops,
                (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)ops);
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted[sorted.Length / 2];
        }
    }

    private static (double NsPerOp, double BytesPerOp) Measure(Action op, int opsPerRound = OpsPerRound)
    {
        for (var i = 0; i < opsPerRound; i++)
        {
            op();
        }

        var samples = new double[Rounds];
        long bytes = 0;
        for (var r = 0; r < Rounds; r++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < opsPerRound; i++)
            {
                op();
            }

            bytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
            samples[r] = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalNanoseconds / opsPerRound;
        }

        Array.Sort(samples);
        return (samples[Rounds / 2], bytes / (double)(Rounds * (long)opsPerRound));
    }

    private static bool Report(string name, (double NsPerOp, double BytesPerOp) m, double targetPerSecond, double maxBytes)
    {
        var perSecond = 1e9 / m.NsPerOp;
        var ok = perSecond >= targetPerSecond && m.BytesPerOp <= maxBytes;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: median {m.NsPerOp:F1} ns CPU/op = {perSecond / 1e6:F2} M/s per core (target {targetPerSecond / 1e6:F1} M/s), {m.BytesPerOp:F0} B/op (budget {maxBytes}) {(ok ? "OK" : "MISSED")}"));
        return ok;
    }
}
