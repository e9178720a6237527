using System.Globalization;
using System.Text.Json;
using CtiGateway.Json;

namespace CtiGateway.Pbx.Profiles;

/// <summary>
/// Checks a profile document and builds the <see cref="FirmwareProfile"/> in one walk over the positioned JSON.
/// Every mistake is recorded with the position of the value (or property name) concerned; the walk never stops at
/// the first one. The model is built only when there is no mistake.
/// </summary>
internal sealed partial class FirmwareProfileReader
{
    private static readonly string[] RootProperties =
        ["$schema", "id", "model", "firmware", "notes", "transport", "framing", "dialect", "keep-alive", "quirks", "numbering-plan", "services", "hardware-errors"];

    private static readonly string[] RootRequired =
        ["id", "model", "firmware", "transport", "framing", "dialect", "keep-alive", "numbering-plan", "services"];

    private readonly string _file;
    private readonly List<ProfileProblem> _problems = [];

    private FirmwareProfileReader(string file)
    {
        _file = file;
    }

    /// <summary>Reads <paramref name="utf8"/>, the contents of <paramref name="file"/>.</summary>
    public static (FirmwareProfile? Profile, IReadOnlyList<ProfileProblem> Problems) Read(string file, byte[] utf8)
    {
        var reader = new FirmwareProfileReader(file);
        var root = PositionedJsonReader.Parse(utf8, out var syntax);
        if (root is null)
        {
            var (line, column, message) = syntax!.Value;
            reader.Add(line, column, message);
            return (null, reader._problems);
        }

        var profile = reader.ReadProfile(root);
        var problems = reader._problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
        return (problems.Count == 0 ? profile : null, problems);
    }

    private FirmwareProfile? ReadProfile(PositionedJson root)
    {
        if (!CheckObject(root, "", RootProperties, RootRequired))
        {
            return null;
        }

        var id = String(root, "", "id");
        if (id is not null)
        {
            var expected = Path.GetFileNameWithoutExtension(_file);
            if (!IdPattern().IsMatch(id))
            {
                Add(root["id"]!, $"id: '{id}' must be lowercase letters, digits, '.' and '-'");
            }
            else if (!string.Equals(id, expected, StringComparison.Ordinal))
            {
                Add(root["id"]!, $"id: '{id}' does not match the file name '{Path.GetFileName(_file)}'");
            }
        }

        var schema = root["$schema"];
        if (schema is not null && schema.Kind != JsonTokenType.String)
        {
            Add(schema, $"$schema: expected a string, got {schema.KindName}");
        }

        var model = String(root, "", "model");
        var firmware = ReadFirmware(root["firmware"]);
        var notes = String(root, "", "notes");
        var transport = ReadTransport(root["transport"]);
        var framing = ReadFraming(root["framing"], root["transport"]);
        var dialect = ReadDialect(root["dialect"]);
        var keepAlive = ReadKeepAlive(root["keep-alive"], root["dialect"]);
        var quirks = ReadNames(root["quirks"], "quirks", "quirk", ProfileVocabulary.Quirks.ContainsKey) ?? [];
        var plan = ReadNumberingPlan(root["numbering-plan"]);
        var services = ReadNames(root["services"], "services", "service", ProfileVocabulary.Services.Contains);
        var hardwareErrors = ReadHardwareErrors(root["hardware-errors"]);

        return model is null || firmware is null || transport is null || framing is null || dialect is null
            || keepAlive is null || plan is null || services is null || id is null || hardwareErrors is null
            ? null
            : new FirmwareProfile(id, model, firmware, notes, transport, framing, dialect, keepAlive, quirks, plan, services) { HardwareErrors = hardwareErrors };
    }

    private FirmwareRange? ReadFirmware(PositionedJson? node)
    {
        if (node is null || !CheckObject(node, "firmware", ["min", "max"], ["min", "max"]))
        {
            return null;
        }

        var min = String(node, "firmware", "min");
        var max = String(node, "firmware", "max");
        return min is null || max is null ? null : new FirmwareRange(min, max);
    }

