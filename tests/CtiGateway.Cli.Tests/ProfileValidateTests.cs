using CtiGateway.Cli.Tests.Support;
using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Cli.Tests;

/// <summary><c>ctigw profile validate FILE...</c> as a real process: exit codes 0 and 2 and the FILE:LINE:COL line format.</summary>
public sealed class ProfileValidateTests
{
    [Fact(Timeout = TestTimeout.Test)]
    public async Task ShippedProfilesAreOkAndExitZero()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        // The README's glob firmware-profiles/*.json: profiles only (the schema lives in schema/).
        var files = Directory.GetFiles(FirmwareProfiles(), "*.json")
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.True(files.Length >= 4, $"only {files.Length} profiles in {FirmwareProfiles()}");

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, ["profile", "validate", .. files]);

        Assert.True(exit == 0, stderr);
        Assert.Equal(files.Select(f => $"{f}: ok"), stdout);
        Assert.Empty(stderr);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task EveryMistakeIsOneLineOnStderrAndTheExitIsTwo()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        var folder = Directory.CreateTempSubdirectory("ctigw-profile-validate-");
        try
        {
            var good = Path.Combine(FirmwareProfiles(), "osv-v10.json");
            var broken = Path.Combine(folder.FullName, "broken.json");
            await File.WriteAllTextAsync(broken, """
                {
                  "id": "broken",
                  "model": "m",
                  "firmware": { "min": "1", "max": "2" },
                  "transport": { "kind": "serial", "baud": 19200, "parity": "none", "stop-bits": 1, "flow-control": "none" },
                  "framing": { "kind": "lapb", "t1-ms": 3000, "n1": 135, "n2": 7, "k": 9 },
                  "dialect": { "kind": "csta-xml", "namespace": "http://www.ecma-international.org/standards/ecma-323/csta/ed4", "event-invoke-id": "9999" },
                  "keep-alive": { "kpl-interval": 10, "kpl-tolerance": 3, "method": "SystemStatus" },
                  "quirks": [ "made-up-quirk" ],
                  "numbering-plan": [ { "from": "5001", "to": "5099", "type": "extension" }, { "from": "5099", "to": "5100", "type": "route-point" } ],
                  "services": [ "MakeCall" ]
                }
                """, ct);
            var missing = Path.Combine(folder.FullName, "missing.json");

            var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "profile", "validate", good, broken, missing);

            Assert.Equal(2, exit);
            Assert.Equal([$"{good}: ok"], stdout);
            Assert.Equal(
                [
                    $"{broken}:6:72: framing.k: 9 is out of range: k must be 1-7 with modulo-8 sequence numbers",
                    $"{broken}:9:15: quirks: unknown quirk 'made-up-quirk'",
                    $"{broken}:10:78: numbering-plan[1]: 5099-5100 (route-point) overlaps 5001-5099 (extension) at line 10",
                    $"{missing}:1:1: cannot read the profile: no such file",
                ],
                stderr.Split('\n'));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task WithoutFilesItIsBadUsage()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "profile", "validate");

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("ctigw: profile validate needs at least one FILE.", stderr, StringComparison.Ordinal);
    }

    private static string FirmwareProfiles() => RepoFiles.InRepo("firmware-profiles");
}
