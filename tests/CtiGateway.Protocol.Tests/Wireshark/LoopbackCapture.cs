using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CtiGateway.Protocol.Tests.Wireshark;

/// <summary>A running dumpcap on the loopback interface, filtered to one TCP port, writing a libpcap file.</summary>
internal sealed class LoopbackCapture : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _running = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LoopbackCapture(Process process, string file)
    {
        _process = process;
        File = file;
    }

    /// <summary>The capture file.</summary>
    public string File { get; }

    /// <summary>What dumpcap wrote on stderr so far.</summary>
    public string Diagnostics
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>
    /// Starts dumpcap and waits until it reports "Capturing on". Returns null with a reason in
    /// Failure when dumpcap cannot capture here (no permission, no loopback interface).
    /// </summary>
    public static async Task<(LoopbackCapture? Capture, string? Failure)> StartAsync(string dumpcap, int port, string file, CancellationToken cancellationToken)
    {
        var info = ExternalTool.StartInfo(dumpcap, ["-i", "lo", "-f", $"tcp port {port.ToString(CultureInfo.InvariantCulture)}", "-P", "-q", "-w", file]);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var capture = new LoopbackCapture(process, file);
        process.ErrorDataReceived += (_, e) => capture.OnStderr(e.Data);
        process.Exited += (_, _) => capture._running.TrySetException(new InvalidOperationException("dumpcap exited before capturing"));
        process.Start();
        process.BeginErrorReadLine();
        process.StandardOutput.Close();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await capture._running.Task.WaitAsync(cts.Token);

            // dumpcap reports "Capturing on" as it opens the interface; on a loaded machine the filter can go live a
            // moment later, and packets sent in between are never seen. Give it that moment (not a measurement).
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            return (capture, null);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            if (process.HasExited)
            {
                // Let the last stderr lines arrive: they say why.
                using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await process.WaitForExitAsync(drain.Token);
            }

            await capture.DisposeAsync();
            var reason = e is OperationCanceledException ? "did not report 'Capturing on' within 15 s" : "exited";
            return (null, $"dumpcap {reason}: {capture.Diagnostics.Trim()}");
        }
    }

    /// <summary>Waits until the file holds at least the given TCP payload byte counts per source port.</summary>
    public async Task WaitForPayloadAsync(IReadOnlyDictionary<int, long> expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var seen = PcapReader.TcpPayloadBytesBySourcePort(File);
            if (expected.All(e => seen.GetValueOrDefault(e.Key) >= e.Value))
            {
                return;
            }

            if (deadline.Elapsed > timeout)
            {
                var want = string.Join(", ", expected.Select(e => $"port {e.Key}: {seen.GetValueOrDefault(e.Key)}/{e.Value} bytes"));
                throw new TimeoutException($"dumpcap did not write all payload within {timeout.TotalSeconds} s ({want}). dumpcap: {Diagnostics}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Stops dumpcap with SIGINT so it closes the file cleanly.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            return;
        }

        var kill = ExternalTool.Find("kill");
        if (kill is not null)
        {
            await ExternalTool.RunAsync(kill, ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5), cancellationToken);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _process.Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _process.WaitForExitAsync(cts.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // The process never started or is already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderr)
        {
            _stderr.AppendLine(line);
        }

        if (line.Contains("Capturing on", StringComparison.Ordinal))
        {
            _running.TrySetResult();
        }
    }
}