    private TransportSettings? ReadTransport(PositionedJson? node)
    {
        var kind = Kind(node, "transport", [("tcp", TransportKind.Tcp), ("serial", TransportKind.Serial)]);
        if (node is null || kind is null)
        {
            return null;
        }

        if (kind == TransportKind.Tcp)
        {
            if (!CheckObject(node, "transport", ["kind", "role", "port", "tls"], ["kind", "port"]))
            {
                return null;
            }

            var role = node["role"] is null ? TcpRole.Client : Enum(node, "transport", "role", [("client", TcpRole.Client), ("server", TcpRole.Server)]);
            var port = Integer(node, "transport", "port", 1, 65535);
            var tls = node["tls"] is null ? false : Bool(node, "transport", "tls");
            return role is null || port is null || tls is null ? null : new TransportSettings(TransportKind.Tcp, new TcpSettings(role.Value, (int)port, tls.Value), null);
        }

        if (!CheckObject(node, "transport", ["kind", "baud", "data-bits", "parity", "stop-bits", "flow-control"], ["kind", "baud", "parity", "stop-bits", "flow-control"]))
        {
            return null;
        }

        var baud = Integer(node, "transport", "baud", 1, int.MaxValue);
        if (baud is not null && !ProfileVocabulary.BaudRates.Contains((int)baud))
        {
            Add(node["baud"]!, $"transport.baud: {baud} is not a standard baud rate ({string.Join(", ", ProfileVocabulary.BaudRates.Order())})");
            baud = null;
        }

        var dataBits = node["data-bits"] is null ? 8 : Integer(node, "transport", "data-bits", 5, 8);
        var parity = Enum(node, "transport", "parity",
            [("none", SerialParity.None), ("even", SerialParity.Even), ("odd", SerialParity.Odd), ("mark", SerialParity.Mark), ("space", SerialParity.Space)]);
        var stopBits = StopBits(node);
        var flow = Enum(node, "transport", "flow-control",
            [("none", SerialFlowControl.None), ("xon-xoff", SerialFlowControl.XonXoff), ("rts-cts", SerialFlowControl.RtsCts)]);
        return baud is null || dataBits is null || parity is null || stopBits is null || flow is null
            ? null
            : new TransportSettings(TransportKind.Serial, null, new SerialSettings((int)baud, (int)dataBits, parity.Value, stopBits.Value, flow.Value));
    }

