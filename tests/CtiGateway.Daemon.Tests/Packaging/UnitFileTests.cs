using System.Globalization;
using System.Text.RegularExpressions;

namespace CtiGateway.Daemon.Tests.Packaging;

/// <summary>
/// packaging/systemd/ctigatewayd.service: the directives the daemon's behaviour relies on, and systemd's own
/// lint (systemd-analyze verify in a temporary root, security score under the threshold) through
/// packaging/check-unit.sh, the same script CI runs on the published build and on the .deb.
/// </summary>
public sealed class UnitFileTests
{
    private static string UnitPath => Path.Combine(RepoPaths.Root, "packaging", "systemd", "ctigatewayd.service");

    private static string CheckUnit => Path.Combine(RepoPaths.Root, "packaging", "check-unit.sh");

    /// <summary>The apphost of the built daemon, placed at the unit's ExecStart path for verify.</summary>
    private static string DaemonAppHost => Path.ChangeExtension(RepoPaths.DaemonDll, null);

    private static List<KeyValuePair<string, string>> Directives() =>
        File.ReadAllLines(UnitPath)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && l[0] != '#' && l[0] != '[' && l.Contains('=', StringComparison.Ordinal))
            .Select(l => new KeyValuePair<string, string>(l[..l.IndexOf('=', StringComparison.Ordinal)], l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]))
            .ToList();

    private static string Single(string key)
    {
        var values = Directives().Where(d => d.Key == key).Select(d => d.Value).ToList();
        Assert.True(values.Count == 1, $"{key}= should appear once in {UnitPath}, found {values.Count}");
        return values[0];
    }

    [Fact]
    public void UnitMatchesTheDaemonsNotifyReloadAndStopBehaviour()
    {
        // systemd 252 (Debian 12) has no Type=notify-reload; the daemon sends READY=1 and handles SIGHUP itself.
        Assert.Equal("notify", Single("Type"));
        Assert.Equal("main", Single("NotifyAccess"));
        Assert.Equal("/bin/kill -HUP $MAINPID", Single("ExecReload"));
        Assert.Equal("SIGTERM", Single("KillSignal"));
        Assert.Equal("on-failure", Single("Restart"));
        Assert.Matches(@"^\d+s$", Single("WatchdogSec"));
        Assert.Matches(@"^\d+s$", Single("TimeoutStopSec"));
        Assert.Equal("/usr/lib/ctigateway/ctigatewayd --config /etc/ctigateway/ctigateway.json", Single("ExecStart"));
    }

    [Fact]
    public void UnitRunsAsTheServiceUserWithSerialPortsAndItsOwnDirectories()
    {
        Assert.Equal("ctigateway", Single("User"));
        Assert.Equal("dialout", Single("SupplementaryGroups"));
        Assert.Equal("closed", Single("DevicePolicy"));
        var allowed = Directives().Where(d => d.Key == "DeviceAllow").Select(d => d.Value).ToList();
        Assert.Contains("char-ttyS rw", allowed);
        Assert.Contains("char-ttyUSB rw", allowed);
        Assert.Equal("ctigateway", Single("StateDirectory"));
        Assert.Equal("ctigateway", Single("ConfigurationDirectory"));
        Assert.Equal("ctigateway", Single("RuntimeDirectory"));
        Assert.Equal("0750", Single("RuntimeDirectoryMode"));
    }

    [Fact]
    public void UnitIsHardenedWithoutWhatBreaksTheJitOrSerialPorts()
    {
        Assert.Equal("strict", Single("ProtectSystem"));
        Assert.Equal("yes", Single("NoNewPrivileges"));
        Assert.Equal(string.Empty, Single("CapabilityBoundingSet"));
        Assert.Equal("AF_UNIX AF_INET AF_INET6", Single("RestrictAddressFamilies"));
        var keys = Directives().Select(d => d.Key).ToHashSet();
        // The .NET JIT needs executable mappings made at run time; PrivateDevices hides /dev/ttyS*;
        // PrivateUsers unmaps the dialout group.
        Assert.DoesNotContain("MemoryDenyWriteExecute", keys);
        Assert.DoesNotContain("PrivateDevices", keys);
        Assert.DoesNotContain("PrivateUsers", keys);
    }

    [Fact]
    public async Task SystemdAnalyzeVerifiesTheUnitAndItsExposureIsUnderTheThreshold()
    {
        SkipUnlessSystemdAnalyze();
        var run = await ShellRun.RunAsync("bash", [CheckUnit, "--binary", DaemonAppHost]);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("verify: ok (no warnings)", run.Stdout, StringComparison.Ordinal);
        var m = Regex.Match(run.Stdout, @"security: exposure (\d+\.\d) \(threshold (\d+\.\d)\)");
        Assert.True(m.Success, run.Output);
        var score = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var threshold = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        Assert.True(score <= threshold && threshold <= 3.0, $"exposure {score}, threshold {threshold}");
    }

    [Fact]
    public async Task CheckUnitRejectsADirectiveSystemd252CannotParse()
    {
        SkipUnlessSystemdAnalyze();
        var dir = Directory.CreateTempSubdirectory("ctigw-unit-");
        try
        {
            var bad = Path.Combine(dir.FullName, "ctigatewayd.service");
            var text = await File.ReadAllTextAsync(UnitPath, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(bad, text.Replace("Type=notify\n", "Type=notify-reload\n", StringComparison.Ordinal), TestContext.Current.CancellationToken);
            var run = await ShellRun.RunAsync("bash", [CheckUnit, "--binary", DaemonAppHost, "--unit", bad]);
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("notify-reload", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("verify printed warnings", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task CheckUnitFailsWhenTheExposureIsAboveTheThreshold()
    {
        SkipUnlessSystemdAnalyze();
        var run = await ShellRun.RunAsync("bash", [CheckUnit, "--binary", DaemonAppHost, "--threshold", "0.5"]);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Matches(@"exposure \d+\.\d is above the threshold 0\.5", run.Stderr);
    }

    private static void SkipUnlessSystemdAnalyze()
    {
        if (!ShellRun.OnPath("systemd-analyze") ||
            !(File.Exists("/usr/lib/systemd/system/sysinit.target") || File.Exists("/lib/systemd/system/sysinit.target")))
        {
            Assert.Skip("systemd-analyze and systemd's units are missing: apt-get install systemd (.ci/run installs it)");
        }
    }
}
