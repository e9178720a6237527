using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

/// <summary>
/// How a client knows it has the whole answer to RequestRegisterClient (docs/wire-format.md 5.1): every link event of
/// the answer carries Extensions "switches", and link changes never overtake the answer with an older state.
/// </summary>
public sealed class RegisterClientAnswerTests
{
    [Fact]
    public async Task WithoutSwitches_TheOneEventSaysSwitchesZero()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();

        await client.SendAsync(new TlibMessage(MessageType.RequestRegisterClient) { ReferenceID = 1 });
        var only = await client.ReceiveAsync();

        Assert.Equal(MessageType.EventLinkDisconnected, only.Type);
        Assert.Equal(1, only.ReferenceID);
        Assert.Equal(0, Switches(only));
        Assert.False(only.Extensions!.TryGetValue("switch", out _));
        Assert.Equal(MessageType.EventServerInfo, (await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 2 })).Type);
        Assert.Empty(client.Unsolicited);
    }

    [Fact]
    public async Task EveryEventOfTheAnswerCountsTheSwitches_InNameOrder_AndLaterChangesDoNot()
    {
        await using var server = await TestServer.StartAsync();
        server.Server.SetLinkState("tel_sw_c", connected: true);
        server.Server.SetLinkState("tel_sw_a", connected: false, "Switch tel_sw_a: connecting");
        server.Server.SetLinkState("tel_sw_b", connected: true);
        await using var client = await server.ConnectAsync();

        await client.SendAsync(new TlibMessage(MessageType.RequestRegisterClient) { ReferenceID = 7 });
        var answer = new List<TlibMessage> { await client.ReceiveAsync() };
        var expected = Switches(answer[0]);
        while (answer.Count < expected)
        {
            answer.Add(await client.ReceiveAsync());
        }

        Assert.Equal(3, expected);
        Assert.All(answer, e => Assert.Equal(7, e.ReferenceID));
        Assert.All(answer, e => Assert.Equal(3, Switches(e)));
        Assert.Equal(["tel_sw_a", "tel_sw_b", "tel_sw_c"], answer.Select(SwitchName));
        Assert.Equal([MessageType.EventLinkDisconnected, MessageType.EventLinkConnected, MessageType.EventLinkConnected], answer.Select(e => e.Type));
        Assert.Equal("Switch tel_sw_a: connecting", answer[0].ErrorMessage);

        server.Server.SetLinkState("tel_sw_a", connected: true);
        var change = await client.ReceiveAsync();
        Assert.Equal(MessageType.EventLinkConnected, change.Type);
        Assert.Null(change.ReferenceID);
        Assert.Equal("tel_sw_a", SwitchName(change));
        Assert.False(change.Extensions!.TryGetValue("switches", out _));
    }

    [Fact]
    public async Task WhileALinkFlaps_NoClientSeesAnOlderStateAfterItsAnswer()
    {
        const int Clients = 12;
        const int MaxChanges = 10_000;
        await using var server = await TestServer.StartAsync();
        server.Server.SetLinkState("tel_sw", connected: true);
        var clients = new List<TestClient>();
        for (var i = 0; i < Clients; i++)
        {
            clients.Add(await server.ConnectAsync());
        }

        // The link flaps until every client has its answer; the changes are bounded (each is a frame in every queue).
        var connected = true;
        var stop = 0;
        var flapping = Task.Run(
            () =>
            {
                for (var k = 0; k < MaxChanges && Volatile.Read(ref stop) == 0; k++)
                {
                    connected = !connected;
                    server.Server.SetLinkState("tel_sw", connected);
                }
            },
            TestContext.Current.CancellationToken);
        var seen = await Task.WhenAll(clients.Select((c, i) => RegisterAsync(c, i + 1)));
        Volatile.Write(ref stop, 1);
        await flapping.WaitAsync(TestClient.DefaultTimeout, TestContext.Current.CancellationToken);
        var final = connected;

        for (var i = 0; i < Clients; i++)
        {
            // RequestQueryServer after the last change: every link event the client will get arrives before its answer.
            var client = clients[i];
            var states = seen[i];
            await client.SendAsync(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 1000 });
            for (var m = await client.ReceiveAsync(); m.Type != MessageType.EventServerInfo; m = await client.ReceiveAsync())
            {
                states.Add((m.Type == MessageType.EventLinkConnected, m.ReferenceID == i + 1));
            }

            var answerAt = states.FindIndex(s => s.Answer);
            Assert.Single(states, s => s.Answer);

            // After the answer, every event is a change from the state before it, and the last one is the current state.
            for (var k = answerAt + 1; k < states.Count; k++)
            {
                Assert.True(states[k].Connected != states[k - 1].Connected, $"Client {i}: link event {k} of {states.Count} repeats the state before it (the answer at {answerAt}).");
            }

            Assert.Equal(final, states[^1].Connected);
            await client.DisposeAsync();
        }
    }

    // Sends RequestRegisterClient and reads until its one-event answer; returns the link events read on the way.
    private static async Task<List<(bool Connected, bool Answer)>> RegisterAsync(TestClient client, int referenceId)
    {
        await client.SendAsync(new TlibMessage(MessageType.RequestRegisterClient) { ReferenceID = referenceId });
        var states = new List<(bool Connected, bool Answer)>();
        while (states.Count == 0 || !states[^1].Answer)
        {
            var m = await client.ReceiveAsync();
            states.Add((m.Type == MessageType.EventLinkConnected, m.ReferenceID == referenceId));
        }

        return states;
    }

    private static int Switches(TlibMessage evt) =>
        evt.Extensions is { } e && e.TryGetValue("switches", out var v) && v.Type == KeyValueType.Int ? v.AsInt() : -1;

    private static string? SwitchName(TlibMessage evt) =>
        evt.Extensions is { } e && e.TryGetValue("switch", out var v) ? v.AsString() : null;
}
