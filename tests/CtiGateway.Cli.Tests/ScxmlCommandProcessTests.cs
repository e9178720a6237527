using CtiGateway.Cli.Tests.Support;
using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Cli.Tests;

/// <summary><c>ctigw scxml run/validate</c> as real processes, on W3C IRP charts from ../shared and on broken documents.</summary>
public sealed class ScxmlCommandProcessTests
{
    /// <summary>One required chart per feature family from the suite's MANIFEST.tsv (skipped when the suite is missing).</summary>
    public static TheoryData<string> RequiredCharts()
    {
        var data = new TheoryData<string>();
        foreach (var feature in new[] { "", "invoke", "scxml-ioproc", "xml-dom-content", "parallel", "history", "inline-scxml-content", "external-src" })
        {
            data.Add(feature);
        }

        return data;
    }

    [Theory(Timeout = TestTimeout.Test)]
    [MemberData(nameof(RequiredCharts))]
    public async Task RunPrintsFinalPassForARequiredW3cChart(string feature)
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 60);
        var chart = FirstRequiredChart(feature);

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "scxml", "run", chart, "--timeout", "40");

        Assert.True(exit == 0, $"{chart}: exit {exit}, stdout {string.Join('|', stdout)}, stderr {stderr}");
        Assert.Equal(["final: pass"], stdout);
        Assert.Contains("log Outcome: pass", stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task RunJsonReportsTheEndAndTheLog()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 60);
        var chart = FirstRequiredChart("");

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "scxml", "run", chart, "--json");

        Assert.True(exit == 0, stderr);
        Assert.Single(stdout);
        Assert.StartsWith("""{"end":"final","final":"pass",""", stdout[0], StringComparison.Ordinal);
        Assert.Contains("""Outcome: pass""", stdout[0], StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task RunPrintsTimeoutAndExitsOneWhenNoFinalStateIsReached()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 60);
        using var dir = new TempFolder();
        var file = dir.Write("wait.scxml", """
            <scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" datamodel="ecmascript">
              <state id="waiting"><transition event="never" target="done"/></state>
              <final id="done"/>
            </scxml>
            """);

        var (exit, stdout, _) = await CtigwProcess.RunAsync(ct, "scxml", "run", file, "--timeout", "0.5");

        Assert.Equal(1, exit);
        Assert.Equal(["timeout"], stdout);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task ValidateReportsEachProblemWithLineAndColumnAndExitsTwo()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 60);
        using var dir = new TempFolder();
        var file = dir.Write("bad.scxml", """
            <scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" datamodel="ecmascript">
              <state id="a">
                <transition event="go" target="nowhere"/>
                <onentry><log expr="1 +"/></onentry>
              </state>
              <state id="a" colour="blue"/>
            </scxml>
            """);

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "scxml", "validate", file);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith(file + ":3:", StringComparison.Ordinal) && l.Contains("target 'nowhere'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(file + ":4:", StringComparison.Ordinal) && l.Contains("warning:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(file + ":6:", StringComparison.Ordinal) && l.Contains("duplicate state id 'a'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith(file + ":6:", StringComparison.Ordinal) && l.Contains("unknown attribute 'colour'", StringComparison.Ordinal));
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task RunRejectsMalformedXmlWithLineAndColumn()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 60);
        using var dir = new TempFolder();
        var file = dir.Write("broken.scxml", "<scxml xmlns=\"http://www.w3.org/2005/07/scxml\">\n  <state id=\"a\">\n</scxml>\n");

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "scxml", "run", file);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith(file + ":3:", stderr, StringComparison.Ordinal);
        Assert.Contains("malformed XML", stderr, StringComparison.Ordinal);
    }

    private static string FirstRequiredChart(string feature)
    {
        var folder = RepoFiles.Shared("conformance/w3c-ecma");
        Assert.SkipUnless(File.Exists(Path.Combine(folder, "MANIFEST.tsv")), SharedData.MissingMessage("conformance/w3c-ecma/MANIFEST.tsv"));
        foreach (var line in File.ReadLines(Path.Combine(folder, "MANIFEST.tsv")).Skip(1))
        {
            var columns = line.Split('\t');
            if (columns.Length < 9 || columns[7] != "required" || !columns[0].EndsWith(".scxml", StringComparison.Ordinal))
            {
                continue;
            }

            var features = columns[8].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (feature.Length == 0 ? features.Length == 0 : features.Contains(feature))
            {
                return Path.Combine(folder, columns[0]);
            }
        }

        Assert.Skip($"no required chart with feature '{feature}' in {folder}/MANIFEST.tsv");
        return "";
    }
}
