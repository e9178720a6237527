using System.Runtime.Versioning;

namespace CtiGateway.Daemon.Tests.Packaging;

/// <summary>
/// install.sh staged into a DESTDIR (no root, no systemd needed). The binaries are the solution's own build
/// outputs of ctigatewayd and ctigw, passed with --publish-dir; CI also runs install.sh on the self-contained
/// publish (packaging/ci-package-checks.sh).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class InstallScriptTests : IDisposable
{
    private static readonly string[] ExpectedFiles =
    [
        "etc/ctigateway/ctigateway.json",
        "etc/systemd/system/ctigatewayd.service",
        "usr/local/bin/ctigw",
        "usr/local/sbin/ctigatewayd",
        "usr/local/lib/ctigateway/ctigatewayd",
        "usr/local/lib/ctigateway/ctigatewayd.dll",
        "usr/local/lib/ctigateway/ctigw",
        "usr/local/lib/ctigateway/ctigw.dll",
        "usr/local/share/ctigateway/firmware-profiles/osv-v10.json",
        "usr/local/share/ctigateway/firmware-profiles/avaya-aes-dmcc-8.json",
        "usr/local/share/ctigateway/firmware-profiles/serial-bsc-csta.json",
        "usr/local/share/ctigateway/firmware-profiles/serial-lapb-csta.json",
        "usr/local/share/ctigateway/firmware-profiles/schema/firmware-profile.schema.json",
        "usr/local/share/ctigateway/strategies/demo-route.scxml",
        "usr/local/share/ctigateway/wireshark/ctigateway-tlib.lua",
        "usr/local/share/ctigateway/ctigateway.schema.json",
        "usr/local/share/doc/ctigateway/appliance.md",
        "usr/local/share/doc/ctigateway/operations.md",
        "usr/local/share/doc/ctigateway/configuration.md",
        "usr/local/share/man/man1/ctigw.1.gz",
        "usr/local/share/man/man8/ctigatewayd.8.gz",
    ];

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("ctigw-install-");

    private string Stage => Path.Combine(_work.FullName, "stage");

    private string PublishDir => Path.Combine(_work.FullName, "publish");

    private static string InstallSh => Path.Combine(RepoPaths.Root, "install.sh");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task InstallIntoDestdirGivesTheExpectedTreeAndASecondRunChangesNothing()
    {
        AssemblePublishDir();
        var first = await InstallAsync();
        Assert.True(first.ExitCode == 0, first.Output);
        foreach (var f in ExpectedFiles)
        {
            Assert.True(File.Exists(Path.Combine(Stage, f)), $"{f} missing after install.sh; output:\n{first.Output}");
        }

        Assert.Equal("../lib/ctigateway/ctigw", new FileInfo(Path.Combine(Stage, "usr/local/bin/ctigw")).LinkTarget);
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            File.GetUnixFileMode(Path.Combine(Stage, "usr/local/lib/ctigateway/ctigatewayd")));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(Path.Combine(Stage, "usr/local/lib/ctigateway/ctigatewayd.dll")));
        var unit = await File.ReadAllLinesAsync(Path.Combine(Stage, "etc/systemd/system/ctigatewayd.service"), TestContext.Current.CancellationToken);
        Assert.Contains("ExecStart=/usr/local/lib/ctigateway/ctigatewayd --config /etc/ctigateway/ctigateway.json", unit);
        // The shipped default, with its "$schema" editor hint pointing into this prefix.
        var shipped = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "packaging/config/ctigateway.json"), TestContext.Current.CancellationToken);
        Assert.Equal(
            shipped.Replace("/usr/share/ctigateway/", "/usr/local/share/ctigateway/", StringComparison.Ordinal),
            await File.ReadAllTextAsync(Path.Combine(Stage, "etc/ctigateway/ctigateway.json"), TestContext.Current.CancellationToken));

        var before = Snapshot();
        var second = await InstallAsync();
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task AnEditedConfigIsKeptAndTheNewDefaultGoesBesideIt()
    {
        AssemblePublishDir();
        Assert.Equal(0, (await InstallAsync()).ExitCode);
        var conf = Path.Combine(Stage, "etc/ctigateway/ctigateway.json");
        const string Edited = "{ \"TServer\": { \"Port\": 3100 } }\n";
        await File.WriteAllTextAsync(conf, Edited, TestContext.Current.CancellationToken);

        var again = await InstallAsync();
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(Edited, await File.ReadAllTextAsync(conf, TestContext.Current.CancellationToken));
        Assert.True(File.Exists(conf + ".dist"), again.Output);
        Assert.Contains("kept your /etc/ctigateway/ctigateway.json", again.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UninstallKeepsConfigAndPurgeRemovesIt()
    {
        AssemblePublishDir();
        Assert.Equal(0, (await InstallAsync()).ExitCode);

        var uninstall = await InstallAsync("--uninstall");
        Assert.True(uninstall.ExitCode == 0, uninstall.Output);
        Assert.False(Directory.Exists(Path.Combine(Stage, "usr/local/lib/ctigateway")));
        Assert.False(File.Exists(Path.Combine(Stage, "etc/systemd/system/ctigatewayd.service")));
        Assert.False(Path.Exists(Path.Combine(Stage, "usr/local/bin/ctigw")));
        Assert.True(File.Exists(Path.Combine(Stage, "etc/ctigateway/ctigateway.json")));

        var purge = await InstallAsync("--uninstall", "--purge");
        Assert.True(purge.ExitCode == 0, purge.Output);
        Assert.False(Directory.Exists(Path.Combine(Stage, "etc/ctigateway")));
    }

    [Fact]
    public async Task AMissingPrerequisiteIsNamed()
    {
        // A PATH with the basic tools but no dotnet, and no --publish-dir: install.sh must say what is missing.
        var bin = Directory.CreateDirectory(Path.Combine(_work.FullName, "bin"));
        foreach (var tool in new[] { "bash", "dirname", "id", "install", "sed" })
        {
            var found = new[] { "/usr/bin", "/bin" }.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
            Assert.True(found is not null, $"{tool} not found in /usr/bin or /bin");
            File.CreateSymbolicLink(Path.Combine(bin.FullName, tool), found);
        }

        var run = await ShellRun.RunAsync(
            Path.Combine(bin.FullName, "bash"),
            [InstallSh],
            new Dictionary<string, string?> { ["DESTDIR"] = Stage, ["PATH"] = bin.FullName });
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("missing: dotnet", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Stage, "usr")));
    }

    [Fact]
    public async Task BadUsageIsRefusedBeforeTouchingAnything()
    {
        var run = await ShellRun.RunAsync("bash", [InstallSh, "--prefix", "relative/path"], new Dictionary<string, string?> { ["DESTDIR"] = Stage });
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--prefix must be an absolute path", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Stage));
    }

    private Task<ShellRun> InstallAsync(params string[] extra) =>
        ShellRun.RunAsync(
            "bash",
            [InstallSh, .. extra.Length > 0 ? extra : ["--publish-dir", PublishDir]],
            new Dictionary<string, string?> { ["DESTDIR"] = Stage });

    /// <summary>The framework-dependent build outputs of both apps, merged the way publish.sh merges them.</summary>
    private void AssemblePublishDir()
    {
        var daemonDir = Path.GetDirectoryName(RepoPaths.DaemonDll)!;
        var cliDir = Path.GetDirectoryName(RepoPaths.CliDll)!;
        CopyTree(daemonDir, PublishDir);
        CopyTree(cliDir, PublishDir);
        File.WriteAllText(Path.Combine(PublishDir, ".publish-mode"), "framework-dependent\n");
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, target, overwrite: true);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
    }

    private string Snapshot() => string.Join('\n',
        Directory.EnumerateFileSystemEntries(Stage, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p =>
            {
                var info = new FileInfo(p);
                var kind = info.LinkTarget is not null ? "l " + info.LinkTarget : Directory.Exists(p) ? "d" : "f " + info.Length;
                return $"{Path.GetRelativePath(Stage, p)} {kind} {File.GetUnixFileMode(p)}";
            }));
}
