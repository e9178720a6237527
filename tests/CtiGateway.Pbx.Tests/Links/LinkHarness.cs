using CtiGateway.Pbx.Links;

namespace CtiGateway.Pbx.Tests.Links;

/// <summary>Runs a <see cref="CstaTcpLink"/> in a test and records its events.</summary>
internal sealed class LinkHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public LinkHarness(ILinkTransport transport, CstaTcpLinkOptions options)
    {
        Link = new CstaTcpLink(transport, options);
        Link.StateChanged += States.Add;
        Link.HardwareError += Errors.Add;
        Link.ReconnectScheduled += Delays.Add;
        _run = Link.RunAsync(_stop.Token);
    }

    public CstaTcpLink Link { get; }

    public Recorder<LinkStateChanged> States { get; } = new();

    public Recorder<HardwareErrorRecord> Errors { get; } = new();

    public Recorder<TimeSpan> Delays { get; } = new();

    public static CstaTcpLinkOptions Options(string name = "link1") => new()
    {
        Name = name,
        KeepAliveInterval = TimeSpan.Zero,
        ReconnectPolicyFactory = () => new ReconnectPolicy(
            TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(40), 2.0, 0.5, TimeSpan.FromHours(1), new Random(11)),
    };

    public async Task<CstaLinkMessageView> NextMessageAsync()
    {
        var message = await Link.Messages.ReadAsync().AsTask().WaitAsync(FakeSwitch.Timeout);
        return new CstaLinkMessageView(message.InvokeId, message.Message.Element, message.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(FakeSwitch.Timeout);
        _stop.Dispose();
    }
}

/// <summary>The parts of a delivered message tests look at.</summary>
internal sealed record CstaLinkMessageView(int InvokeId, string Element, CtiGateway.Pbx.Csta.CstaMessage Message);
