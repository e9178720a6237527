namespace CtiGateway.Scxml.Tests;

/// <summary>XInclude as Composer uses it: script text, workflow parts with id prefixes, missing files, cycles, limits.</summary>
public sealed class XIncludeTests : IDisposable
{
    private const string Head = """<scxml xmlns="http://www.w3.org/2005/07/scxml" xmlns:xi="http://www.w3.org/2001/XInclude" version="1.0" profile="ecmascript" """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ctigw-xinclude-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void TextIncludesPutScriptTextInPlace()
    {
        Write("include/lib.js", "function answer() { return 42; }");
        var main = Write("src-gen/main.scxml", Head + """
            initial="s">
              <script><xi:include href="../include/lib.js" parse="text"/></script>
              <state id="s"><transition cond="answer() === 42" target="pass"/><transition target="fail"/></state>
              <final id="pass"/><final id="fail"/>
            </scxml>
            """);

        var document = ScxmlLoader.LoadFile(main, new ScxmlLoadOptions { AllowedRoots = [_folder.FullName] });

        Assert.Empty(document.Diagnostics);
        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);
    }

    [Fact]
    public void XmlIncludesPrefixIdsResolveTheMarkerAndScopeMyPrefix()
    {
        Write("Workflow.scxml", Head + """
            initial="_composer_noboot">
              <final id="_composer_noboot"/>
              <state id="_composer_entry" initial="$$_MY_PREFIX_$$.Step1">
                <state id="Step1">
                  <onentry><send event="'Step1.done'"><param name="resolveid" expr="_my_prefix"/></send></onentry>
                  <transition event="Step1.done" cond="_event.data.resolveid == _my_prefix" target="$$_MY_PREFIX_$$.Exit"/>
                </state>
                <final id="Exit"><onentry><log label="prefix" expr="_my_prefix + ':' + In(_my_prefix + '.Exit') + ':' + '_my_prefix' + ':' + _data._my_prefix"/></onentry></final>
                <transition event="done.state.$$_MY_PREFIX_$$._composer_entry.never" target="$$_MY_PREFIX_$$.Step1"/>
              </state>
            </scxml>
            """);
        var main = Write("main.scxml", Head + """
            initial="A">
              <state id="A" initial="A._composer_entry">
                <xi:include href="Workflow.scxml" parse="xml" resolveid="A" xpointer="_composer_entry"/>
                <transition event="done.state.A._composer_entry" target="B"/>
              </state>
              <state id="B" initial="B._composer_entry">
                <xi:include href="Workflow.scxml" parse="xml" resolveid="B" xpointer="_composer_entry"/>
                <transition event="done.state.B._composer_entry" target="pass"><log label="top" expr="'[' + _my_prefix + ']'"/></transition>
              </state>
              <final id="pass"/>
            </scxml>
            """);
        var logs = new List<string>();

        var document = ScxmlLoader.LoadFile(main);
        var result = Charts.RunVirtual(document, new ScxmlRuntimeOptions { LogSink = (_, label, value) => logs.Add($"{label}={value}") });

        Assert.Empty(document.Diagnostics);
        Assert.Equal("pass", result?.FinalStateId);
        Assert.Equal(["prefix=A:true:_my_prefix:", "prefix=B:true:_my_prefix:", "top=[]"], logs);
        Assert.Contains("A.Step1", document.StatesById.Keys);
        Assert.Contains("B.Exit", document.StatesById.Keys);
        Assert.DoesNotContain("_composer_noboot", document.StatesById.Keys);
        var neverTransition = document.StatesById["A._composer_entry"].Transitions.Single();
        Assert.Equal(["done.state.A._composer_entry.never"], neverTransition.Events!);
    }

    [Fact]
    public void NestedIncludesGetTheFullPrefixAndProblemsNameTheIncludedFile()
    {
        Write("parts/Sub.scxml", Head + """
            >
              <state id="_composer_entry" initial="$$_MY_PREFIX_$$.Run">
                <state id="Run"><transition target="$$_MY_PREFIX_$$.Done"/><transition event="x" target="$$_MY_PREFIX_$$.Nowhere"/></state>
                <final id="Done"/>
              </state>
            </scxml>
            """);
        Write("parts/Workflow.scxml", Head + """
            >
              <state id="_composer_entry" initial="$$_MY_PREFIX_$$.Sub1">
                <state id="Sub1" initial="$$_MY_PREFIX_$$.Sub1._composer_entry">
                  <xi:include href="Sub.scxml" resolveid="$$_MY_PREFIX_$$.Sub1" xpointer="_composer_entry"/>
                </state>
              </state>
            </scxml>
            """);
        var main = Write("main.scxml", Head + """
            initial="W">
              <state id="W" initial="W._composer_entry"><xi:include href="parts/Workflow.scxml" resolveid="W" xpointer="_composer_entry"/></state>
            </scxml>
            """);

        var diagnostics = ScxmlLoader.Validate(main);

        var problem = Assert.Single(diagnostics);
        Assert.False(problem.IsWarning);
        Assert.Equal("target 'W.Sub1.Nowhere' is not the id of any state", problem.Message);
        Assert.Equal(main, problem.File);

        File.WriteAllText(Path.Combine(_folder.FullName, "parts", "Sub.scxml"), File.ReadAllText(Path.Combine(_folder.FullName, "parts", "Sub.scxml")).Replace("<final id=\"Done\"/>", "<final id=\"Done\"><bogus/></final>", StringComparison.Ordinal));
        var fromIncluded = Assert.Single(ScxmlLoader.Validate(main), d => d.Message.Contains("bogus", StringComparison.Ordinal));
        Assert.Equal(Path.Combine(_folder.FullName, "parts", "Sub.scxml"), fromIncluded.File);
        Assert.Equal(4, fromIncluded.Line);
    }

    [Fact]
    public void AMissingIncludeIsAWarningAndTheDocumentStillRuns()
    {
        var main = Write("src-gen/main.scxml", Head + """
            initial="app">
              <script><xi:include href="../include/common.js" parse="text"/></script>
              <state id="app" initial="MainWorkflow">
                <state id="MainWorkflow" initial="MainWorkflow._composer_entry">
                  <xi:include href="Main.scxml" parse="xml" resolveid="MainWorkflow" xpointer="_composer_entry"/>
                  <transition event="done.state.MainWorkflow._composer_entry" target="MainWorkflow._composer_exit"/>
                  <transition target="pass"/>
                </state>
              </state>
              <final id="pass"/>
            </scxml>
            """);

        var diagnostics = ScxmlLoader.Validate(main);
        var document = ScxmlLoader.LoadFile(main);

        Assert.All(diagnostics, d => Assert.True(d.IsWarning, d.ToString()));
        Assert.Contains($"{main}:2:12: warning: include file not found: ../include/common.js", diagnostics.Select(d => d.ToString()));
        Assert.Contains($"{main}:5:8: warning: include file not found: Main.scxml", diagnostics.Select(d => d.ToString()));
        Assert.Contains(diagnostics, d => d.Message.Contains("its include file is missing", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.Message == "target 'MainWorkflow._composer_exit' is not the id of any state (an include file is missing)");
        Assert.DoesNotContain(diagnostics, d => d.Message.Contains("atomic state", StringComparison.Ordinal));
        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);
    }

    [Fact]
    public void AFallbackReplacesAMissingIncludeWithoutAWarning()
    {
        var main = Write("main.scxml", Head + """
            initial="s">
              <script><xi:include href="absent.js" parse="text"><xi:fallback>var fromFallback = 7;</xi:fallback></xi:include></script>
              <state id="s"><transition cond="fromFallback === 7" target="pass"/><transition target="fail"/></state>
              <final id="pass"/><final id="fail"/>
            </scxml>
            """);

        var document = ScxmlLoader.LoadFile(main);

        Assert.Empty(document.Diagnostics);
        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);
    }

    [Fact]
    public void IncludeCyclesAreErrors()
    {
        Write("a.scxml", Head + """><state id="e"><xi:include href="b.scxml" xpointer="e"/></state></scxml>""");
        Write("b.scxml", Head + """><state id="e"><xi:include href="a.scxml" xpointer="e"/></state></scxml>""");
        var main = Write("main.scxml", Head + """><state id="top"><xi:include href="a.scxml" xpointer="e" resolveid="A"/></state></scxml>""");

        var problem = Assert.Single(ScxmlLoader.Validate(main), d => !d.IsWarning);

        Assert.Equal("include cycle: main.scxml -> a.scxml -> b.scxml -> a.scxml", problem.Message);
        Assert.Equal(Path.Combine(_folder.FullName, "b.scxml"), problem.File);
    }

    [Fact]
    public void IncludesNestedTooDeepAreAnError()
    {
        for (var i = 0; i < XIncludeExpander.MaxDepth + 2; i++)
        {
            Write($"p{i}.scxml", Head + $"""><state id="e"><state id="x{i}"/><xi:include href="p{i + 1}.scxml" xpointer="e" resolveid="L{i + 1}"/></state></scxml>""");
        }

        Write($"p{XIncludeExpander.MaxDepth + 2}.scxml", Head + """><state id="e"/></scxml>""");
        var main = Write("main.scxml", Head + """><state id="top"><xi:include href="p0.scxml" xpointer="e"/></state></scxml>""");

        var problem = Assert.Single(ScxmlLoader.Validate(main), d => !d.IsWarning);

        Assert.Equal($"includes are nested deeper than {XIncludeExpander.MaxDepth} levels", problem.Message);
    }

    [Fact]
    public void IncludesObeyTheFolderPolicyAndTheSizeLimit()
    {
        var outside = Directory.CreateTempSubdirectory("ctigw-xinclude-outside-");
        try
        {
            File.WriteAllText(Path.Combine(outside.FullName, "lib.js"), "var x = 1;");
            var reference = Path.GetRelativePath(_folder.FullName, Path.Combine(outside.FullName, "lib.js"));
            var main = Write("main.scxml", Head + $"""
                ><script><xi:include href="{reference}" parse="text"/></script><final id="f"/></scxml>
                """);
            Write("big.js", new string('/', 3000));
            var big = Write("big.scxml", Head + """><script><xi:include href="big.js" parse="text"/></script><final id="f"/></scxml>""");
            Write("half.js", new string('/', 1200));
            var twice = Write("twice.scxml", Head + """><script><xi:include href="half.js" parse="text"/></script><script><xi:include href="half.js" parse="text"/></script><final id="f"/></scxml>""");

            var refused = Assert.Single(ScxmlLoader.Validate(main));
            var allowed = ScxmlLoader.Validate(main, new ScxmlLoadOptions { AllowedRoots = [outside.FullName] });
            var tooBig = Assert.Single(ScxmlLoader.Validate(big, new ScxmlLoadOptions { MaxDocumentBytes = 2000 }));

            Assert.False(refused.IsWarning);
            Assert.Contains("is outside the document folder and the allowed folders", refused.Message, StringComparison.Ordinal);
            Assert.Empty(allowed);
            Assert.Equal("include file 'big.js' is larger than 2000 bytes", tooBig.Message);
            Assert.Equal("included files exceed 2000 characters in total", Assert.Single(ScxmlLoader.Validate(twice, new ScxmlLoadOptions { MaxDocumentBytes = 2000 })).Message);
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public void UnsupportedPointersAndParseValuesAreErrors()
    {
        Write("w.scxml", Head + """><state id="e"/></scxml>""");
        var main = Write("main.scxml", Head + """
            ><state id="a"><xi:include href="w.scxml" xpointer="xpointer(/scxml/state[1])"/></state>
            <state id="b"><xi:include href="w.scxml" xpointer="nothere"/></state>
            <state id="c"><xi:include href="w.scxml" parse="binary"/></state></scxml>
            """);

        var messages = ScxmlLoader.Validate(main).Where(d => !d.IsWarning).Select(d => d.Message).ToList();

        Assert.Contains("xpointer 'xpointer(/scxml/state[1])' is not supported: give the id of the element to include", messages);
        Assert.Contains("include file 'w.scxml' has no element with id 'nothere'", messages);
        Assert.Contains("<xi:include> parse must be 'xml' or 'text', not 'binary'", messages);
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_folder.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
