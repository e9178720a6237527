namespace CtiGateway.Scxml.Tests;

/// <summary>
/// Many sessions of the same prepared documents at once on the thread pool, in real time: every required W3C chart,
/// three sessions each, all in one runtime. Shared documents and prepared scripts must not leak state between sessions
/// running on different threads.
/// </summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task EveryRequiredChartPassesWithThreeConcurrentSessionsEachInOneRuntime()
    {
        var charts = W3cSuite.Cases().Where(c => c.IsChart && c.ForEcmaEngine == "required").ToList();
        using var runtime = new ScxmlRuntime(new ThreadPoolScxmlScheduler(), new ScxmlRuntimeOptions { EnableBasicHttp = true });
        var sessions = new List<(string Name, ScxmlSessionHandle Session)>();
        foreach (var chart in charts)
        {
            ScxmlDocument document;
            try
            {
                document = ScxmlLoader.LoadFile(chart.Path);
            }
            catch (ScxmlLoadException ex)
            {
                Assert.Fail($"{chart.Name}: {ex.Message}");
                return;
            }

            for (var copy = 0; copy < 3; copy++)
            {
                sessions.Add((chart.Name, runtime.Start(document)));
            }
        }

        var failures = new List<string>();
        foreach (var (name, session) in sessions)
        {
            var result = await session.Completion.WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
            if (result.FinalStateId != "pass")
            {
                failures.Add($"{name}: {result.End} {result.FinalStateId} {result.Error}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
