using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// A table of config mistakes, each run through a real <c>ctigatewayd --check-config</c> process (several at once):
/// each must exit 2 with exactly the expected stderr line(s), naming the file position, the key path and the reason.
/// </summary>
public sealed class ConfigMistakeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>One mistake: the config text, extra arguments, and the key and reason fragment of the expected line.</summary>
    private sealed record Mistake(string Name, string Json, string Key, string Reason, bool AnyPort = true, int Lines = 1);

    [Fact]
    public async Task EachMistakeExits2WithOneLineNamingTheKeyAndTheReason()
    {
        using var dir = new TempConfig("{}");
        var cert = Path.Combine(dir.Directory, "server.crt");
        await File.WriteAllTextAsync(cert, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", TestContext.Current.CancellationToken);
        var profile = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "firmware-profiles", "osv-v10.json"), TestContext.Current.CancellationToken))!.AsObject();
        profile.Remove("$schema");
        profile["keep-alive"]!["kpl-interval"] = "often";
        await File.WriteAllTextAsync(Path.Combine(dir.Directory, "broken-profile.json"), profile.ToJsonString(), TestContext.Current.CancellationToken);

        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var heldPort = ((IPEndPoint)holder.LocalEndpoint).Port;

        const string Link = """[ { "Host": "127.0.0.1", "Port": 1040 } ]""";
        var mistakes = new List<Mistake>
        {
            new("unknown top-level key", """{ "Bogus": 1 }""", "Bogus", "unknown key (known keys here:"),
            new("unknown nested key", """{ "TServer": { "Prot": 3000 } }""", "TServer:Prot", "unknown key"),
            new("string for an integer", """{ "TServer": { "MaxClients": "lots" } }""", "TServer:MaxClients", "'lots' is not a valid integer"),
            new("string for a boolean", """{ "Logging": { "Areas": { "LinkTrace": "yes" } } }""", "Logging:Areas:LinkTrace", "'yes' is not a valid boolean"),
            new("object for a value", """{ "TServer": { "MaxClients": { "a": 1 } } }""", "TServer:MaxClients", "must be a single integer value"),
            new("value for an array", """{ "TServer": { "AllowedClients": "10.0.0.0/8" } }""", "TServer:AllowedClients", "must be an array"),
            new("value for a section", """{ "Logging": 5 }""", "Logging", "must be an object, not '5'"),
            new("array for a section", """{ "HighAvailability": [ "primary" ] }""", "HighAvailability", "must be an object, not an array"),
            new("port out of range", """{ "TServer": { "Port": 70000 } }""", "TServer:Port", "70000 is out of range 0-65535", AnyPort: false),
            new("MaxClients zero", """{ "TServer": { "MaxClients": 0 } }""", "TServer:MaxClients", "0 is out of range 1-100000"),
            new("frame size too small", """{ "TServer": { "MaxFrameSize": 100 } }""", "TServer:MaxFrameSize", "100 is out of range"),
            new("queue below a frame", """{ "TServer": { "ClientQueueBytes": 2000 } }""", "TServer:ClientQueueBytes", "is below MaxFrameSize"),
            new("registration deadline zero", """{ "TServer": { "RegistrationTimeoutSeconds": 0 } }""", "TServer:RegistrationTimeoutSeconds", "0 is out of range 1-3600 seconds"),
            new("DN limit not a number", """{ "TServer": { "MaxDnsPerClient": "many" } }""", "TServer:MaxDnsPerClient", "'many' is not a valid integer"),
            new("bad CIDR", """{ "TServer": { "AllowedClients": [ "10.0.0.0/33" ] } }""", "TServer:AllowedClients:0", "'10.0.0.0/33' is not a CIDR range"),
            new("TLS certificate missing", """{ "TServer": { "Tls": { "CertificatePemFile": "/nonexistent/server.crt", "KeyPemFile": "/nonexistent/server.key" } } }""", "TServer:Tls:CertificatePemFile", "file '/nonexistent/server.crt' does not exist", Lines: 2),
            new("TLS key not set", $$"""{ "TServer": { "Tls": { "CertificatePemFile": {{Quote(cert)}} } } }""", "TServer:Tls:KeyPemFile", "is empty but the certificate file is set"),
            new("ADDP timeout too long", """{ "TServer": { "Addp": { "TimeoutSeconds": 5000 } } }""", "TServer:Addp:TimeoutSeconds", "5000 is out of range 0-3600"),
            new("ADDP trace unknown", """{ "TServer": { "Addp": { "Trace": "loud" } } }""", "TServer:Addp:Trace", "'loud' is not one of off, local, remote, full"),
            new("log level unknown", """{ "Logging": { "Level": "Chatty" } }""", "Logging:Level", "'Chatty' is not a log level"),
            new("log rate limit negative", """{ "Logging": { "RateLimitPerSecond": -1 } }""", "Logging:RateLimitPerSecond", "-1 is out of range: lines per second per event id, 0 (no limit) to 1000000"),
            new("area level unknown", """{ "Logging": { "Areas": { "Switching": "Loud" } } }""", "Logging:Areas:Switching", "'Loud' is not a log level"),
            new("role unknown", """{ "HighAvailability": { "Role": "leader" } }""", "HighAvailability:Role", "'leader' must be primary or backup"),
            new("profile file missing", $$"""{ "Switches": [ { "Name": "a", "Profile": "missing.json", "Links": {{Link}} } ] }""", "Switches:0:Profile", "missing.json' not found"),
            new("profile name unknown", $$"""{ "Switches": [ { "Name": "a", "Profile": "osv-v99", "Links": {{Link}} } ] }""", "Switches:0:Profile", "unknown firmware profile name 'osv-v99' (known: "),
            new("profile invalid", $$"""{ "Switches": [ { "Name": "a", "Profile": "broken-profile.json", "Links": {{Link}} } ] }""", "Switches:0:Profile", "is invalid"),
            new("switch name missing", $$"""{ "Switches": [ { "Profile": "osv-v10", "Links": {{Link}} } ] }""", "Switches:0:Name", "a switch name is required"),
            new("switch without links", """{ "Switches": [ { "Name": "a", "Profile": "osv-v10" } ] }""", "Switches:0:Links", "at least one link is required"),
            new("link port zero", """{ "Switches": [ { "Name": "a", "Profile": "osv-v10", "Links": [ { "Host": "pbx", "Port": 0 } ] } ] }""", "Switches:0:Links:0:Port", "0 is not a TCP port (1..65535)"),
            new("link priority zero", """{ "Switches": [ { "Name": "a", "Profile": "osv-v10", "Links": [ { "Host": "pbx", "Port": 1040, "Priority": 0 } ] } ] }""", "Switches:0:Links:0:Priority", "0 must be 1 or more"),
            new("duplicate switch names", $$"""{ "Switches": [ { "Name": "a", "Profile": "osv-v10", "Links": {{Link}} }, { "Name": "a", "Profile": "osv-v10", "Links": {{Link}} } ] }""", "Switches:1:Name", "duplicate switch name 'a' (also Switches:0:Name)"),
            new("DN numbering conflict", $$"""{ "Switches": [ { "Name": "a", "Profile": "osv-v10", "Links": {{Link}} }, { "Name": "b", "Profile": "osv-v10", "Links": {{Link}} } ] }""", "Switches:1:Profile", "the numbering plan of switch b overlaps switch a: 5001-5099 overlaps 5001-5099"),
            new("T-Library port in use", $$"""{ "TServer": { "Host": "127.0.0.1", "Port": {{heldPort}} } }""", "TServer:Port", $"port {heldPort} on 127.0.0.1 cannot be bound: already in use by another process", AnyPort: false),
            new("demo rate negative", """{ "Demo": { "CallsPerSecond": -1 } }""", "Demo:CallsPerSecond", "-1 must be between 0 and 10000"),
            new("demo simulator not HOST:PORT", """{ "Demo": { "Simulator": "nonsense" } }""", "Demo:Simulator", "'nonsense' is not HOST:PORT"),
            new("DN type unknown", $$"""{ "Switches": [ { "Name": "a", "Profile": "osv-v10", "Links": {{Link}}, "Dns": [ { "Number": "4002", "Type": "Queue" } ] } ] }""", "Switches:0:Dns:0:Type", "'Queue' is not a DN type (one of Extension, ACDPosition, ACDQueue, RoutingPoint, Trunk)"),
            new("DN key misspelt", $$"""{ "Switches": [ { "Name": "a", "Profile": "osv-v10", "Links": {{Link}}, "Dns": [ { "Numbr": "4002", "Type": "ACDQueue" } ] } ] }""", "Switches:0:Dns:0:Numbr", "unknown key (known keys here: From, Number, To, Type)", Lines: 2),
            new("DN range reversed", $$"""{ "Switches": [ { "Name": "a", "Profile": "osv-v10", "Links": {{Link}}, "Dns": [ { "From": "6050", "To": "6001", "Type": "ACDPosition" } ] } ] }""", "Switches:0:Dns:0:To", "'6001' is below From '6050'"),
            new("DN of two switches", $$"""{ "Switches": [ { "Name": "a", "Profile": "osv-v10", "Links": {{Link}}, "Dns": [ { "Number": "9001", "Type": "Extension" } ] }, { "Name": "b", "Profile": "avaya-aes-dmcc-8", "Links": {{Link}}, "Session": { "CmName": "CM1" }, "Dns": [ { "Number": "9001", "Type": "Extension" } ] } ] }""", "Switches:1:Dns:0:Number", "DN 9001 is also a DN of switch a (Switches:0:Dns:0: 9001): a DN belongs to one switch"),
            new("DN entry in a switch's plan overlap", $$"""{ "Switches": [ { "Name": "a", "Profile": "osv-v10", "Links": {{Link}} }, { "Name": "b", "Profile": "avaya-aes-dmcc-8", "Links": {{Link}}, "Session": { "CmName": "CM1" }, "Dns": [ { "From": "5090", "To": "5110", "Type": "Extension" } ] } ] }""", "Switches:1:Dns:0:From", "5090-5110 overlaps switch a at DN 5090 (numbering plan of profile osv-v10: 5001-5099 extension)"),
        };
        Assert.True(mistakes.Count >= 20);

        // Parallel but bounded: a 2-core CI machine runs other test projects at the same time.
        using var gate = new SemaphoreSlim(4);
        var results = await Task.WhenAll(mistakes.Select(async (m, i) =>
        {
            await gate.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                var file = Path.Combine(dir.Directory, $"mistake-{i}.json");
                await File.WriteAllTextAsync(file, m.Json);
                string[] args = m.AnyPort ? ["--check-config", file, "--TServer:Port=0"] : ["--check-config", file];
                await using var daemon = ManagedProcess.Start(RepoPaths.DaemonDll, args);
                var code = await daemon.WaitForExitAsync(Timeout);
                return Judge(m, file, code, daemon.StderrLines.ToList(), daemon.StdoutLines.ToList());
            }
            finally
            {
                gate.Release();
            }
        }));

        var failures = results.Where(r => r is not null).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} of {mistakes.Count} mistakes misreported:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task AMissingFileIsReportedWithTheFileName()
    {
        using var config = new TempConfig("{}");
        var missingPath = Path.Combine(config.Directory, "nope.json");
        await using var missing = ManagedProcess.Start(RepoPaths.DaemonDll, ["--check-config", missingPath]);
        Assert.Equal(2, await missing.WaitForExitAsync(Timeout));
        Assert.Equal($"ctigatewayd: config: {missingPath}: config file not found", Assert.Single(missing.StderrLines));
    }

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);

    /// <summary>Every mistake is a value of the file (or a key the file leaves out), so its line is <c>FILE:LINE:COL: KEY: reason</c>.</summary>
    private static string? Judge(Mistake m, string file, int code, List<string> stderr, List<string> stdout)
    {
        var prefix = new Regex($@"^{Regex.Escape(file)}:\d+:\d+: {Regex.Escape(m.Key)}: ");
        var problem = code != 2 ? $"exit code {code}, not 2"
            : !stderr.Any(l => prefix.IsMatch(l) && l.Contains(m.Reason, StringComparison.Ordinal)) ? $"no line '{file}:LINE:COL: {m.Key}: ...{m.Reason}...'"
            : stderr.Count != m.Lines ? $"{stderr.Count} stderr lines, expected {m.Lines}"
            : stdout.Any(l => l.Contains("ready", StringComparison.Ordinal)) ? "printed a ready line"
            : null;
        return problem is null ? null : $"- {m.Name}: {problem}; stderr: [{string.Join(" | ", stderr)}]";
    }
}
