namespace CtiGateway.Scxml.Tests;

/// <summary>
/// The compiled <c>NAME op NUMBER</c> expressions give exactly what the script engine gives: the same chart is run
/// without scripts (compiled path) and with a script element (engine only), and the logged results must match.
/// </summary>
public sealed class FastExpressionTests
{
    private const string Body = """
        <datamodel>
          <data id="vals" expr="[0, 5, -0, NaN, Infinity, -Infinity, '5', '', null, true, 4.5, undefined, 1e21, [5], {}]"/>
          <data id="x" expr="0"/>
          <data id="r" expr="0"/>
        </datamodel>
        <state id="s">
          <onentry>
            <foreach array="vals" item="x">
              <assign location="r" expr="x &lt; 5"/><log expr="typeof r + ':' + String(r)"/>
              <assign location="r" expr="x&lt;=5"/><log expr="typeof r + ':' + String(r)"/>
              <assign location="r" expr="x &gt; 5"/><log expr="typeof r + ':' + String(r)"/>
              <assign location="r" expr="x &gt;= 5.5"/><log expr="typeof r + ':' + String(r)"/>
              <assign location="r" expr="x == 5"/><log expr="typeof r + ':' + String(r)"/>
              <assign location="r" expr="x != 5"/><log expr="typeof r + ':' + String(r)"/>
              <assign location="r" expr="x === 0"/><log expr="typeof r + ':' + String(r)"/>
              <assign location="r" expr="x !== 0"/><log expr="typeof r + ':' + String(r)"/>
              <assign location="r" expr="x + 1"/><log expr="typeof r + ':' + String(r) + ':' + (1 / r)"/>
              <assign location="r" expr="x - 0"/><log expr="typeof r + ':' + String(r) + ':' + (1 / r)"/>
            </foreach>
            <assign location="r" expr="missing &lt; 1"/>
            <log expr="'not reached'"/>
          </onentry>
          <transition event="error.execution" target="done"/>
        </state>
        <final id="done"/>
        """;

    [Fact]
    public void CompiledExpressionsMatchTheScriptEngine()
    {
        var compiled = Run(Body);
        var engineOnly = Run("<script>var forceEngine = true;</script>" + Body);

        Assert.Equal(15 * 10, compiled.Count);
        Assert.Equal(engineOnly, compiled);
    }

    private static List<string> Run(string body)
    {
        var logs = new List<string>();
        var result = Charts.RunVirtual(Charts.Load(body), new ScxmlRuntimeOptions { LogSink = (_, _, value) => logs.Add(value) });
        Assert.Equal("done", result?.FinalStateId);
        return logs;
    }
}