    private double? StopBits(PositionedJson node)
    {
        var value = node["stop-bits"];
        if (value is null)
        {
            return null;
        }

        if (value.Kind != JsonTokenType.Number)
        {
            Add(value, $"transport.stop-bits: expected a number, got {value.KindName}");
            return null;
        }

        var bits = double.Parse(value.Text!, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (bits is not (1 or 1.5 or 2))
        {
            Add(value, $"transport.stop-bits: {value.Text} is not one of 1, 1.5, 2");
            return null;
        }

        return bits;
    }

    private FramingSettings? ReadFraming(PositionedJson? node, PositionedJson? transport)
    {
        var kind = Kind(node, "framing", [("csta-xml-tcp", FramingKind.CstaXmlTcp), ("lapb", FramingKind.Lapb), ("bsc", FramingKind.Bsc)]);
        if (node is null || kind is null)
        {
            return null;
        }

        // The mismatch is checked on the transport's kind alone, so it is reported even when other transport values are wrong.
        var needs = kind == FramingKind.CstaXmlTcp ? "tcp" : "serial";
        if (transport is { Kind: JsonTokenType.StartObject } && transport["kind"] is { Kind: JsonTokenType.String, Text: "tcp" or "serial" } transportKind
            && transportKind.Text != needs)
        {
            Add(node["kind"]!, $"framing.kind: '{node["kind"]!.Text}' needs transport kind '{needs}', but transport.kind is '{transportKind.Text}'");
        }

        switch (kind.Value)
        {
            case FramingKind.CstaXmlTcp:
            {
                if (!CheckObject(node, "framing", ["kind", "max-frame"], ["kind"]))
                {
                    return null;
                }

                var maxFrame = node["max-frame"] is null ? 65535 : Integer(node, "framing", "max-frame", 9, 65535);
                return maxFrame is null ? null : new FramingSettings(FramingKind.CstaXmlTcp, new CstaXmlTcpFraming((int)maxFrame), null, null);
            }

            case FramingKind.Lapb:
            {
                if (!CheckObject(node, "framing", ["kind", "address-local", "address-remote", "t1-ms", "t3-ms", "n1", "n2", "k"], ["kind", "t1-ms", "n1", "n2", "k"]))
                {
                    return null;
                }

                var local = node["address-local"] is null ? 1 : Integer(node, "framing", "address-local", 0, 255);
                var remote = node["address-remote"] is null ? 3 : Integer(node, "framing", "address-remote", 0, 255);
                var t1 = Integer(node, "framing", "t1-ms", 1, 600_000, "T1 must be greater than 0 and at most 600000 ms");
                var t3 = node["t3-ms"] is null ? 0 : Integer(node, "framing", "t3-ms", 0, 3_600_000);
                var n1 = Integer(node, "framing", "n1", 5, 65535, "n1 counts the whole frame (address, control, information, 2 FCS octets): at least 5");
                var n2 = Integer(node, "framing", "n2", 1, 255, "N2 must be 1-255");
                var k = Integer(node, "framing", "k", 1, 7, "k must be 1-7 with modulo-8 sequence numbers");
                return local is null || remote is null || t1 is null || t3 is null || n1 is null || n2 is null || k is null
                    ? null
                    : new FramingSettings(FramingKind.Lapb, null, new LapbFraming((int)local, (int)remote, TimeSpan.FromMilliseconds(t1.Value),
                        TimeSpan.FromMilliseconds(t3.Value), (int)n1, (int)n2, (int)k), null);
            }

            default:
            {
                if (!CheckObject(node, "framing", ["kind", "sender-timeout-ms", "receiver-timeout-ms", "start-retries", "query-retries", "nak-retries", "max-block"],
                        ["kind", "sender-timeout-ms", "receiver-timeout-ms", "start-retries", "query-retries", "nak-retries", "max-block"]))
                {
                    return null;
                }

                var sender = Integer(node, "framing", "sender-timeout-ms", 1, 600_000, "the sender timeout must be greater than 0 and at most 600000 ms");
                var receiver = Integer(node, "framing", "receiver-timeout-ms", 1, 600_000, "the receiver timeout must be greater than 0 and at most 600000 ms");
                var start = Integer(node, "framing", "start-retries", 0, 255);
                var query = Integer(node, "framing", "query-retries", 0, 255);
                var nak = Integer(node, "framing", "nak-retries", 0, 255);
                var maxBlock = Integer(node, "framing", "max-block", 1, 65535);
                return sender is null || receiver is null || start is null || query is null || nak is null || maxBlock is null
                    ? null
                    : new FramingSettings(FramingKind.Bsc, null, null, new BscFraming(TimeSpan.FromMilliseconds(sender.Value),
                        TimeSpan.FromMilliseconds(receiver.Value), (int)start, (int)query, (int)nak, (int)maxBlock));
            }
        }
    }

    private DialectSettings? ReadDialect(PositionedJson? node)
    {
        if (node is null || !CheckObject(node, "dialect",
                ["kind", "namespace", "private-namespace", "event-invoke-id", "switch-sends-system-status-first", "system-register", "application-session", "device-id", "startup-timeout-ms", "request-timeout-ms"],
                ["kind", "namespace", "event-invoke-id"]))
        {
            return null;
        }

        var kind = Enum(node, "dialect", "kind", [("csta-xml", true)]);
        var ns = String(node, "dialect", "namespace");
        if (ns is not null && !ns.StartsWith(CstaNamespacePrefix, StringComparison.Ordinal))
        {
            Add(node["namespace"]!, $"dialect.namespace: '{ns}' is not an ECMA-323 CSTA namespace ({CstaNamespacePrefix}N)");
            ns = null;
        }

        var privateNs = String(node, "dialect", "private-namespace");
        if (privateNs is not null && !Uri.TryCreate(privateNs, UriKind.Absolute, out _))
        {
            Add(node["private-namespace"]!, $"dialect.private-namespace: '{privateNs}' is not an absolute URI");
        }

        var invokeId = String(node, "dialect", "event-invoke-id");
        if (invokeId is not null && !(invokeId.Length == 4 && invokeId.All(char.IsAsciiDigit)))
        {
            Add(node["event-invoke-id"]!, $"dialect.event-invoke-id: '{invokeId}' is not 4 ASCII digits");
            invokeId = null;
        }

        var systemStatusFirst = node["switch-sends-system-status-first"] is null ? false : Bool(node, "dialect", "switch-sends-system-status-first");
        var systemRegister = node["system-register"] is null ? false : Bool(node, "dialect", "system-register");
        ApplicationSessionSettings? session = null;
        var sessionOk = true;
        if (node["application-session"] is { } sessionNode)
        {
            session = ReadApplicationSession(sessionNode);
            sessionOk = session is not null;
        }

        DeviceIdScheme? deviceIds = node["device-id"] is null
            ? DeviceIdScheme.DirectoryNumber
            : Enum(node, "dialect", "device-id", [("dn", DeviceIdScheme.DirectoryNumber), ("get-device-id", DeviceIdScheme.GetDeviceId)]);
        if (deviceIds == DeviceIdScheme.GetDeviceId && node["application-session"] is null)
        {
            Add(node["device-id"]!, "dialect.device-id: 'get-device-id' (Avaya DMCC) needs dialect.application-session");
            deviceIds = null;
        }

        var startupTimeout = node["startup-timeout-ms"] is null
            ? (long)DialectSettings.DefaultStartupTimeout.TotalMilliseconds
            : Integer(node, "dialect", "startup-timeout-ms", 100, 600_000, "the start-up timeout is 100-600000 ms (default 5000)");

        var requestTimeout = node["request-timeout-ms"] is null
            ? (long)DialectSettings.DefaultRequestTimeout.TotalMilliseconds
            : Integer(node, "dialect", "request-timeout-ms", 100, 600_000, "the request timeout is 100-600000 ms (default 4000)");

        return kind is null || ns is null || invokeId is null || systemStatusFirst is null || systemRegister is null || !sessionOk || deviceIds is null
            || startupTimeout is null || requestTimeout is null
            ? null
            : new DialectSettings(ns, privateNs, invokeId, systemStatusFirst.Value, systemRegister.Value, session)
            {
                DeviceIds = deviceIds.Value,
                StartupTimeout = TimeSpan.FromMilliseconds(startupTimeout.Value),
                RequestTimeout = TimeSpan.FromMilliseconds(requestTimeout.Value),
            };
    }

    private ApplicationSessionSettings? ReadApplicationSession(PositionedJson node)
    {
        const string path = "dialect.application-session";
        if (!CheckObject(node, path, ["protocol-version", "requested-duration-s", "cleanup-delay-s", "reset-at"], ["protocol-version", "requested-duration-s", "reset-at"]))
        {
            return null;
        }

        var version = String(node, path, "protocol-version");
        var duration = Integer(node, path, "requested-duration-s", 1, 86_400);
        var cleanup = node["cleanup-delay-s"] is null ? 0 : Integer(node, path, "cleanup-delay-s", 0, 86_400);
        double? resetAt = null;
        if (node["reset-at"] is { } reset)
        {
            if (reset.Kind != JsonTokenType.Number)
            {
                Add(reset, $"{path}.reset-at: expected a number, got {reset.KindName}");
            }
            else if (double.Parse(reset.Text!, NumberStyles.Float, CultureInfo.InvariantCulture) is var fraction and > 0 and < 1)
            {
                resetAt = fraction;
            }
            else
            {
                Add(reset, $"{path}.reset-at: {reset.Text} is out of range: must be a fraction of the session duration, greater than 0 and less than 1");
            }
        }

        return version is null || duration is null || cleanup is null || resetAt is null
            ? null
            : new ApplicationSessionSettings(version, TimeSpan.FromSeconds(duration.Value), TimeSpan.FromSeconds(cleanup.Value), resetAt.Value);
    }

    private KeepAliveSettings? ReadKeepAlive(PositionedJson? node, PositionedJson? dialect)
    {
        if (node is null || !CheckObject(node, "keep-alive", ["kpl-interval", "kpl-tolerance", "method"], ["kpl-interval", "kpl-tolerance", "method"]))
        {
            return null;
        }

        var interval = Integer(node, "keep-alive", "kpl-interval", 0, 600, "kpl-interval is 0-600 seconds (0 disables)");
        var tolerance = Integer(node, "keep-alive", "kpl-tolerance", 0, 10);
        var method = Enum(node, "keep-alive", "method",
            [("SystemStatus", KeepAliveMethod.SystemStatus), ("RequestSystemStatus", KeepAliveMethod.RequestSystemStatus),
             ("ResetApplicationSessionTimer", KeepAliveMethod.ResetApplicationSessionTimer)]);
        if (method == KeepAliveMethod.ResetApplicationSessionTimer && dialect is { Kind: JsonTokenType.StartObject } && dialect["application-session"] is null)
        {
            Add(node["method"]!, "keep-alive.method: 'ResetApplicationSessionTimer' needs dialect.application-session");
        }

        return interval is null || tolerance is null || method is null ? null : new KeepAliveSettings(TimeSpan.FromSeconds(interval.Value), (int)tolerance, method.Value);
    }

    private List<DnRange>? ReadNumberingPlan(PositionedJson? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node.Kind != JsonTokenType.StartArray)
        {
            Add(node, $"numbering-plan: expected an array, got {node.KindName}");
            return null;
        }

        var ranges = new List<(DnRange Range, PositionedJson At)>();
        var ok = true;
        for (var i = 0; i < node.Items.Count; i++)
        {
            var item = node.Items[i];
            var path = $"numbering-plan[{i}]";
            if (!CheckObject(item, path, ["from", "to", "type"], ["from", "to", "type"]))
            {
                ok = false;
                continue;
            }

            var from = Dn(item, path, "from");
            var to = Dn(item, path, "to");
            var type = Enum(item, path, "type",
                [("extension", DnType.Extension), ("acd-position", DnType.AcdPosition), ("acd-queue", DnType.AcdQueue), ("route-point", DnType.RoutePoint), ("trunk", DnType.Trunk)]);
            if (from is null || to is null || type is null)
            {
                ok = false;
                continue;
            }

            if (from.Length != to.Length || string.CompareOrdinal(from, to) > 0)
            {
                Add(item["to"]!, $"{path}.to: '{to}' must have as many digits as from '{from}' and not be below it");
                ok = false;
                continue;
            }

            var range = new DnRange(from, to, type.Value);
            foreach (var (earlier, at) in ranges)
            {
                if (range.Overlaps(earlier))
                {
                    Add(item, $"{path}: {Describe(range)} overlaps {Describe(earlier)} at line {at.Line}");
                    ok = false;
                }
            }

            ranges.Add((range, item));
        }

        return ok ? ranges.ConvertAll(r => r.Range) : null;
    }

