using System.Diagnostics;

namespace CtiGateway.Daemon.Tests.Packaging;

/// <summary>Runs a repository shell script or tool as a real process and collects its output.</summary>
internal sealed record ShellRun(int ExitCode, string Stdout, string Stderr)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    public string Output => Stdout + "\n--- stderr ---\n" + Stderr;

    /// <summary>Whether an executable is on PATH (the check a test makes before it skips).</summary>
    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(System.IO.Path.Combine(dir, tool)));

    public static async Task<ShellRun> RunAsync(
        string fileName, IEnumerable<string> args, IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("DESTDIR");
        psi.Environment.Remove("CTIGATEWAY_PUBLISH_DIR");
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                if (v is null)
                {
                    psi.Environment.Remove(k);
                }
                else
                {
                    psi.Environment[k] = v;
                }
            }
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', psi.ArgumentList)} did not finish within {timeout ?? DefaultTimeout}");
        }

        return new ShellRun(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
