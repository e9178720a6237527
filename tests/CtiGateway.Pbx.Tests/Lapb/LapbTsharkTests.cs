using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using CtiGateway.Pbx.Lapb;

namespace CtiGateway.Pbx.Tests.Lapb;

public sealed class LapbTsharkTests
{
    private const string UserDlt = "uat:user_dlts:\"User 0 (DLT=147)\",\"lapb\",\"0\",\"\",\"0\",\"\"";

    [Fact]
    public void TsharkDecodesOurTraceWithTheSameTypesAndSequenceNumbers()
    {
        var pair = new LapbBackToBack(21, new LapbOptions(), LapbOptions.Dce) { CorruptRate = 0.01, DropRate = 0.03 };
        pair.A.Start(TimeSpan.Zero);
        for (var i = 0; i < 300; i++)
        {
            pair.A.Send([0x10, 0x01, 0x0B, (byte)i], TimeSpan.Zero); // X.25 data packet header on LCN 1, then one byte
            if (i % 3 == 0)
            {
                pair.B.Send([0x10, 0x01, 0x0B, (byte)i], TimeSpan.Zero);
            }
        }

        Assert.True(pair.RunUntil(() => pair.DeliveredToB.Count == 300 && pair.DeliveredToA.Count == 100, TimeSpan.FromHours(1)));
        pair.A.Stop(pair.Now);
        Assert.True(pair.RunUntil(() => pair.A.State == LapbLinkState.Disconnected, pair.Now + TimeSpan.FromMinutes(2)));

        var pcap = new ArrayBufferWriter<byte>();
        LapbPcapWriter.WriteHeader(pcap);
        foreach (var (at, frame) in pair.SentByA)
        {
            LapbPcapWriter.WriteFrame(pcap, at, frame.ToArray());
        }

        var path = Path.Combine(Path.GetTempPath(), "ctigw-lapb-" + Guid.NewGuid().ToString("N") + ".pcap");
        File.WriteAllBytes(path, pcap.WrittenSpan.ToArray());
        try
        {
            var lines = RunTshark(path);
            Assert.Equal(pair.SentByA.Count, lines.Count);
            Assert.Contains(pair.SentByA, f => f.Frame.Kind == LapbFrameKind.REJ || (f.Frame.Kind == LapbFrameKind.RR && f.Frame.PollFinal));
            for (var i = 0; i < lines.Count; i++)
            {
                Assert.Equal(Expected(pair.SentByA[i].Frame), lines[i]);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// What tshark prints for our frame. Without a direction tshark reads every frame as a command, so the P/F
    /// bit shows as P and DM (response) shows under its command name SARM (same code point).
    /// </summary>
    private static string Expected(LapbFrame frame)
    {
        var pf = frame.PollFinal ? "1" : "0";
        return frame.Kind switch
        {
            LapbFrameKind.I => string.Create(CultureInfo.InvariantCulture, $"{frame.Address:x2}|I|{frame.NS}|{frame.NR}|{pf}"),
            LapbFrameKind.RR or LapbFrameKind.RNR or LapbFrameKind.REJ =>
                string.Create(CultureInfo.InvariantCulture, $"{frame.Address:x2}|{frame.Kind}||{frame.NR}|{pf}"),
            LapbFrameKind.DM => string.Create(CultureInfo.InvariantCulture, $"{frame.Address:x2}|SARM|||{pf}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{frame.Address:x2}|{frame.Kind}|||{pf}"),
        };
    }

    private static List<string> RunTshark(string path)
    {
        var start = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "-o", UserDlt, "--disable-protocol", "x25", "-r", path, "-T", "fields", "-E", "separator=|",
            "-e", "lapb.address", "-e", "lapb.control.ftype", "-e", "_ws.col.Info", "-e", "lapb.control.n_s", "-e", "lapb.control.n_r", "-e", "lapb.control.p",
        })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("tshark did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("tshark is not installed (Debian: apt-get install tshark); the LAPB pcap cross-check needs it.");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "tshark did not finish within 120 s");
            Assert.True(stdout.Wait(TimeSpan.FromSeconds(10)));
            Assert.True(stderr.Wait(TimeSpan.FromSeconds(10)));
            Assert.True(process.ExitCode == 0, "tshark failed: " + stderr.Result);
            return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Normalise).ToList();
        }
    }

    /// <summary>address|ftype-or-func|N(S)|N(R)|P from tshark's fields and info column.</summary>
    private static string Normalise(string line)
    {
        var f = line.Split('|');
        var address = f[0].Replace("0x", string.Empty, StringComparison.Ordinal);
        var info = f[2];
        var func = f[1] == "0x00" ? "I" : info[(info.IndexOf("func=", StringComparison.Ordinal) + 5)..].Split(',')[0].Trim();
        var p = f[5] == "1" ? "1" : "0";
        return $"{address}|{func}|{f[3]}|{f[4]}|{p}";
    }
}
