using CtiGateway.Cli.Tests.Support;
using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Cli.Tests;

/// <summary>
/// Strategies written the way Composer and ORS authors write them (tests/CtiGateway.Cli.Tests/ors-probes/), through
/// <c>ctigw scxml validate</c> and <c>ctigw strategy try</c> as real processes: each probe once found a defect.
/// </summary>
public sealed class OrsProbeProcessTests
{
    [Theory(Timeout = TestTimeout.Test)]
    [InlineData("composer-entry-context.scxml", "final: Exit1", "] log: segment: inb")]
    [InlineData("statistics-ewt.scxml", "final: Failed", "statistics are not available on this platform: there is no Stat Server")]
    [InlineData("send-sendid-cancel.scxml", "final: good", "] log: cancelled: ({sendid:\"timerA\"")]
    [InlineData("userdata-then-branch.scxml", "final: Gold", "] log: branch: segment=Gold")]
    [InlineData("reroute-on-no-answer.scxml", "final: Routed", " 5002")]
    public async Task ProbeRunsToItsFinalState(string probe, string final, string expected)
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 55);
        var file = RepoFiles.InRepo("tests", "CtiGateway.Cli.Tests", "ors-probes", probe);

        var (validateExit, _, validateErr) = await CtigwProcess.RunAsync(ct, "scxml", "validate", file);
        Assert.True(validateExit == 0, $"validate exit {validateExit}: {validateErr}");
        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "strategy", "try", file, "--timeout", "60");

        Assert.Equal(final, stdout[^1]);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.Contains(stdout, l => l.Contains(expected, StringComparison.Ordinal));
    }
}
