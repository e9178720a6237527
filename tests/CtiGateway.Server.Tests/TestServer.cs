using System.Net;
using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

/// <summary>A started TlibServer on 127.0.0.1 with a free port, and its captured log.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(TlibServer server, IPEndPoint endpoint, LogCapture logs)
    {
        Server = server;
        EndPoint = endpoint;
        Logs = logs;
    }

    public TlibServer Server { get; }

    public IPEndPoint EndPoint { get; }

    public LogCapture Logs { get; }

    public static async Task<TestServer> StartAsync(Action<TServerOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new TServerOptions { Host = "127.0.0.1", Port = 0 };
        configure?.Invoke(options);
        var logs = new LogCapture();
        var server = new TlibServer(options, logs, time) { ServerVersion = "9.9.9-test" };
        using var cts = TestClient.Timeout();
        var endpoint = await server.StartAsync(cts.Token).WaitAsync(cts.Token);
        return new TestServer(server, endpoint, logs);
    }

    public Task<TestClient> ConnectAsync() => TestClient.ConnectAsync(EndPoint);

    /// <summary>Connects from <paramref name="localAddress"/> (e.g. 127.0.0.2: the whole 127/8 reaches loopback).</summary>
    public Task<TestClient> ConnectFromAsync(IPAddress localAddress) => TestClient.ConnectAsync(EndPoint, localAddress: localAddress);

    /// <summary>Connects and sends RequestRegisterClient; returns the client once the link event arrived.</summary>
    public async Task<TestClient> ConnectRegisteredAsync(string application = "test-app")
    {
        var client = await ConnectAsync();
        var register = new TlibMessage(MessageType.RequestRegisterClient);
        register.Set(AttributeId.ApplicationName, application);
        register.Set(AttributeId.ProtocolVersion, TlibWire.ProtocolVersion);
        await client.RequestAsync(register);
        return client;
    }

    /// <summary>Connects, registers the client and the DN.</summary>
    public async Task<TestClient> ConnectOnDnAsync(string dn, string application = "test-app")
    {
        var client = await ConnectRegisteredAsync(application);
        var registered = await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = dn });
        Assert.Equal(MessageType.EventRegistered, registered.Type);
        return client;
    }

    /// <summary>Waits (polling, bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TestClient.DefaultTimeout;
        var until = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Not true within {limit.TotalSeconds} s: {what}");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
