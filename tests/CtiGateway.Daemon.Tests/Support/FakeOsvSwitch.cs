using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// The PBX side of an osv-v10 link for process tests: a TCP listener on 127.0.0.1:0 that the daemon connects to. Each
/// accepted connection starts like an OpenScape Voice (SystemStatus first), records the elements the gateway sends,
/// and lets the test write anything, e.g. a storm of malformed frames.
/// </summary>
internal sealed class FakeOsvSwitch : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public FakeOsvSwitch() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>A CSTA-XML frame (invoke id 9999, an event) whose XML does not parse: one hardware error "bad-xml" each.</summary>
    public static byte[] MalformedFrames(int count)
    {
        var output = new ArrayBufferWriter<byte>();
        for (var i = 0; i < count; i++)
        {
            CstaFrameWriter.Write(CstaWire.EventInvokeId, "<DeliveredEvent><unclosed>"u8, output);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>Accepts the gateway's connection and runs the OSV start-up (SystemStatus, SystemRegister) until the gateway sends its first MonitorStart.</summary>
    public async Task<FakeOsvConnection> AcceptAndStartAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var client = await _listener.AcceptTcpClientAsync(cts.Token);
        var connection = new FakeOsvConnection(client);
        var status = new ArrayBufferWriter<byte>();
        CstaFrameWriter.Write(
            1,
            Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><SystemStatus xmlns=\"{CstaNamespaces.Ed4}\"><systemStatus>normal</systemStatus></SystemStatus>"),
            status);
        await connection.SendAsync(status.WrittenMemory, cts.Token);
        await connection.WaitForElementAsync("SystemStatusResponse", cts.Token);

        // The profile's dialect.system-register: the link is up only once the switch answers SystemRegister.
        await connection.WaitForElementAsync("SystemRegister", cts.Token);
        var registered = new ArrayBufferWriter<byte>();
        CstaFrameWriter.Write(
            connection.InvokeIdOf("SystemRegister"),
            Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><SystemRegisterResponse xmlns=\"{CstaNamespaces.Ed4}\"><sysStatRegisterID>1</sysStatRegisterID></SystemRegisterResponse>"),
            registered);
        await connection.SendAsync(registered.WrittenMemory, cts.Token);
        await connection.WaitForElementAsync("MonitorStart", cts.Token);
        return connection;
    }

    public void Dispose() => _listener.Stop();
}
