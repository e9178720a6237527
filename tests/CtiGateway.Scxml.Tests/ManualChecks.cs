namespace CtiGateway.Scxml.Tests;

/// <summary>
/// The W3C manual tests automated where their assertion allows it: what the tester is asked to read in the log output
/// (or the rejection of the document) is checked here. Each check returns null when it passes, else what was wrong.
/// </summary>
internal static class ManualChecks
{
    private static readonly Dictionary<string, Func<string, string?>> Checks = new(StringComparer.Ordinal)
    {
        // Both values of a repeated param name reach the receiver (its raw form is logged).
        ["test178"] = path =>
        {
            var (end, logs) = RunWithLogs(path);
            var raw = logs.FirstOrDefault(l => l.Label?.StartsWith("_event", StringComparison.Ordinal) == true).Value ?? "";
            return end == "final: final" && raw.Contains("Var1=2", StringComparison.Ordinal) && raw.Contains("Var1=3", StringComparison.Ordinal)
                ? null : $"{end}; raw '{raw}'";
        },

        // The autoforwarded event has the same fields and values in the child as the original in the parent.
        ["test230"] = path =>
        {
            var (end, logs) = RunWithLogs(path);
            var bySession = logs.GroupBy(l => l.Session).Select(g => g.Select(l => (l.Label, l.Value)).ToList()).ToList();
            return end == "final: final" && bySession.Count == 2 && bySession[0].Count == 7 && bySession[0].SequenceEqual(bySession[1])
                ? null : $"{end}; logs {string.Join(" | ", logs.Select(l => $"{l.Session} {l.Label}{l.Value}"))}";
        },

        // A cancelled invocation runs its onexit handlers (innermost first) and never reaches its final state.
        ["test250"] = path =>
        {
            var (end, logs) = RunWithLogs(path);
            var values = logs.Select(l => l.Value).ToList();
            return end == "final: final" && values.SequenceEqual(["Exiting sub01", "Exiting sub0"]) ? null : $"{end}; logs {string.Join(" | ", values)}";
        },

        // A document whose script cannot be loaded is rejected.
        ["test301"] = path => ChartRunner.Run(path).StartsWith("rejected: ", StringComparison.Ordinal) ? null : "the document was not rejected",

        // Late binding: an unbound variable and a missing substructure both read as undefined, with no error.
        ["test307"] = path =>
        {
            var (end, logs) = RunWithLogs(path);
            var labels = logs.Select(l => l.Label + "=" + l.Value).ToList();
            return end == "final: final"
                && labels.Contains("entering s0 value of Var 1 is: =undefined") && labels.Contains("no error in s0=")
                && labels.Contains("entering s1, value of non-existent substructure of Var 1 is: =undefined") && labels.Contains("No error in s1=")
                ? null : $"{end}; logs {string.Join(" | ", labels)}";
        },

        // BasicHTTP: a form POST to the session's location with the event name in a _scxmleventname header gets
        // 200 and becomes that event with the form fields as data (the instructions in the .txt file, done with HttpClient).
        ["test513"] = _ => PostToBasicHttpLocation(),

        // A top-level final initial state halts the machine at once: the event raised on entry is never processed.
        ["test415"] = path => ChartRunner.Run(path) == "final: final" ? null : "the machine did not halt in 'final'",
    };

    public static bool TryCheck(W3cTestCase testCase, out string? problem)
    {
        problem = null;
        if (!Checks.TryGetValue(testCase.Name, out var check))
        {
            if (!testCase.IsChart || !File.ReadAllText(testCase.Path).Contains("<final id=\"pass\"", StringComparison.Ordinal))
            {
                return false;
            }

            // Manual only because a processor may reject the document instead: this one runs it, so it must pass.
            check = path => ChartRunner.Run(path) is var end && end == "final: pass" ? null : end;
        }

        problem = check(testCase.Path);
        return true;
    }

    private static string? PostToBasicHttpLocation()
    {
        var document = ScxmlLoader.LoadText($"""
            <scxml xmlns="{Charts.Ns}" version="1.0" datamodel="ecmascript">
              <datamodel><data id="location" expr="_ioprocessors['basichttp'].location"/></datamodel>
              <state id="s">
                <transition event="test" cond="_event.data.key1 === 'value1' &amp;&amp; _event.data.key2 === 'value2'" target="pass"/>
                <transition event="*" target="fail"/>
              </state>
              <final id="pass"/><final id="fail"/>
            </scxml>
            """, "basichttp.scxml", AppContext.BaseDirectory);
        using var runtime = new ScxmlRuntime(new ThreadPoolScxmlScheduler(), new ScxmlRuntimeOptions { EnableBasicHttp = true });
        var session = runtime.Start(document);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Post, LocationOf(session))
        {
            Content = new StringContent("key1=value1&key2=value2", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("_scxmleventname", "test");
        using var response = client.Send(request);
        if ((int)response.StatusCode != 200)
        {
            return $"HTTP {(int)response.StatusCode}";
        }

        return session.Completion.Wait(TimeSpan.FromSeconds(20)) && session.Completion.Result.FinalStateId == "pass" ? null : "the event did not lead to 'pass'";
    }

    /// <summary>The BasicHTTP location of a session, as the runtime offers it in _ioprocessors.</summary>
    private static string LocationOf(ScxmlSessionHandle session) => session.BasicHttpLocation ?? throw new InvalidOperationException("BasicHTTP is not enabled");

    private static (string End, List<(string Session, string? Label, string Value)> Logs) RunWithLogs(string path)
    {
        var logs = new List<(string, string?, string)>();
        var document = ScxmlLoader.LoadFile(path);
        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions { LogSink = (session, label, value) => logs.Add((session, label, value)) });
        var session = runtime.Start(document);
        // Until the invoked children have ended too (their onexit handlers log after the parent is done).
        scheduler.RunUntil(() => session.Completion.IsCompleted && runtime.SessionCount == 0, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(20));
        var end = session.Completion.IsCompleted ? "final: " + session.Completion.Result.FinalStateId : "timeout";
        return (end, logs);
    }
}
