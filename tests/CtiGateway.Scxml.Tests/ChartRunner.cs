namespace CtiGateway.Scxml.Tests;

/// <summary>Runs one chart to its end in virtual time and says how it ended.</summary>
internal static class ChartRunner
{
    /// <summary>
    /// Parking of idle data models in these runs: unset parks as soon as a session waits (the default), <c>off</c>
    /// disables it, a number of milliseconds parks after that much (virtual) idle time.
    /// </summary>
    public const string ParkVariable = "CTIGW_SCXML_PARK";

    public static string Run(string path, bool basicHttp = true, TimeSpan? virtualLimit = null) => Run(path, out _, basicHttp, virtualLimit);

    /// <summary>As <see cref="Run(string, bool, TimeSpan?)"/>; <paramref name="parked"/> says how often a data model was parked.</summary>
    public static string Run(string path, out long parked, bool basicHttp = true, TimeSpan? virtualLimit = null)
    {
        parked = 0;
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
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions
        {
            EnableBasicHttp = basicHttp,
            ParkIdleDataModels = Environment.GetEnvironmentVariable(ParkVariable) != "off",
            ParkIdleDataModelsAfter = int.TryParse(Environment.GetEnvironmentVariable(ParkVariable), out var ms) ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero,
        });
        var session = runtime.Start(document);
        scheduler.RunUntil(() => session.Completion.IsCompleted, virtualLimit ?? TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(20));
        parked = runtime.DataModelsParked;
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
