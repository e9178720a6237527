using System.Text;

namespace CtiGateway.Scxml.Tests;

/// <summary>
/// Random documents: mutated W3C charts and generated charts with broken expressions. Each one is either refused with
/// positioned problems or runs to an end (final, failed, cancelled, or the virtual time limit); nothing throws.
/// </summary>
public sealed class FuzzTests
{
    private static readonly string[] Fragments =
    [
        "<", ">", "\"", "&", "&amp;", "<state id=\"x\">", "</state>", "<transition target=\"nowhere\"/>", "<raise/>",
        "expr=\"1 +\"", "cond=\"(((\"", "<script>throw new Error('x')</script>", "<foreach array=\"null\" item=\"1x\"/>",
        "<assign location=\"_sessionid\" expr=\"1\"/>", "<send delay=\"-1s\" event=\"e\"/>", "<invoke src=\"file:missing.scxml\"/>",
        "<data id=\"d\" expr=\"{a:\"/>", "<![CDATA[ x ]]>", "<!-- c -->", "<history/>", "<parallel>", "</parallel>", "\u0000",
        "<if cond=\"undefinedVar.x\"><elseif/></if>", "<log expr=\"new Array(-1)\"/>", "<cancel/>", "<content expr=\"}\"/>",
    ];

    [Fact]
    public void MutatedW3cChartsAreRefusedWithPositionsOrRunToAnEnd()
    {
        var cases = W3cSuite.Cases().Where(c => c.IsChart).ToList();
        var random = new Random(20261122);
        var refused = 0;
        var ran = 0;
        for (var round = 0; round < 300; round++)
        {
            var testCase = cases[random.Next(cases.Count)];
            var text = Mutate(File.ReadAllText(testCase.Path), random);
            Check(text, Path.GetDirectoryName(testCase.Path)!, ref refused, ref ran);
        }

        Assert.True(refused > 0 && ran > 0, $"refused {refused}, ran {ran}");
    }

    [Fact]
    public void GeneratedChartsWithBadExpressionsNeverCrash()
    {
        var random = new Random(4242);
        var refused = 0;
        var ran = 0;
        for (var round = 0; round < 200; round++)
        {
            var builder = new StringBuilder($"<scxml xmlns=\"{Charts.Ns}\" version=\"1.0\" datamodel=\"ecmascript\">");
            var states = random.Next(1, 5);
            for (var s = 0; s < states; s++)
            {
                builder.Append($"<state id=\"s{s}\"><onentry>");
                for (var k = random.Next(0, 4); k > 0; k--)
                {
                    builder.Append(Fragments[random.Next(Fragments.Length)]);
                }

                builder.Append($"</onentry><transition event=\"*\" target=\"s{random.Next(states)}\"/>");
                builder.Append($"<transition cond=\"{RandomExpression(random)}\" target=\"f\"/></state>");
            }

            builder.Append("<final id=\"f\"/></scxml>");
            Check(builder.ToString(), AppContext.BaseDirectory, ref refused, ref ran);
        }

        Assert.True(refused > 0 && ran > 0, $"refused {refused}, ran {ran}");
    }

    private static void Check(string text, string folder, ref int refused, ref int ran)
    {
        ScxmlDocument document;
        try
        {
            document = ScxmlLoader.LoadText(text, "fuzz.scxml", folder);
        }
        catch (ScxmlLoadException ex)
        {
            refused++;
            Assert.NotEmpty(ex.Diagnostics);
            Assert.All(ex.Diagnostics.Where(d => !d.IsWarning), d => Assert.True(d.Line > 0 && d.Column > 0, d.ToString()));
            return;
        }

        ran++;
        var scheduler = new VirtualTimeScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions { MaxStatements = 100_000, MaxMicrostepsPerMacrostep = 5_000 });
        var session = runtime.Start(document);
        scheduler.RunUntil(() => session.Completion.IsCompleted, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5));
        if (session.Completion.IsCompleted && session.Completion.Result is { End: ScxmlSessionEnd.Failed } failed)
        {
            // A failed session is fine only for a reason the runtime names (a runaway loop), never an internal error.
            Assert.DoesNotContain("internal error", failed.Error, StringComparison.Ordinal);
        }
    }

    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(3))
            {
                case 0:
                    builder.Remove(at, Math.Min(random.Next(1, 12), builder.Length - at));
                    break;
                case 1:
                    builder.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                default:
                    var quote = text.IndexOf("expr=\"", random.Next(text.Length), StringComparison.Ordinal);
                    if (quote > 0 && quote + 6 < builder.Length)
                    {
                        builder.Insert(quote + 6, RandomExpression(random).Replace("\"", "&quot;", StringComparison.Ordinal));
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    private static string RandomExpression(Random random)
    {
        string[] parts = ["1", "x", "(", ")", "+", "'a'", "_event", ".data", "[0]", "In('s0')", "==", "&amp;&amp;", "!", "null", "{", "}", "function", "=>", ";", "throw 1"];
        var builder = new StringBuilder();
        for (var n = random.Next(1, 6); n > 0; n--)
        {
            builder.Append(parts[random.Next(parts.Length)]).Append(' ');
        }

        return builder.ToString();
    }
}
