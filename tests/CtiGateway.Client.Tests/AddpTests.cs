using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Client.Tests;

public sealed class AddpTests
{
    [Fact(Timeout = TestTimeout.Test)]
    public async Task ClientSendsTheHelloFirstAndAnswersServerPolls()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using var server = new FakeTServer();
        var options = ClientTestKit.Options(server.EndPoint);
        options.Addp = new AddpOptions { TimeoutSeconds = 30, RemoteTimeoutSeconds = 10, Trace = AddpTrace.Full };
        await using var client = new TServerClient(options);
        await client.ConnectAsync(ct);
        var session = server.Sessions[0];

        Assert.Equal(new AddpHello(30, 10, AddpTrace.Full), session.Hello);
        session.SendAddpPoll(7);
        session.SendAddpPoll(8);

        await server.Changed.WaitUntilAsync(() => session.AddpRepliesReceived == 2, ct);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task ClientPollsAnAnsweringServerAndKeepsTheConnection()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        await using var server = new FakeTServer();
        var options = ClientTestKit.Options(server.EndPoint);
        options.Addp = new AddpOptions { TimeoutSeconds = 1 };
        await using var client = new TServerClient(options);
        await client.ConnectAsync(ct);
        var session = server.Sessions[0];

        // Two polls need at least two silent seconds; each answered poll resets the client's timer.
        await server.Changed.WaitUntilAsync(() => session.AddpPollsReceived >= 2, ct);

        Assert.True(session.IsConnected);
        Assert.Single(server.Sessions);
        Assert.Equal(TServerConnectionState.Connected, client.State);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task ClientDetectsASilentServerAndReconnects()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 20);
        await using var server = new FakeTServer { AnswerAddpPolls = false };
        var options = ClientTestKit.Options(server.EndPoint);
        options.Addp = new AddpOptions { TimeoutSeconds = 1 };
        await using var client = new TServerClient(options);
        await client.ConnectAsync(ct);
        server.AnswerAddpPolls = true;

        var disconnected = await ClientTestKit.NextEventAsync(client, MessageType.EventServerDisconnected, ct);
        Assert.Contains("ADDP", disconnected.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, server.Sessions[0].AddpPollsReceived);
        await ClientTestKit.NextEventAsync(client, MessageType.EventServerConnected, ct);
        var session = await server.WaitForSessionAsync(1, ct);
        await server.Changed.WaitUntilAsync(() => session.Hello is not null, ct);
        Assert.True(session.AnswerAddpPolls);
        Assert.Equal(new AddpHello(1, 0, AddpTrace.Off), session.Hello);
    }
}
