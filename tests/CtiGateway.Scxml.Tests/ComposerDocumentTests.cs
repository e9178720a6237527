namespace CtiGateway.Scxml.Tests;

/// <summary>
/// The Composer-generated ORS samples in ../shared/ors-samples (read at test time): every one validates in the ORS
/// dialect, the IPD pulls in its workflow, and the five stock subroutines run from a parent's &lt;invoke&gt; with their
/// args_ parameters and return their donedata. What the orchestration layer will provide (the <c>queue:</c> and
/// <c>ixn:</c> modules, the IPD's <c>system</c> context) is supplied here through action handlers and host objects.
/// </summary>
public sealed class ComposerDocumentTests : IDisposable
{
    private const string QueueNs = "http://www.genesyslab.com/modules/queue";
    private const string InteractionNs = "http://www.genesyslab.com/modules/interaction";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ctigw-composer-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void EverySampleAndSeed003ValidateInTheOrsDialectWithoutErrors()
    {
        var files = Directory.GetFiles(OrsSamples.Folder(), "*.scxml").Order(StringComparer.Ordinal).ToList();
        files.Add(Path.Combine(OrsSamples.Strategies(), "seed003-detach-redirect.scxml"));
        var options = new ScxmlLoadOptions { Dialect = ScxmlDialect.Ors };

        var errors = files.SelectMany(f => ScxmlLoader.Validate(f, options)).Where(d => !d.IsWarning).Select(d => d.ToString()).ToList();
        var ipd = ScxmlLoader.Validate(Path.Combine(OrsSamples.Folder(), "crd_IPD_default_MainWorkflow.scxml"), options);

        Assert.True(files.Count >= 10, $"expected the 9 samples and seed 003, found {files.Count}");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Contains(ipd, d => d.IsWarning && d.Message == "include file not found: ../include/common.js" && d.Line == 15 && d.Column == 11);
        Assert.Contains(ipd, d => d.IsWarning && d.Message == "include file not found: Main.scxml" && d.Line == 196);
        Assert.All(files, f => Assert.Equal(ScxmlDialect.Ors, ScxmlLoader.LoadFile(f).Dialect));
    }

