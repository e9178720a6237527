using CtiGateway.Scxml;

namespace CtiGateway.Benchmarks;

/// <summary>The benchmark charts from ../shared/bench/scxml (read at run time, never copied).</summary>
internal static class ScxmlCharts
{
    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CtiGateway.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "bench", "scxml"));
            }
        }

        throw new DirectoryNotFoundException("no folder above the benchmark holds CtiGateway.sln; ../shared/bench/scxml is needed");
    }

    public static ScxmlDocument Load(string name) => ScxmlLoader.LoadFile(Path.Combine(Folder(), name));

    /// <summary>Runs one session of <paramref name="document"/> to its end in virtual time on the calling thread.</summary>
    public static string? RunToEnd(ScxmlRuntime runtime, VirtualTimeScxmlScheduler scheduler, ScxmlDocument document)
    {
        var session = runtime.Start(document);
        scheduler.RunUntil(() => session.Completion.IsCompleted, TimeSpan.FromHours(1), TimeSpan.FromSeconds(10));
        return session.Completion.IsCompleted ? session.Completion.Result.FinalStateId : null;
    }
}
