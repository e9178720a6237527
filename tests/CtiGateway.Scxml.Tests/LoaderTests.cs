namespace CtiGateway.Scxml.Tests;

/// <summary>Loading and validation: safe XML reading, positions on every problem, warnings for run-time errors.</summary>
public sealed class LoaderTests
{
    [Fact]
    public void ADtdIsRefused()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE scxml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <scxml xmlns="http://www.w3.org/2005/07/scxml" version="1.0"><final id="f">&xxe;</final></scxml>
            """;

        var ex = Assert.Throws<ScxmlLoadException>(() => ScxmlLoader.LoadText(xml, "dtd.scxml", AppContext.BaseDirectory));

        Assert.Equal(2, ex.Diagnostics[0].Line);
        Assert.Contains("malformed XML", ex.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADocumentLargerThanTheLimitIsRefused()
    {
        var body = new string(' ', 5000);
        var ex = Assert.Throws<ScxmlLoadException>(() => Charts.Load($"<final id=\"f\"/>{body}", new ScxmlLoadOptions { MaxDocumentBytes = 1000 }));

        Assert.Contains("larger than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SrcOutsideTheDocumentFolderIsRefused()
    {
        var ex = Assert.Throws<ScxmlLoadException>(() => Charts.Load("""<script src="file:../../../../../../../etc/hostname"/><final id="f"/>"""));

        Assert.Contains("outside the document folder", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemsNameLineAndColumn()
    {
        var xml = "<scxml xmlns=\"http://www.w3.org/2005/07/scxml\" version=\"1.0\">\n" +
                  "  <state id=\"a\" initial=\"zz\"><state id=\"b\"/></state>\n" +
                  "  <bogus/>\n" +
                  "  <final id=\"a\"/>\n" +
                  "</scxml>";

        var ex = Assert.Throws<ScxmlLoadException>(() => ScxmlLoader.LoadText(xml, "p.scxml", AppContext.BaseDirectory));

        Assert.Contains(ex.Diagnostics, d => d is { Line: 2, Message: "target 'zz' is not the id of any state" });
        Assert.Contains(ex.Diagnostics, d => d.Line == 3 && d.Column == 4 && d.Message.Contains("<bogus>", StringComparison.Ordinal));
        Assert.Contains(ex.Diagnostics, d => d.Line == 4 && d.Message == "duplicate state id 'a'");
        Assert.All(ex.Diagnostics, d => Assert.StartsWith("p.scxml:", d.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void ExpressionErrorsAreWarningsAndRaiseErrorExecutionWhenReached()
    {
        var document = Charts.Load("""
            <state id="s">
              <onentry><send event="never" target="#_internal"><param name="p" expr="this is not js"/></send></onentry>
              <transition event="error.execution" target="pass"/>
              <transition event="*" target="fail"/>
            </state>
            <final id="pass"/><final id="fail"/>
            """);

        Assert.Contains(document.Diagnostics, d => d.IsWarning && d.Line == 2);
        Assert.Equal("pass", Charts.RunVirtual(document)?.FinalStateId);
    }
}