    [Fact]
    public void TheIpdIncludesItsWorkflowWithThePrefixComposerGivesIt()
    {
        var samples = OrsSamples.Folder();
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "src-gen"));
        var ipdPath = Path.Combine(_folder.FullName, "src-gen", "IPD_default_MainWorkflow.scxml");
        File.WriteAllText(ipdPath, File.ReadAllText(Path.Combine(samples, "crd_IPD_default_MainWorkflow.scxml")));
        File.WriteAllText(Path.Combine(_folder.FullName, "src-gen", "Main.scxml"), File.ReadAllText(Path.Combine(samples, "crd_Main.scxml")));

        var diagnostics = ScxmlLoader.Validate(ipdPath, new ScxmlLoadOptions { AllowedRoots = [_folder.FullName] });
        var document = ScxmlLoader.LoadFile(ipdPath, new ScxmlLoadOptions { AllowedRoots = [_folder.FullName] });

        Assert.All(diagnostics, d => Assert.True(d.IsWarning, d.ToString()));
        Assert.DoesNotContain(diagnostics, d => d.Message.Contains("Main.scxml", StringComparison.Ordinal));
        Assert.Contains("MainWorkflow._composer_entry", document.StatesById.Keys);
        Assert.Contains("MainWorkflow.Entry1", document.StatesById.Keys);
        Assert.DoesNotContain("_composer_noboot", document.StatesById.Keys);
        Assert.Equal("MainWorkflow.Entry1", Assert.Single(document.StatesById["MainWorkflow._composer_entry"].Initial!.TargetIds));
    }

    [Fact]
    public void ClearTargetsCancelsTheInteractionInTheQueueItIsGiven()
    {
        var queue = new ModuleHandler(QueueNs, _ => ("queue.cancel.done", """{"requestid":"R-1"}"""));
        var system = new ScxmlHostObject { Name = "system", Properties = new Dictionary<string, string> { ["InteractionID"] = "\"ixn-1\"" } };

        var run = RunSubroutine("ClearTargets", """<param name="vQueue" expr="'VQ_Sales'"/>""", [queue], [system]);

        Assert.Equal("returned", run.FinalState);
        Assert.Equal("undefined", run.DoneData);
        Assert.Equal(["cancel interactionid=\"ixn-1\" queue=\"VQ_Sales\""], queue.Calls);
        Assert.Contains("Clear Target:VQ_Sales(ixn-1)", run.Logs);
    }

    [Fact]
    public void InteractionAcceptReturnsOkOrErrorFromTheAcceptAnswer()
    {
        var accepted = new ModuleHandler(InteractionNs, c =>
        {
            c.Assign(c.Attributes["requestid"], "\"REQ-A\"");
            return ("interaction.accept.done", """{"requestid":"REQ-A"}""");
        });
        var refused = new ModuleHandler(InteractionNs, _ => ("error.interaction.accept", """{"requestid":"REQ-B","error":"invalidstate","description":"not ringing"}"""));
        const string args = """<param name="Resource" expr="({ dn: '5001', 'switch': 'tel_sw' })"/>""";

        var ok = RunSubroutine("InteractionAccept", args, [accepted]);
        var error = RunSubroutine("InteractionAccept", args, [refused]);

        Assert.Equal("""{"ReturnValue":"return:ok"}""", ok.DoneData);
        Assert.Equal("""{"ReturnValue":"return:error"}""", error.DoneData);
        Assert.Equal(["accept resource={\"dn\":\"5001\",\"switch\":\"tel_sw\"}"], accepted.Calls);
    }

    [Fact]
    public void QueueCancelCancelsTheRequestItIsGivenOrTheOneOfANamedBlock()
    {
        var byId = new ModuleHandler(QueueNs, _ => ("queue.cancel.done", null));
        var byBlock = new ModuleHandler(QueueNs, _ => ("queue.cancel.done", null));
        var block = new ScxmlHostObject { Name = "App_Target1", Properties = new Dictionary<string, string> { ["requestid"] = "\"REQ-3\"" } };

        var first = RunSubroutine("QueueCancel", """<param name="RequestId" expr="'REQ-9'"/>""", [byId]);
        var second = RunSubroutine("QueueCancel", """<param name="TargetBlockName" expr="'Target1'"/>""", [byBlock], [block]);

        Assert.Equal("returned", first.FinalState);
        Assert.Equal("returned", second.FinalState);
        Assert.Equal(["cancel requestid=\"REQ-9\""], byId.Calls);
        Assert.Equal(["cancel requestid=\"REQ-3\""], byBlock.Calls);
        Assert.Contains("Cancelling <submit> request REQ-9", first.Logs);
    }

    [Fact]
    public void QueueQueryReturnsPriorityPositionAndExpectedWaitTime()
    {
        var queue = new ModuleHandler(QueueNs, _ => ("queue.query.done", """{"requestid":"REQ-7","priority":5,"positioninqueue":2,"invqwaittime":40}"""));

        var run = RunSubroutine("QueueQuery", """<param name="RequestId" expr="'REQ-7'"/>""", [queue]);

        Assert.Equal("""{"Priority":5,"PositionInQueue":2,"ExpectedWaitTime":40}""", run.DoneData);
        Assert.Equal(["query requestid=\"REQ-7\""], queue.Calls);
    }

    [Fact]
    public void SuspendForEventWaitsForTheTimeoutItIsGivenInVirtualTime()
    {
        var css = RunSubroutine("SuspendForEvent", """<param name="Timeout" expr="'5s'"/><param name="Type" expr="'none'"/>""", []);
        var bare = RunSubroutine("SuspendForEvent", """<param name="Timeout" expr="3"/>""", []);

        Assert.Equal("returned", css.FinalState);
        Assert.Equal(TimeSpan.FromSeconds(5), css.ReturnedAt);
        Assert.Contains("Delay expired: 5s", css.Logs);
        Assert.Equal(TimeSpan.FromSeconds(3), bare.ReturnedAt);
    }

    [Fact]
    public async Task Seed003RunsUnmodifiedWithItsDataIdsTopLevelInitialAndDelaysInVirtualTime()
    {
        var seed = Path.Combine(OrsSamples.Strategies(), "seed003-detach-redirect.scxml");
        var ixn = new ModuleHandler(InteractionNs, c =>
        {
            var requestId = c.LocalName == "detach" ? "\"D-1\"" : "\"R-1\"";
            c.Assign(c.Attributes["requestid"], requestId);
            return ($"interaction.{c.LocalName}.done", $$"""{"requestid":{{requestId}},"interactionid":"ixn-1"}""");
        });
        var genesys = new ScxmlHostObject
        {
            Name = "_genesys",
            Properties = new Dictionary<string, string> { ["ixn"] = """{"interactions":{"ixn-1":{"parties":{"ixn-1-1":{"device":"3001"}}}}}""" },
        };
        var scheduler = new VirtualTimeScxmlScheduler();
        var logs = new List<(string Value, TimeSpan At)>();
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions
        {
            ActionHandlers = [ixn],
            HostObjects = [genesys],
            LogSink = (_, _, value) => logs.Add((value, scheduler.Now - DateTimeOffset.UnixEpoch)),
        });

        var document = ScxmlLoader.LoadFile(seed);
        var session = runtime.Start(document);
        session.Send("interaction.added", """{"interactionid":"ixn-1"}""");
        var finished = scheduler.RunUntil(() => session.Completion.IsCompleted, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30));

        Assert.True(finished, string.Join("\n", logs.Select(l => l.Value)));
        Assert.Equal(ScxmlDialect.Ors, document.Dialect);
        Assert.Equal("exit", (await session.Completion).FinalStateId);
        Assert.Equal(["detach interactionid=\"ixn-1\"", "redirect interactionid=\"ixn-1\""], ixn.Calls);
        Assert.Equal("Waiting for incoming call...", logs[0].Value);
        Assert.Contains(logs, l => l.Value == "G_G_GOT SESSION TERMINATION WITH TEST_RESULT = PASSED" && l.At == TimeSpan.FromSeconds(33));
        Assert.Contains(logs, l => l.Value.StartsWith("G_G_GOT detach done: ({requestid:\"D-1\"", StringComparison.Ordinal));
    }

    /// <summary>Runs a parent that invokes a sample subroutine with <paramref name="parameters"/> and logs its donedata.</summary>
    private SubroutineRun RunSubroutine(string name, string parameters, IReadOnlyList<IScxmlActionHandler> handlers, IReadOnlyList<ScxmlHostObject>? hosts = null)
    {
        var samples = OrsSamples.Folder();
        var subroutine = Path.Combine(samples, $"composer-subroutine_{name}.scxml");
        var parent = Path.Combine(_folder.FullName, $"call-{name}-{Guid.NewGuid():N}.scxml");
        File.WriteAllText(parent, $"""
            <scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0" profile="ecmascript" initial="call">
              <state id="call">
                <invoke id="sub" type="scxml" src="{subroutine}">{parameters}</invoke>
                <transition event="done.invoke.sub" target="returned"><log label="donedata" expr="JSON.stringify(_event.data)"/></transition>
              </state>
              <final id="returned"/>
            </scxml>
            """);
        var document = ScxmlLoader.LoadFile(parent, new ScxmlLoadOptions { AllowedRoots = [samples] });
        var scheduler = new VirtualTimeScxmlScheduler();
        var logs = new List<string>();
        string? doneData = null;
        TimeSpan? returnedAt = null;
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions
        {
            ActionHandlers = handlers,
            HostObjects = hosts ?? [],
            LogEntrySink = entry =>
            {
                if (entry.Label == "donedata")
                {
                    doneData = entry.Value;
                    returnedAt = scheduler.Now - DateTimeOffset.UnixEpoch;
                }
                else
                {
                    logs.Add(entry.Value);
                }
            },
        });
        var session = runtime.Start(document);
        var finished = scheduler.RunUntil(() => session.Completion.IsCompleted, TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30));
        Assert.True(finished, $"{name} did not return; its log: {string.Join(" | ", logs)}");
        return new SubroutineRun(session.Completion.Result.FinalStateId, doneData, returnedAt, logs);
    }

    private sealed record SubroutineRun(string? FinalState, string? DoneData, TimeSpan? ReturnedAt, List<string> Logs);

    /// <summary>Runs one Genesys module's elements as the orchestration layer will: records them and answers with an event.</summary>
    private sealed class ModuleHandler(string ns, Func<ScxmlActionContext, (string Event, string? Json)> answer) : IScxmlActionHandler
    {
        private static readonly string[] Inputs = ["interactionid", "queue", "resource"];

        public string Namespace => ns;

        public List<string> Calls { get; } = [];

        public void Execute(ScxmlActionContext context)
        {
            // requestid is an input of queue:cancel and queue:query, an output location elsewhere. The accept subroutine
            // names InteractionID, which only its including IPD declares: it is not read here.
            var inputs = context.Attributes
                .Where(a => (Array.IndexOf(Inputs, a.Key) >= 0 && !(a.Key == "interactionid" && context.LocalName == "accept"))
                    || (a.Key == "requestid" && context.LocalName is "cancel" or "query"))
                .OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => $"{a.Key}={context.Evaluate(a.Value)}");
            Calls.Add(string.Join(" ", [context.LocalName, .. inputs]));
            var (name, json) = answer(context);
            context.Raise(name, json);
        }
    }
}
