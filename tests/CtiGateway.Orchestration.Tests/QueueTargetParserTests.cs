namespace CtiGateway.Orchestration.Tests;

/// <summary>
/// The queue:targetid grammar, <c>{threshold}[weight]name@server.type</c> in comma-separated lists: the documented forms,
/// errors that name the bad part, and a fuzz run that only ever gives targets or a <see cref="QueueTargetException"/>.
/// </summary>
public sealed class QueueTargetParserTests
{
    [Fact]
    public void TheDocumentedExampleGivesThreeQueuesWithThresholdsAndWeights()
    {
        var targets = QueueTargetParser.Parse("{StatCallsInQueue<10}[25]8001.Q, {StatCallsInQueue<10}[25]8002.Q, {StatCallsInQueue<20}[50]8003.Q");

        Assert.Equal(["8001", "8002", "8003"], targets.Select(t => t.Name));
        Assert.All(targets, t => Assert.Equal(QueueTargetType.Queue, t.Type));
        Assert.All(targets, t => Assert.Null(t.Server));
        Assert.Equal([25, 25, 50], targets.Select(t => t.Weight));
        Assert.Equal(new QueueThreshold("StatCallsInQueue", "<", 20), targets[2].Threshold);
        Assert.True(targets[0].Threshold!.Holds(9));
        Assert.False(targets[0].Threshold!.Holds(10));
    }

    [Theory]
    [InlineData("DemoAgents@Stat_Server.GA", "DemoAgents", "Stat_Server", "GA")]
    [InlineData("A5001.A", "A5001", null, "A")]
    [InlineData("john.smith@StatServer.A", "john.smith", "StatServer", "A")]
    [InlineData("5001@tel_sw.DN", "5001", "tel_sw", "DN")]
    [InlineData(" 3001@tel_sw.rp ", "3001", "tel_sw", "RP")]
    [InlineData("Place_5001@Stat.AP", "Place_5001", "Stat", "AP")]
    [InlineData("Places@Stat.GP", "Places", "Stat", "GP")]
    [InlineData("Label1.DL", "Label1", null, "DL")]
    [InlineData("Queues@Stat.GQ", "Queues", "Stat", "GQ")]
    [InlineData("Camp.C", "Camp", null, "C")]
    [InlineData("Camps.GC", "Camps", null, "GC")]
    public void EveryTypeSuffixIsRead(string text, string name, string? server, string suffix)
    {
        var target = Assert.Single(QueueTargetParser.Parse(text));
        Assert.Equal(name, target.Name);
        Assert.Equal(server, target.Server);
        Assert.Equal(suffix, target.Suffix);
        Assert.Equal(0, target.Weight);
        Assert.Null(target.Threshold);
    }

    [Fact]
    public void ThresholdOperatorsAreRead()
    {
        Assert.Equal(">=", QueueTargetParser.ParseOne("{StatAgentsAvailable>=2}G@s.GA").Threshold!.Operator);
        Assert.Equal("=", QueueTargetParser.ParseOne("{StatAgentsAvailable==2}G@s.GA").Threshold!.Operator);
        Assert.Equal("!=", QueueTargetParser.ParseOne("{StatAgentsAvailable != 0}G@s.GA").Threshold!.Operator);
        Assert.Equal("DemoAgents@s.GA", QueueTargetParser.ParseOne("{StatAgentsAvailable>0}[10]DemoAgents@s.GA").Describe());
    }

    [Theory]
    [InlineData("", "the target string is empty")]
    [InlineData("5001", "target '5001' has no .TYPE at its end")]
    [InlineData("5001.", "target '5001.' has no .TYPE at its end")]
    [InlineData("5001.XX", "target '5001.XX': 'XX' is not a target type (one of A, AP, GA, GP, Q, DN, RP, DL, GQ, C, GC)")]
    [InlineData("@stat.GA", "target '@stat.GA' has no name before '@'")]
    [InlineData("grp@.GA", "target 'grp@.GA': nothing between '@' and '.GA'")]
    [InlineData("{StatCallsInQueue<10 8001.Q", "target '{StatCallsInQueue<10 8001.Q': the threshold '{' is not closed with '}'")]
    [InlineData("{<10}8001.Q", "threshold '{<10}' is not 'Statistic<number'")]
    [InlineData("{Stat Calls<10}8001.Q", "threshold statistic 'Stat Calls' is not a statistic name")]
    [InlineData("{StatCallsInQueue<ten}8001.Q", "threshold value 'ten' is not a number")]
    [InlineData("{StatCallsInQueue!10}8001.Q", "has '!' without '='")]
    [InlineData("[x]8001.Q", "the weight '[x]' is not a whole number")]
    [InlineData("[-5]8001.Q", "the weight '[-5]' is not a whole number")]
    [InlineData("[1 8001.Q", "the weight '[' is not closed with ']'")]
    [InlineData("8001.Q,,8002.Q", "target 2 of '8001.Q,,8002.Q' is empty")]
    [InlineData("8001.Q,", "target 2 of '8001.Q,' is empty")]
    public void MalformedTargetsNameTheBadPart(string text, string message)
    {
        var ex = Assert.Throws<QueueTargetException>(() => QueueTargetParser.Parse(text));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal("invalidparameter", ex.Error);
    }

    [Theory]
    [InlineData("?:English>5@Stat.GA")]
    [InlineData("[10]?Sales:English>5 & Loans=2@Stat.GA")]
    public void SkillExpressionsAreRefusedAsUnavailable(string text)
    {
        var ex = Assert.Throws<QueueTargetException>(() => QueueTargetParser.Parse(text));
        Assert.Equal("unsupported", ex.Error);
        Assert.Contains("skill expressions (?name:expression) need a Stat Server's skill data", ex.Message, StringComparison.Ordinal);
        Assert.Contains(text.Trim(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongAndCrowdedStringsAreRefused()
    {
        Assert.Contains("at most 8192 are read", Assert.Throws<QueueTargetException>(() => QueueTargetParser.Parse(new string('a', 9000) + ".A")).Message, StringComparison.Ordinal);
        var crowded = string.Join(",", Enumerable.Range(0, 65).Select(i => $"A{i}.A"));
        Assert.Contains("65 targets; at most 64", Assert.Throws<QueueTargetException>(() => QueueTargetParser.Parse(crowded)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FuzzedStringsGiveTargetsOrAQueueTargetException()
    {
        const string alphabet = "{}[]@.,?:<>=!AaGgPQDNRLC 0123456789_-xyz";
        var random = new Random(20261207);
        var parsed = 0;
        for (var run = 0; run < 20_000; run++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            try
            {
                var targets = QueueTargetParser.Parse(text);
                Assert.NotEmpty(targets);
                Assert.All(targets, t =>
                {
                    Assert.NotEmpty(t.Name);
                    Assert.True(t.Weight >= 0);
                    Assert.NotNull(QueueTargetParser.TypeOfSuffix(t.Suffix));
                });
                parsed++;
            }
            catch (QueueTargetException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message), $"an empty message for '{text}'");
            }
        }

        Assert.True(parsed > 0, "the fuzz run never produced a valid target string");
    }
}
