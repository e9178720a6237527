using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace CtiGateway.Simulator.Tests;

/// <summary>
/// Issue 3 acceptance: an independent client (independent-client/osv_client.py, plain Python 3 with the standard
/// library only, written from switch.md 1.2-1.4 and sharing no code with the simulator) runs against a real
/// <c>ctigw simulate --profile firmware-profiles/osv-v10.json --listen 127.0.0.1:0</c> process: OSV start-up, two
/// monitors, MakeCall 5001 -> 5002, AnswerCall, ClearConnection.
/// </summary>
public sealed partial class IndependentClientTests
{
    private const int TestTimeoutMs = 90_000;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task OsvClientWrittenFromSwitchMdCompletesACallAgainstCtigwSimulate()
    {
        var python = FindOnPath("python3");
        Assert.SkipWhen(python is null, "python3 is not on PATH: install Python 3 (no packages needed) to run the independent CSTA client.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var root = RepoRoot();
        var ctigw = CtigwDll(root);

        using var simulator = StartProcess("dotnet", root, ctigw, "simulate", "--profile", Path.Combine(root, "firmware-profiles", "osv-v10.json"), "--listen", "127.0.0.1:0");
        var simulatorStderr = new StringBuilder();
        simulator.ErrorDataReceived += (_, e) =>
        {
            lock (simulatorStderr)
            {
                simulatorStderr.AppendLine(e.Data);
            }
        };
        simulator.BeginErrorReadLine();
        try
        {
            var line = await simulator.StandardOutput.ReadLineAsync(ct);
            var match = line is null ? Match.Empty : ListeningLine().Match(line);
            Assert.True(match.Success, $"ctigw simulate printed '{line}' instead of the listening line; stderr: {Stderr(simulatorStderr)}");
            var port = match.Groups["port"].Value;

            var client = Path.Combine(root, "tests", "CtiGateway.Simulator.Tests", "independent-client", "osv_client.py");
            using var python3 = StartProcess(python!, root, client, "--host", "127.0.0.1", "--port", port);
            var stdout = python3.StandardOutput.ReadToEndAsync(ct);
            var stderr = python3.StandardError.ReadToEndAsync(ct);
            await python3.WaitForExitAsync(ct);

            Assert.True(
                python3.ExitCode == 0,
                $"osv_client.py exited {python3.ExitCode}.\nstdout:\n{await stdout}\nstderr:\n{await stderr}\nsimulator stderr:\n{Stderr(simulatorStderr)}");
            Assert.Contains("OK: OSV start-up, two monitors, MakeCall/AnswerCall/ClearConnection completed", await stdout, StringComparison.Ordinal);
        }
        finally
        {
            if (!simulator.HasExited)
            {
                simulator.Kill(entireProcessTree: true);
                await simulator.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            }
        }
    }

    [GeneratedRegex(@"^simulator listening on 127\.0\.0\.1:(?<port>\d+) \(profile osv-v10\)$")]
    private static partial Regex ListeningLine();

    private static string Stderr(StringBuilder stderr)
    {
        lock (stderr)
        {
            return stderr.ToString();
        }
    }

    private static Process StartProcess(string fileName, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
    }

    private static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? program + ".exe" : program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CtiGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds CtiGateway.sln.");
    }

    /// <summary>ctigw.dll of the same configuration as this test build (the csproj builds the Cli project first), else any built one.</summary>
    private static string CtigwDll(string root)
    {
        var bin = Path.Combine(root, "src", "CtiGateway.Cli", "bin");
        var own = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var candidates = new[] { own, own == "Debug" ? "Release" : "Debug" }
            .Select(c => Path.Combine(bin, c, "net10.0", "ctigw.dll"))
            .ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"ctigw.dll not found; looked at {string.Join(", ", candidates)}. Build src/CtiGateway.Cli first.");
    }
}
