namespace CtiGateway.Protocol.Tests.Addp;

/// <summary>The documented addp-trace spellings and the 0-3600 s timeout range.</summary>
public sealed class AddpOptionsTests
{
    [Theory]
    [InlineData("off", AddpTrace.Off)]
    [InlineData("false", AddpTrace.Off)]
    [InlineData("no", AddpTrace.Off)]
    [InlineData("local", AddpTrace.Local)]
    [InlineData("on", AddpTrace.Local)]
    [InlineData("true", AddpTrace.Local)]
    [InlineData("yes", AddpTrace.Local)]
    [InlineData("remote", AddpTrace.Remote)]
    [InlineData("full", AddpTrace.Full)]
    [InlineData("both", AddpTrace.Full)]
    [InlineData("FULL", AddpTrace.Full)]
    [InlineData(" Remote ", AddpTrace.Remote)]
    [InlineData("Yes", AddpTrace.Local)]
    [InlineData("", AddpTrace.Off)]
    [InlineData(null, AddpTrace.Off)]
    public void EveryDocumentedTraceSpellingParses(string? text, AddpTrace expected)
    {
        Assert.True(AddpOptions.TryParseTrace(text, out var trace));
        Assert.Equal(expected, trace);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("enabled")]
    [InlineData("locally")]
    [InlineData("on off")]
    public void AnythingElseIsRefused(string text)
    {
        Assert.False(AddpOptions.TryParseTrace(text, out var trace));
        Assert.Equal(AddpTrace.Off, trace);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("10", 10)]
    [InlineData("3600", 3600)]
    public void TimeoutsFrom0To3600Parse(string text, int expected)
    {
        Assert.True(AddpOptions.TryParseTimeout(text, out var seconds));
        Assert.Equal(expected, seconds);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("3601")]
    [InlineData("ten")]
    [InlineData("1.5")]
    [InlineData(null)]
    public void TimeoutsOutsideTheRangeAreRefused(string? text) => Assert.False(AddpOptions.TryParseTimeout(text, out _));

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(3600, 3600, 0)]
    [InlineData(-1, 0, 1)]
    [InlineData(3601, 0, 1)]
    [InlineData(0, 3601, 1)]
    [InlineData(-5, 4000, 2)]
    public void ValidateReportsEveryOutOfRangeTimeout(int timeout, int remote, int problems)
    {
        var errors = new AddpOptions { TimeoutSeconds = timeout, RemoteTimeoutSeconds = remote }.Validate("Server:Addp").ToList();

        Assert.Equal(problems, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("Server:Addp:", e, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.Contains("0-3600", e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(5, 0, true)]
    [InlineData(0, 5, true)]
    public void EnabledWhenEitherSidePolls(int timeout, int remote, bool enabled) =>
        Assert.Equal(enabled, new AddpOptions { TimeoutSeconds = timeout, RemoteTimeoutSeconds = remote }.Enabled);

    [Fact]
    public void TheHelloCarriesTheOptions()
    {
        var hello = new AddpOptions { TimeoutSeconds = 9, RemoteTimeoutSeconds = 20, Trace = AddpTrace.Full }.ToHello();

        Assert.Equal(new AddpHello(9, 20, AddpTrace.Full), hello);
        Assert.Equal(3600, AddpOptions.MaxTimeoutSeconds);
    }
}
