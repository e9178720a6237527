namespace CtiGateway.Scxml.Tests;

/// <summary>Helpers to load and run small in-memory charts.</summary>
internal static class Charts
{
    public const string Ns = "http://www.w3.org/2005/07/scxml";

    public static ScxmlDocument Load(string body, ScxmlLoadOptions? options = null, string rootAttributes = "") =>
        ScxmlLoader.LoadText($"""<scxml xmlns="{Ns}" version="1.0" datamodel="ecmascript" {rootAttributes}>{body}</scxml>""", "chart.scxml",
            AppContext.BaseDirectory, options);

    /// <summary>Runs a document in virtual time to its end; returns the result (null on timeout).</summary>
    public static ScxmlSessionResult? RunVirtual(ScxmlDocument document, ScxmlRuntimeOptions? options = null, TimeSpan? limit = null)
    {
        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler, options);
        var session = runtime.Start(document);
        scheduler.RunUntil(() => session.Completion.IsCompleted, limit ?? TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30));
        return session.Completion.IsCompleted ? session.Completion.Result : null;
    }
}
