using System.Diagnostics;

namespace CtiGateway.Scxml.Tests;

/// <summary>
/// The W3C SCXML 1.0 IRP suite (ECMAScript data model) from ../shared/conformance/w3c-ecma, per MANIFEST.tsv. Every
/// chart runs in virtual time; the test fails if any test required for an ECMAScript engine does not reach
/// <c>pass</c>. Optional tests are reported.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryRequiredW3cTestPasses()
    {
        var cases = W3cSuite.Cases();
        int requiredPassed = 0, requiredFailed = 0, optionalPassed = 0, optionalFailed = 0, chartsParked = 0;
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        foreach (var testCase in cases)
        {
            string outcome;
            bool passed;
            if (testCase.ForEcmaEngine == "manual")
            {
                if (!ManualChecks.TryCheck(testCase, out var problem))
                {
                    output.WriteLine($"{testCase.Name} [manual]: not automated (skipped)");
                    continue;
                }

                passed = problem is null;
                outcome = problem ?? "manual assertion checked automatically";
            }
            else
            {
                outcome = ChartRunner.Run(testCase.Path, out var parked);
                chartsParked += parked > 0 ? 1 : 0;
                passed = outcome == "final: pass";
            }

            var kind = testCase.ForEcmaEngine;
            output.WriteLine($"{testCase.Name} [{kind}]: {(passed ? "pass" : "FAIL")} ({outcome})");
            switch (kind, passed)
            {
                case ("required", true): requiredPassed++; break;
                case ("required", false): requiredFailed++; failures.Add($"{testCase.Name}: {outcome}"); break;
                case (_, true): optionalPassed++; break;
                default: optionalFailed++; break;
            }
        }

        output.WriteLine($"required: {requiredPassed} passed, {requiredFailed} failed");
        output.WriteLine($"optional and manual: {optionalPassed} passed, {optionalFailed} failed");
        output.WriteLine($"{requiredPassed + optionalPassed} passed, {requiredFailed + optionalFailed} failed ({clock.Elapsed.TotalSeconds:F1} s)");
        output.WriteLine($"charts whose session parked its data model at least once while idle: {chartsParked}");
        Assert.True(failures.Count == 0, "required W3C tests failed:\n" + string.Join("\n", failures));
    }

    /// <summary>
    /// Extra W3C test charts kept outside the repository (for example the required tests kept aside from
    /// ../shared for independent verification): every <c>testNNN*.scxml</c> in the folders named by
    /// <c>CTIGW_W3C_EXTRA_DIR</c> (separated by the platform's path separator) must load, validate without errors
    /// and reach <c>pass</c>. Auxiliary charts (names containing <c>sub</c>) are only loaded by the tests.
    /// </summary>
    [Fact]
    public void EveryW3cChartInTheExtraFoldersPasses()
    {
        var setting = Environment.GetEnvironmentVariable(W3cSuite.ExtraDirVariable);
        if (string.IsNullOrWhiteSpace(setting))
        {
            Assert.Skip($"{W3cSuite.ExtraDirVariable} is not set: point it at folders of extra W3C testNNN.scxml files to run them too");
        }

        var failures = new List<string>();
        var ran = 0;
        foreach (var folder in setting.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Assert.True(Directory.Exists(folder), $"{W3cSuite.ExtraDirVariable}: folder {folder} does not exist");
            foreach (var path in Directory.GetFiles(folder, "test*.scxml").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                if (name.Contains("sub", StringComparison.Ordinal))
                {
                    continue;
                }

                ran++;
                var errors = ScxmlLoader.Validate(path).Where(d => !d.IsWarning).Select(d => d.ToString()).ToList();
                var outcome = ChartRunner.Run(path);
                var passed = outcome == "final: pass" && errors.Count == 0;
                output.WriteLine($"{name} [extra]: {(passed ? "pass" : "FAIL")} ({outcome}{(errors.Count > 0 ? "; " + string.Join("; ", errors) : "")})");
                if (!passed)
                {
                    failures.Add($"{path}: {outcome} {string.Join("; ", errors)}");
                }
            }
        }

        output.WriteLine($"extra: {ran - failures.Count} passed, {failures.Count} failed");
        Assert.True(ran > 0, $"{W3cSuite.ExtraDirVariable}={setting}: no test*.scxml file found");
        Assert.True(failures.Count == 0, "extra W3C tests failed:\n" + string.Join("\n", failures));
    }

    [Fact]
    public void EveryAutomaticW3cChartValidatesWithoutErrors()
    {
        var problems = new List<string>();
        var warned = 0;
        foreach (var testCase in W3cSuite.Cases().Where(c => c.IsChart && c.ForEcmaEngine != "manual"))
        {
            var diagnostics = ScxmlLoader.Validate(testCase.Path);
            problems.AddRange(diagnostics.Where(d => !d.IsWarning).Select(d => d.ToString()));
            warned += diagnostics.Any(d => d.IsWarning) ? 1 : 0;
            Assert.All(diagnostics, d => Assert.True(d.Line > 0 && d.Column > 0, d.ToString()));
        }

        output.WriteLine($"{warned} charts have warnings (expressions that raise error.execution when reached)");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(warned > 0, "the suite has charts with deliberately broken expressions; none was reported as a warning");
    }
}
