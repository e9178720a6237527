using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// The ctigatewayd child process of a calls bench, started with <c>--config FILE</c>. Its T-Library port is read from
/// its <c>ready</c> log line; its output is passed on to the bench's log (the first lines of it; the log must be
/// synchronized, <see cref="TextWriter.Synchronized"/>: the lines come from the process's reader threads). Killed on dispose.
/// </summary>
internal sealed partial class BenchGatewayProcess : IAsyncDisposable
{
    private const int MaxForwardedLines = 40;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly TextWriter _log;
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _forwarded;
    private volatile bool _stopping;

    private BenchGatewayProcess(Process process, TextWriter log)
    {
        _process = process;
        _log = log;
    }

    /// <summary>The daemon's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>The T-Library endpoint (after <see cref="StartAsync"/>).</summary>
    public IPEndPoint Endpoint { get; private set; } = new(IPAddress.Loopback, 0);

    /// <summary>Starts the daemon and waits for its ready line.</summary>
    public static async Task<BenchGatewayProcess> StartAsync(string? gatewayPath, string configPath, TextWriter log, CancellationToken cancellationToken)
    {
        var (fileName, prefix) = GatewayLocator.Locate(gatewayPath);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in prefix.Append("--config").Append(configPath))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (InlineSocketCompletions.SetByBench)
        {
            // The bench's own setting; the gateway runs as it would be deployed.
            start.Environment.Remove(InlineSocketCompletions.Variable);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var gateway = new BenchGatewayProcess(process, log);
        process.OutputDataReceived += (_, e) => gateway.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.OnLine(e.Data);
        process.Exited += (_, _) => gateway.OnExited();
        await log.WriteLineAsync($"bench calls: starting {string.Join(' ', prefix.Prepend(fileName))} --config {configPath}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var port = await gateway._ready.Task.WaitAsync(ReadyTimeout, cancellationToken).ConfigureAwait(false);
            gateway.Endpoint = new IPEndPoint(IPAddress.Loopback, port);
            return gateway;
        }
        catch (TimeoutException)
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"ctigatewayd did not log its ready line within {ReadyTimeout.TotalSeconds:0} s");
        }
        catch
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Not started, or already gone.
        }

        _process.Dispose();
    }

    private void OnExited()
    {
        if (_ready.Task.IsCompleted)
        {
            return;
        }

        string code;
        try
        {
            code = _process.ExitCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            code = "unknown";
        }

        _ready.TrySetException(new IOException($"ctigatewayd exited with code {code} before it was ready (its output is above)"));
    }

    [GeneratedRegex(@"\bready\b.*\bport (\d+)")]
    private static partial Regex ReadyLine();

    private void OnLine(string? line)
    {
        if (line is null || _stopping)
        {
            return;
        }

        if (!_ready.Task.IsCompleted && ReadyLine().Match(line) is { Success: true } match)
        {
            _ready.TrySetResult(int.Parse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture));
            return;
        }

        var n = Interlocked.Increment(ref _forwarded);
        if (n <= MaxForwardedLines)
        {
            lock (_log)
            {
                _log.WriteLine("gateway: " + line);
                if (n == MaxForwardedLines)
                {
                    _log.WriteLine($"gateway: (further output not shown)");
                }
            }
        }
    }
}
