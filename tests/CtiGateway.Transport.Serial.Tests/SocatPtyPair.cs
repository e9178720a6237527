using System.Diagnostics;

namespace CtiGateway.Transport.Serial.Tests;

/// <summary>A pair of linked pseudo-terminals made by socat, standing in for a null-modem cable.</summary>
internal sealed class SocatPtyPair : IDisposable
{
    private readonly Process _socat;
    private readonly string _directory;

    private SocatPtyPair(Process socat, string directory, string a, string b)
    {
        _socat = socat;
        _directory = directory;
        PathA = a;
        PathB = b;
    }

    public string PathA { get; }

    public string PathB { get; }

    /// <summary>Starts socat, or skips the test with install instructions when socat is not on PATH.</summary>
    public static async Task<SocatPtyPair> StartAsync(CancellationToken cancellationToken)
    {
        string? socat = FindOnPath("socat");
        if (socat is null)
        {
            Assert.Skip("socat is not on PATH: the pseudo-terminal tests need it (apt-get install socat)");
        }

        string directory = Directory.CreateTempSubdirectory("ctigw-serial-").FullName;
        string a = Path.Combine(directory, "a");
        string b = Path.Combine(directory, "b");
        var start = new ProcessStartInfo(socat)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-d");
        start.ArgumentList.Add("-d");
        start.ArgumentList.Add($"pty,raw,echo=0,link={a}");
        start.ArgumentList.Add($"pty,raw,echo=0,link={b}");
        Process process = Process.Start(start) ?? throw new InvalidOperationException("socat did not start");
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var pair = new SocatPtyPair(process, directory, a, b);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            while (!(File.Exists(a) && File.Exists(b)))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"socat exited with code {process.ExitCode} before creating {a} and {b}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
            }

            return pair;
        }
        catch
        {
            pair.Dispose();
            throw;
        }
    }

    /// <summary>Kills socat, as if the cable were pulled: both pseudo-terminals hang up.</summary>
    public void Hangup()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            _socat.WaitForExit(5000);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_socat.HasExited)
            {
                _socat.Kill();
                _socat.WaitForExit(5000);
            }
        }
        finally
        {
            _socat.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
