using System.Net;
using System.Text.Json.Nodes;
using CtiGateway.Protocol;
using CtiGateway.Server;
using CtiGateway.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Switching.Tests;

/// <summary>
/// The gateway against the AES simulator in strict DMCC mode over loopback TCP: GetDeviceId before MonitorStart,
/// device ids on the link and DNs above it, a DN the AES refuses, and the AES log-in from a password file.
/// </summary>
public sealed class DmccDeviceIdTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly string _directory = Directory.CreateTempSubdirectory("ctigw-dmcc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The shipped avaya-aes-dmcc-8 profile with a small numbering plan (written to a temp folder).</summary>
    private string Profile(params (string From, string To)[] plan)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "firmware-profiles", "avaya-aes-dmcc-8.json")))!;
        json["numbering-plan"] = new JsonArray([.. plan.Select(r => (JsonNode)new JsonObject { ["from"] = r.From, ["to"] = r.To, ["type"] = "extension" })]);
        var path = Path.Combine(_directory, "avaya-aes-dmcc-8.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private static CstaSimulatorServer StrictAes(string? user = null, string? password = null)
    {
        var profile = CtiGateway.Pbx.Profiles.FirmwareProfileLoader.Load(Path.Combine(AppContext.BaseDirectory, "firmware-profiles", "avaya-aes-dmcc-8.json"));
        var options = CstaSimulatorOptions.ForProfile(profile);
        Assert.True(options.ApplicationSession?.RequireDeviceIds, "the avaya-aes-dmcc-8 profile makes the simulator strict");
        options = options with { ApplicationSession = options.ApplicationSession! with { UserName = user, Password = password } };
        var aes = new CstaSimulatorServer(new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System), options);
        aes.Start(new IPEndPoint(IPAddress.Loopback, 0));
        return aes;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20, ct);
        }
    }

    private static string Extension(TlibMessage m, string key) =>
        m.Extensions is { } e && e.TryGetValue(key, out var v) ? v.ToString() ?? string.Empty : string.Empty;

    [Fact]
    public async Task DnsAreResolvedWithGetDeviceIdMonitoredByDeviceIdAndEventsComeBackAsDns()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aes = StrictAes();

        // 6001 is in the gateway's plan but not on the switch: GetDeviceId is refused for it alone.
        var profile = Profile(("7001", "7003"), ("6001", "6001"));
        var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
        var endpoint = await server.StartAsync(ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task? run = null;
        try
        {
            await using var client = await RawTlibClient.ConnectRegisteredAsync(endpoint, Timeout);
            var settings = new SwitchSettings
            {
                Name = "tel_sw_1",
                Profile = profile,
                Links = [new SwitchLinkSettings { Host = "127.0.0.1", Port = aes.LocalEndPoint.Port }],
                Session = new SwitchSessionSettings { CmName = "CM1" },
            };
            Assert.Empty(SwitchSettings.Validate([settings], "Switches", _directory));
            var service = new SwitchLinkService(server, [settings], _directory);
            run = service.RunAsync(stop.Token);

            var refused = await client.WaitForAsync(
                m => m.Type == MessageType.EventHardwareError && Extension(m, "cause") == "device-id-refused", Timeout, "EventHardwareError for DN 6001");
            Assert.Equal("tel_sw_1", Extension(refused, "switch"));
            Assert.Contains("DN 6001", refused.ErrorMessage, StringComparison.Ordinal);
            Assert.Contains("operation/invalidDeviceID", refused.ErrorMessage, StringComparison.Ordinal);
            Assert.Equal("GetDeviceId/6001", Extension(refused, "element"));

            // The other DNs are monitored; the strict AES accepted MonitorStart only because it carried device ids.
            await WaitUntilAsync(() => aes.Invoke(m => m.MonitoredDevices).Count == 3, "three monitors on the AES", ct);
            Assert.Equal(["7001", "7002", "7003"], aes.Invoke(m => m.MonitoredDevices).Order(StringComparer.Ordinal));
            var map = service.DeviceIds("tel_sw_1");
            Assert.NotNull(map);
            Assert.Equal(3, map.Count);
            Assert.True(map.TryGetDeviceId("7002", out var id7002));
            Assert.Equal("7002:CM1:0.0.0.0:0", id7002);
            Assert.False(map.TryGetDeviceId("6001", out _));

            // A call 7001 -> 7002: the AES names both by device id; the gateway's call model holds DNs.
            var made = aes.Invoke(m => m.MakeCall("7001", "7002"));
            Assert.False(made.IsError, made.ToString());
            IReadOnlyList<SwitchCall> calls = [];
            await WaitUntilAsync(
                () => (calls = service.ListCallsAsync(ct).GetAwaiter().GetResult()).Count == 1 && calls[0].Call.Parties.Count == 2,
                "the call 7001 -> 7002 in the gateway's call table",
                ct);
            Assert.Equal("tel_sw_1", calls[0].Switch);
            Assert.Equal(["7001", "7002"], calls[0].Call.Parties.Select(p => p.Dn));

            // The map is per session: a reconnect resolves again.
            await aes.DisconnectAllAsync();
            await WaitUntilAsync(() => aes.SessionsStarted == 2 && service.DeviceIds("tel_sw_1") is { Count: 3 }, "second session resolved", ct);
            await WaitUntilAsync(() => aes.Invoke(m => m.MonitoredDevices).Count == 3, "monitors again after reconnect", ct);
        }
        finally
        {
            await stop.CancelAsync();
            if (run is not null)
            {
                await run.WaitAsync(Timeout, CancellationToken.None);
            }

            await server.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task AWrongAesPasswordIsSessionRefusedAndTheRightOneFromItsFileConnects()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aes = StrictAes("ctiuser", "s3cret");
        var profile = Profile(("7001", "7002"));
        var secret = Path.Combine(_directory, "aes.secret");
        await File.WriteAllTextAsync(secret, "wrong\n", ct);
        var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, NullLoggerFactory.Instance);
        var endpoint = await server.StartAsync(ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task? run = null;
        try
        {
            await using var client = await RawTlibClient.ConnectRegisteredAsync(endpoint, Timeout);
            SwitchSettings Settings() => new()
            {
                Name = "tel_sw_1",
                Profile = profile,
                Links = [new SwitchLinkSettings { Host = "127.0.0.1", Port = aes.LocalEndPoint.Port }],
                Session = new SwitchSessionSettings { UserName = "ctiuser", PasswordFile = secret, CmName = "CM1" },
            };
            var service = new SwitchLinkService(server, [Settings()], _directory);
            run = service.RunAsync(stop.Token);

            var refused = await client.WaitForAsync(
                m => m.Type == MessageType.EventHardwareError && Extension(m, "cause") == "session-refused", Timeout, "session-refused");
            Assert.Contains("StartApplicationSession refused by the switch", refused.ErrorMessage, StringComparison.Ordinal);
            Assert.Contains("invalidApplicationInfo", refused.ErrorMessage, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong", refused.ErrorMessage, StringComparison.Ordinal);
            Assert.False(server.LinkStates["tel_sw_1"]);
            Assert.Equal(0, aes.SessionsStarted);

            // The password file is fixed; SIGHUP's apply restarts the switch (session settings changed) and it logs in.
            await File.WriteAllTextAsync(secret, "s3cret\n", ct);
            var applied = await service.ApplyAsync([Settings()], _directory, ct);
            Assert.Equal(["tel_sw_1"], applied.Restarted);
            await WaitUntilAsync(() => server.LinkStates["tel_sw_1"] && aes.SessionsStarted >= 1, "log-in with the right password", ct);
            await WaitUntilAsync(() => aes.Invoke(m => m.MonitoredDevices).Count == 2, "monitors after log-in", ct);
        }
        finally
        {
            await stop.CancelAsync();
            if (run is not null)
            {
                await run.WaitAsync(Timeout, CancellationToken.None);
            }

            await server.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void SessionSettingsAreValidated()
    {
        var profile = Profile(("7001", "7002"));
        SwitchSettings With(SwitchSessionSettings session) => new()
        {
            Name = "tel_sw_1",
            Profile = profile,
            Links = [new SwitchLinkSettings { Host = "aes", Port = 4721 }],
            Session = session,
        };
        var missing = Path.Combine(_directory, "nope.secret");
        var problems = SwitchSettings.Validate(
            [
                With(new SwitchSessionSettings()),
                With(new SwitchSessionSettings { CmName = "CM1", UserName = "u" }),
                With(new SwitchSessionSettings { CmName = "CM1", UserName = "u", Password = "p", PasswordFile = missing }),
                With(new SwitchSessionSettings { CmName = "CM1", UserName = "u", PasswordFile = missing }),
                With(new SwitchSessionSettings { CmName = "CM1", Password = "p" }),
            ],
            "Switches",
            _directory);
        Assert.Contains(problems, p => p.StartsWith("Switches:0:Session:CmName: profile 'avaya-aes-dmcc-8' resolves DNs with GetDeviceId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:1:Session:Password: user name 'u' has no Password or PasswordFile", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:2:Session: give Password or PasswordFile, not both", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith($"Switches:3:Session:PasswordFile: password file '{missing}' not found", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Switches:4:Session:UserName: a password is given without a UserName", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("Password = \"p\"", StringComparison.Ordinal));
    }
}
