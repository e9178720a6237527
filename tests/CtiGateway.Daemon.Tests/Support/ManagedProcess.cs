using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CtiGateway.Daemon.Tests;

/// <summary>A real child process (dotnet X.dll ...) whose stdout/stderr lines are collected and can be awaited.</summary>
internal sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly SemaphoreSlim _lineArrived = new(0);

    private ManagedProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyCollection<string> StdoutLines => _stdout;

    public IReadOnlyCollection<string> StderrLines => _stderr;

    public string Output => string.Join('\n', _stdout) + "\n--- stderr ---\n" + string.Join('\n', _stderr);

    /// <summary>Runs <paramref name="command"/> with <c>bash -c</c> in the repository root (globs, pipes and quoting as typed).</summary>
    public static ManagedProcess StartShell(string command)
    {
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        psi.Environment.Remove("JOURNAL_STREAM");
        psi.Environment.Remove("NOTIFY_SOCKET");
        return Run(psi);
    }

    public static ManagedProcess Start(string dll, IEnumerable<string> args, IDictionary<string, string>? environment = null, bool redirectStdin = false)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectStdin,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        psi.ArgumentList.Add(dll);
        var argList = args.ToList();
        foreach (var a in argList)
        {
            psi.ArgumentList.Add(a);
        }

        // Daemons started by tests must not share the production control socket (/run/ctigateway/control.sock):
        // tests run in parallel. A test that cares about the control socket names its own.
        if (dll == RepoPaths.DaemonDll && argList.Any(a => a is "--demo" or "--config") && !argList.Any(a => a.Contains("Control:Socket", StringComparison.Ordinal))
            && !ConfigFileNamesControl(argList))
        {
            psi.ArgumentList.Add("--Control:Socket=");
        }

        psi.Environment.Remove("JOURNAL_STREAM");
        psi.Environment.Remove("NOTIFY_SOCKET");
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                psi.Environment[k] = v;
            }
        }

        return Run(psi);
    }

    private static ManagedProcess Run(ProcessStartInfo psi)
    {
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var mp = new ManagedProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                mp._stdout.Enqueue(e.Data);
                mp._lineArrived.Release();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                mp._stderr.Enqueue(e.Data);
                mp._lineArrived.Release();
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return mp;
    }

    /// <summary>Waits for a stdout line matching <paramref name="pattern"/>; fails with the output so far on timeout or exit.</summary>
    public async Task<Match> WaitForLineAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            foreach (var line in _stdout)
            {
                var m = regex.Match(line);
                if (m.Success)
                {
                    return m;
                }
            }

            if (_process.HasExited)
            {
                // Let the asynchronous readers drain.
                _process.WaitForExit();
                foreach (var line in _stdout)
                {
                    var m = regex.Match(line);
                    if (m.Success)
                    {
                        return m;
                    }
                }

                throw new InvalidOperationException($"Process exited ({_process.ExitCode}) before printing /{pattern}/:\n{Output}");
            }

            try
            {
                await _lineArrived.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No line /{pattern}/ within {timeout}:\n{Output}");
            }
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Process {_process.Id} did not exit within {timeout}:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Signal(int signal)
    {
        if (Posix.Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed");
        }
    }

    public StreamWriter StandardInput => _process.StandardInput;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _lineArrived.Dispose();
    }

    private static bool ConfigFileNamesControl(List<string> args)
    {
        var i = args.IndexOf("--config");
        return i >= 0 && i + 1 < args.Count && File.Exists(args[i + 1]) && File.ReadAllText(args[i + 1]).Contains("\"Control\"", StringComparison.Ordinal);
    }
}
