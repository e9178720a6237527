using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CtiGateway.Cli.Bench;

/// <summary>
/// The temporary files of a calls bench: an OSV-style firmware profile (osv-v10's dialect, keep-alive and services)
/// whose numbering plan is the bench's DNs, and the gateway config that links switch <see cref="BenchSwitch.SwitchName"/>
/// to the bench's simulator. Deleted on dispose.
/// </summary>
internal sealed class BenchFiles : IDisposable
{
    public const string ProfileId = "bench-osv";

    private BenchFiles(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string ProfilePath => Path.Combine(Directory, ProfileId + ".json");

    public string ConfigPath => Path.Combine(Directory, "ctigateway.json");

    /// <summary>Creates the folder and writes the profile.</summary>
    public static BenchFiles Create(CallsOptions options)
    {
        var files = new BenchFiles(System.IO.Directory.CreateTempSubdirectory("ctigw-bench-calls-").FullName);
        File.WriteAllText(files.ProfilePath, Profile(options));
        return files;
    }

    /// <summary>The profile JSON: osv-v10 with the numbering plan FirstDn .. FirstDn + Dns - 1 (all extensions).</summary>
    public static string Profile(CallsOptions options)
    {
        var last = options.FirstDn + options.Dns - 1;
        var profile = new JsonObject
        {
            ["id"] = ProfileId,
            ["model"] = "ctigw bench calls: OpenScape Voice style (CSTA-XML over TCP)",
            ["firmware"] = new JsonObject { ["min"] = "V10R0", ["max"] = "V10R3" },
            ["transport"] = new JsonObject { ["kind"] = "tcp", ["role"] = "client", ["port"] = 1040, ["tls"] = false },
            ["framing"] = new JsonObject { ["kind"] = "csta-xml-tcp", ["max-frame"] = 65535 },
            ["dialect"] = new JsonObject
            {
                ["kind"] = "csta-xml",
                ["namespace"] = "http://www.ecma-international.org/standards/ecma-323/csta/ed4",
                ["private-namespace"] = "http://www.siemens.com/schema/csta",
                ["event-invoke-id"] = "9999",
                ["switch-sends-system-status-first"] = true,
                ["system-register"] = true,
            },
            ["keep-alive"] = new JsonObject { ["kpl-interval"] = 10, ["kpl-tolerance"] = 3, ["method"] = "SystemStatus" },
            ["quirks"] = new JsonArray(
                "switch-invoke-ids-may-repeat", "device-id-noa-syntax", "private-data-scx", "actual-hbt-in-session-extensions", "transferred-event-standard-spelling"),
            ["numbering-plan"] = new JsonArray(new JsonObject
            {
                ["from"] = options.FirstDn.ToString(CultureInfo.InvariantCulture),
                ["to"] = last.ToString(CultureInfo.InvariantCulture),
                ["type"] = "extension",
            }),
            ["services"] = new JsonArray(
                "MonitorStart", "MonitorStop", "MakeCall", "AnswerCall", "ClearConnection", "ClearCall", "HoldCall", "RetrieveCall",
                "SnapshotDevice", "SystemStatus", "SystemRegister"),
        };
        return profile.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Writes the gateway config: T-Library on a free loopback port, quiet logs, no control socket, one switch.</summary>
    public void WriteConfig(CallsOptions options, IPEndPoint simulator)
    {
        var limit = options.Clients + 64;
        var config = new JsonObject
        {
            ["TServer"] = new JsonObject
            {
                ["Host"] = "127.0.0.1",
                ["Port"] = 0,
                ["MaxClients"] = limit,
                ["MaxClientsPerAddress"] = limit,
                ["MaxDnsPerClient"] = Math.Max(50_000, options.Dns),
            },
            // Information for the daemon's own lines (the ready line gives the port), warnings only from the busy parts.
            ["Logging"] = new JsonObject
            {
                ["Level"] = "Information",
                ["Areas"] = new JsonObject { ["Switching"] = "Warning", ["TServer"] = "Warning" },
            },
            ["Control"] = new JsonObject { ["Socket"] = "" },
            ["Switches"] = new JsonArray(new JsonObject
            {
                ["Name"] = BenchSwitch.SwitchName,
                ["Profile"] = ProfileId + ".json",
                ["Links"] = new JsonArray(new JsonObject
                {
                    ["Host"] = simulator.Address.ToString(),
                    ["Port"] = simulator.Port,
                }),
            }),
        };
        File.WriteAllText(ConfigPath, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
