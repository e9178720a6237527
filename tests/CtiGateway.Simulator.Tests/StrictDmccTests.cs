using System.Net;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;

namespace CtiGateway.Simulator.Tests;

/// <summary>
/// The simulator's strict AES mode (profile dialect.device-id get-device-id) and its log-in check, against the
/// gateway's CstaTcpLink over loopback TCP: plain DNs are refused with operation/invalidDeviceID, device ids from
/// GetDeviceId are accepted and events name stations by them; a wrong password gets a negative session response.
/// </summary>
public sealed class StrictDmccTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private const string Priv7 = "http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv7";

    private static CstaSimulatorServer Aes(string? user = null, string? password = null)
    {
        var server = new CstaSimulatorServer(
            new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System),
            new CstaSimulatorOptions
            {
                Flavour = CstaDialectFlavour.DmccEd3,
                HeartbeatInterval = null,
                ApplicationSession = new SimApplicationSessionOptions { RequireDeviceIds = true, UserName = user, Password = password },
                ReportAgentEvents = false,
            });
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        return server;
    }

    private static CstaTcpLink Link(CstaSimulatorServer server, string password, List<HardwareErrorRecord> errors)
    {
        var link = new CstaTcpLink(
            new TcpClientTransport("127.0.0.1", server.LocalEndPoint.Port),
            new CstaTcpLinkOptions
            {
                Name = "tel_sw_1/1",
                Flavour = CstaDialectFlavour.DmccEd3,
                KeepAliveInterval = TimeSpan.Zero,
                ApplicationSession = new CstaApplicationSessionOptions { ProtocolVersion = Priv7, UserName = "cti", Password = password },
                ReconnectPolicyFactory = () => new ReconnectPolicy(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), 2.0, 0, TimeSpan.FromHours(1)),
            });
        link.HardwareError += record =>
        {
            lock (errors)
            {
                errors.Add(record);
            }
        };
        return link;
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task PlainDnsAreRefusedAndDeviceIdsAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aes = Aes();
        var errors = new List<HardwareErrorRecord>();
        var link = Link(aes, "any", errors);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = link.RunAsync(stop.Token);
        try
        {
            await EventuallyAsync(() => link.State == LinkState.Up, "the link is up");
            var plain = await link.RequestAsync(w => CstaXmlEncoder.WriteMonitorStart(w, CstaDialectFlavour.DmccEd3, "7001"), Deadline, ct);
            var refused = Assert.IsType<CstaErrorResponse>(plain);
            Assert.Equal(("operation", "invalidDeviceID"), (refused.Category, refused.Value));

            var id = Assert.IsType<CstaGetDeviceIdResponse>(await link.RequestAsync(w => CstaXmlEncoder.WriteGetDeviceId(w, "CM1", "7001"), Deadline, ct)).Device;
            Assert.Equal("7001:CM1:0.0.0.0:0", id);
            var unknown = Assert.IsType<CstaErrorResponse>(await link.RequestAsync(w => CstaXmlEncoder.WriteGetDeviceId(w, "CM1", "6001"), Deadline, ct));
            Assert.Equal("invalidDeviceID", unknown.Value);
            Assert.IsType<CstaMonitorStartResponse>(await link.RequestAsync(w => CstaXmlEncoder.WriteMonitorStart(w, CstaDialectFlavour.DmccEd3, id), Deadline, ct));

            // A call from the monitored station: the event names it by its device id.
            Assert.False(aes.Invoke(m => m.MakeCall("7001", "7002")).IsError);
            var first = await link.Messages.ReadAsync(ct).AsTask().WaitAsync(Deadline, ct);
            var callEvent = Assert.IsType<CstaCallEvent>(first.Message);
            Assert.Equal("7001:CM1:0.0.0.0:0", callEvent.Connection.DeviceId);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(Deadline, CancellationToken.None);
        }
    }

    [Fact]
    public async Task AWrongPasswordGetsANegativeSessionResponse()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aes = Aes("cti", "s3cret");
        var errors = new List<HardwareErrorRecord>();
        var link = Link(aes, "wrong", errors);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = link.RunAsync(stop.Token);
        try
        {
            await EventuallyAsync(() => { lock (errors) { return errors.Count > 0; } }, "session-refused");
            HardwareErrorRecord error;
            lock (errors)
            {
                error = errors[0];
            }

            Assert.Equal("session-refused", error.Cause);
            Assert.Contains("invalidApplicationInfo", error.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong", error.Detail, StringComparison.Ordinal);
            Assert.NotEqual(LinkState.Up, link.State);
            Assert.Equal(0, aes.SessionsStarted);
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(Deadline, CancellationToken.None);
        }
    }
}
