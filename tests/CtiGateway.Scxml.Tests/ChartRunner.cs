namespace CtiGateway.Scxml.Tests;

/// <summary>Runs one chart to its end in virtual time and says how it ended.</summary>
internal static class ChartRunner
{
    public static string Run(string path, bool basicHttp = true, TimeSpan? virtualLimit = null)
    {
        ScxmlDocument document;
        try
        {
            document = ScxmlLoader.LoadFile(path);
        }
        catch (ScxmlLoadException ex)
        {
            return "rejected: " + ex.Message;
        }

        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions { EnableBasicHttp = basicHttp });
        var session = runtime.Start(document);
        scheduler.RunUntil(() => session.Completion.IsCompleted, virtualLimit ?? TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(20));
        if (!session.Completion.IsCompleted)
        {
            return "timeout";
        }

        var result = session.Completion.Result;
        return result.End switch
        {
            ScxmlSessionEnd.Final => "final: " + result.FinalStateId,
            ScxmlSessionEnd.Cancelled => "cancelled",
            _ => "failed: " + result.Error,
        };
    }
}
