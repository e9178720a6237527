namespace CtiGateway.Scxml.Tests;

/// <summary>
/// Genesys module namespaces as the ORS documentation spells them (no scheme) and as Composer does (http://) name the
/// same module; ORS's <c>targettype</c> on &lt;send&gt;; foreign markup in an ORS strategy is reported, not silently lost.
/// </summary>
public sealed class OrsModuleNamespaceTests
{
    [Theory]
    [InlineData("www.genesyslab.com/modules/queue")]
    [InlineData("http://www.genesyslab.com/modules/queue")]
    [InlineData("https://www.genesyslab.com/modules/queue/")]
    [InlineData("HTTP://WWW.GenesysLab.com/modules/Queue")]
    public void EverySpellingOfAModuleNamespaceReachesItsHandlerAndSelectsTheOrsDialect(string ns)
    {
        var handler = new RecordingHandler("http://www.genesyslab.com/modules/queue");
        var document = ScxmlLoader.LoadText($"""
            <scxml xmlns="http://www.w3.org/2005/07/scxml" xmlns:queue="{ns}" version="1.0" initial="s">
              <datamodel><data ID="n" expr="1"/></datamodel>
              <state id="s">
                <onentry><queue:submit priority="n + 1"/></onentry>
                <transition event="queue.submit.done" target="pass"/>
              </state>
              <final id="pass"/>
            </scxml>
            """, "strategy.scxml", AppContext.BaseDirectory);

        Assert.Equal(ScxmlDialect.Ors, document.Dialect);
        Assert.Empty(document.Diagnostics);
        var result = Charts.RunVirtual(document, new ScxmlRuntimeOptions { ActionHandlers = [handler] });

        Assert.Equal("pass", result?.FinalStateId);
        Assert.Equal(["submit http://www.genesyslab.com/modules/queue priority=n + 1"], handler.Calls);
    }

    [Fact]
    public void OtherNamespacesAreNotTakenForModules()
    {
        Assert.Equal("urn:example:queue", DocumentParserNamespaces("urn:example:queue"));
        Assert.Equal("http://www.genesyslab.com/modules/", DocumentParserNamespaces("http://www.genesyslab.com/modules/"));
        Assert.Equal("http://www.example.com/modules/queue", DocumentParserNamespaces("http://www.example.com/modules/queue"));
        Assert.Equal("http://www.genesyslab.com/modules/ixn", DocumentParserNamespaces("www.genesyslab.com/modules/ixn"));
    }

    [Fact]
    public void AnActionInAForeignNamespaceIsAWarningInAnOrsStrategy()
    {
        var document = Charts.Load("""
            <state id="s"><onentry><acme:dial xmlns:acme="urn:acme:actions" number="'5001'"/></onentry><transition target="f"/></state>
            <final id="f"/>
            """, rootAttributes: "profile=\"ecmascript\"");

        var warning = Assert.Single(document.Diagnostics);
        Assert.True(warning.IsWarning);
        Assert.Equal(1, warning.Line);
        Assert.Contains("<dial> is in namespace 'urn:acme:actions', which is not a Genesys module", warning.Message, StringComparison.Ordinal);
        Assert.Contains("ignored", warning.Message, StringComparison.Ordinal);

        // The W3C dialect allows foreign markup without a word, as the Recommendation does.
        Assert.Empty(Charts.Load("""<state id="s"><onentry><acme:dial xmlns:acme="urn:acme:actions"/></onentry></state>""").Diagnostics);
    }

    [Fact]
    public void TargettypeNamesTheIoProcessorInOrsAndIsUnknownInW3c()
    {
        var document = Charts.Load("""
            <state id="s">
              <onentry><send event="'ping'" targettype="scxml" target="'#_internal'"/></onentry>
              <transition event="ping" target="pass"/>
              <transition event="error.*" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """, rootAttributes: "profile=\"ecmascript\"");
        Assert.Empty(document.Diagnostics);
        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);

        var unknown = Charts.Load("""
            <state id="s"><onentry><send event="'ping'" targettype="fm"/></onentry><transition event="error.execution" target="pass"/></state>
            <final id="pass"/>
            """, rootAttributes: "profile=\"ecmascript\"");
        Assert.Equal("pass", Charts.RunVirtual(unknown)?.FinalStateId);

        var both = Assert.Throws<ScxmlLoadException>(() => Charts.Load("""<state id="s"><onentry><send event="'e'" targettype="scxml" type="scxml"/></onentry></state>""", rootAttributes: "profile=\"ecmascript\""));
        Assert.Contains("may not have both 'targettype' and 'type'", both.Message, StringComparison.Ordinal);
        var w3c = Assert.Throws<ScxmlLoadException>(() => Charts.Load("""<state id="s"><onentry><send event="e" targettype="scxml"/></onentry></state>"""));
        Assert.Contains("unknown attribute 'targettype' on <send>", w3c.Message, StringComparison.Ordinal);
    }

    private static string DocumentParserNamespaces(string ns) => DocumentParser.ModuleNamespace(ns);

    private sealed class RecordingHandler(string ns) : IScxmlActionHandler
    {
        public List<string> Calls { get; } = [];

        public string Namespace => ns;

        public void Execute(ScxmlActionContext context)
        {
            Calls.Add($"{context.LocalName} {context.Namespace} priority={context.Attributes["priority"]}");
            context.Raise("queue.submit.done", "{}");
        }
    }
}