    private static string Describe(DnRange range) => $"{range.From}-{range.To} ({Name(range.Type)})";

    private string? Dn(PositionedJson node, string path, string name)
    {
        var dn = String(node, path, name);
        if (dn is not null && !(dn.Length is >= 1 and <= 32 && dn.All(char.IsAsciiDigit)))
        {
            Add(node[name]!, $"{path}.{name}: '{dn}' is not a DN of 1-32 digits");
            return null;
        }

        return dn;
    }

    private List<string>? ReadNames(PositionedJson? node, string path, string what, Func<string, bool> known)
    {
        if (node is null)
        {
            return null;
        }

        if (node.Kind != JsonTokenType.StartArray)
        {
            Add(node, $"{path}: expected an array of strings, got {node.KindName}");
            return null;
        }

        var names = new List<string>();
        var ok = true;
        foreach (var item in node.Items)
        {
            if (item.Kind != JsonTokenType.String)
            {
                Add(item, $"{path}: expected a string, got {item.KindName}");
                ok = false;
            }
            else if (!known(item.Text!))
            {
                Add(item, $"{path}: unknown {what} '{item.Text}'");
                ok = false;
            }
            else if (names.Contains(item.Text!, StringComparer.Ordinal))
            {
                Add(item, $"{path}: duplicate {what} '{item.Text}'");
                ok = false;
            }
            else
            {
                names.Add(item.Text!);
            }
        }

        return ok ? names : null;
    }
}
