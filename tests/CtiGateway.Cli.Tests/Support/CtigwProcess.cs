using System.Diagnostics;
using System.Threading.Channels;

namespace CtiGateway.Cli.Tests.Support;

/// <summary>Runs ctigw as a real process (<c>dotnet ctigw.dll ...</c>) and collects its output line by line.</summary>
public sealed class CtigwProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly List<string> _stdoutLines = [];
    private readonly List<string> _stderrLines = [];

    private CtigwProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Every stdout line so far.</summary>
    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            lock (_stdoutLines)
            {
                return [.. _stdoutLines];
            }
        }
    }

    /// <summary>stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderrLines)
            {
                return string.Join('\n', _stderrLines);
            }
        }
    }

    /// <summary>Starts ctigw with <paramref name="args"/>.</summary>
    public static CtigwProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ctigw.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = start };
        var ctigw = new CtigwProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ctigw._stdout.Writer.TryComplete();
                return;
            }

            lock (ctigw._stdoutLines)
            {
                ctigw._stdoutLines.Add(e.Data);
            }

            ctigw._stdout.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (ctigw._stderrLines)
                {
                    ctigw._stderrLines.Add(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return ctigw;
    }

    /// <summary>Runs ctigw to the end; returns the exit code, stdout lines and stderr.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Stdout, string Stderr)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        await using var ctigw = Start(args);
        var code = await ctigw.WaitForExitAsync(cancellationToken);
        return (code, ctigw.StdoutLines, ctigw.Stderr);
    }

    /// <summary>Reads stdout lines until one satisfies <paramref name="predicate"/>.</summary>
    public async Task<string> ReadLineUntilAsync(Func<string, bool> predicate, CancellationToken cancellationToken)
    {
        while (await _stdout.Reader.WaitToReadAsync(cancellationToken))
        {
            while (_stdout.Reader.TryRead(out var line))
            {
                if (predicate(line))
                {
                    return line;
                }
            }
        }

        await _process.WaitForExitAsync(cancellationToken);
        throw new InvalidOperationException(
            $"ctigw exited ({_process.ExitCode}) before printing the line waited for. stdout:\n{string.Join('\n', StdoutLines)}\nstderr:\n{Stderr}");
    }

    /// <summary>Sends SIGTERM.</summary>
    public async Task TerminateAsync(CancellationToken cancellationToken)
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Waits for the exit (the output is drained too) and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }
}
