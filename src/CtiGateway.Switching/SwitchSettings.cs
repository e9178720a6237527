using CtiGateway.CallModel;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Switching;

/// <summary>One switch in the configuration (<c>Switches:N</c>): its name, firmware profile and links.</summary>
public sealed class SwitchSettings
{
    /// <summary>Switch name as clients see it (<c>tel_sw</c>); it appears in Extensions "switch" of link events.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Path of the firmware profile JSON (relative paths resolve against the profile base directory).</summary>
    public string Profile { get; set; } = string.Empty;

    /// <summary>The links of the switch.</summary>
    public List<SwitchLinkSettings> Links { get; set; } = [];

    /// <summary>The application session (AES log-in, GetDeviceId's CM name and address) of session profiles.</summary>
    public SwitchSessionSettings Session { get; set; } = new();

    /// <summary>
    /// What a consultation call's user data is (Genesys <c>consult-user-data</c>): <c>separate</c>, <c>inherited</c>
    /// (default: a copy of the original call's data when the consultation is dialled) or <c>joint</c> (one shared set).
    /// </summary>
    public string ConsultUserData { get; set; } = "inherited";

    /// <summary>The <see cref="ConsultUserData"/> policy, or null when the value is not one of the three.</summary>
    public ConsultUserDataPolicy? ConsultUserDataPolicy => ConsultUserData?.ToLowerInvariant() switch
    {
        "separate" => CallModel.ConsultUserDataPolicy.Separate,
        "inherited" => CallModel.ConsultUserDataPolicy.Inherited,
        "joint" => CallModel.ConsultUserDataPolicy.Joint,
        _ => null,
    };

    /// <summary>
    /// The switch's own DNs (<c>Switches:N:Dns</c>), added to the profile's numbering plan: an entry for a DN of the plan
    /// overrides the plan's type for that DN, any other entry adds a DN (<see cref="SwitchDirectory.BuildDirectory"/>).
    /// </summary>
    public List<SwitchDnSettings> Dns { get; set; } = [];

    /// <summary>The agents logged in when the gateway starts (<c>Switches:N:Agents</c>, <see cref="SwitchAgentSettings"/>).</summary>
    public List<SwitchAgentSettings> Agents { get; set; } = [];

    /// <summary>Default of <see cref="MonitorRetrySeconds"/>.</summary>
    public const int DefaultMonitorRetrySeconds = 30;

    /// <summary>
    /// How often MonitorStart is asked again for the DNs whose monitoring the switch refused (<c>Switches:N:MonitorRetrySeconds</c>,
    /// 1..3600, default 30): such a DN is out of service (EventDNOutOfService) until a retry works (EventDNBackInService).
    /// </summary>
    public int MonitorRetrySeconds { get; set; } = DefaultMonitorRetrySeconds;

    /// <summary>
    /// How this switch reaches the other switches of the gateway over the PBX trunk (<c>Switches:N:AccessNumbers</c>):
    /// per other switch, the access code dialled before the DN (<c>{ "Switch": "tel_sw_1", "Code": "8" }</c>: DN 7778
    /// of tel_sw_1 is dialled as 87778). A redirect or transfer to a DN of a switch without an entry here is refused.
    /// </summary>
    public List<SwitchAccessNumber> AccessNumbers { get; set; } = [];

    /// <summary>The switch's routing points (<c>Switches:N:RoutePoints</c>): default destination and router timeout of each.</summary>
    public List<RoutePointSettings> RoutePoints { get; set; } = [];

    /// <summary>Most routing points one call may pass (<c>Switches:N:RouteHopLimit</c>, 1-64, default 8); past it the call is in a routing loop.</summary>
    public int RouteHopLimit { get; set; } = 8;

    /// <summary>The profile path resolved against <paramref name="baseDirectory"/>.</summary>
    public string ResolveProfilePath(string baseDirectory) =>
        Path.IsPathRooted(Profile) ? Profile : Path.GetFullPath(Path.Combine(baseDirectory, Profile));

    /// <summary>
    /// Checks the switches of one gateway; one line per problem with the key path (<c>Switches:0:Links:1:Port</c>).
    /// Loads every profile: unknown or invalid profile files, link keys that do not fit the profile's transport (TCP
    /// client: Host and Port; dial-in TCP server: listening address and port; serial: Device and line overrides), a
    /// serial device used twice, duplicate switch names, numbering-plan ranges that overlap between switches, and the
    /// <c>Dns</c> entries (<see cref="SwitchDnSettings"/>): type, number or range, a DN listed twice, a DN of two
    /// switches, more than <see cref="SwitchDirectory.MaxDns"/> DNs in one switch.
    /// </summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<SwitchSettings> switches, string path, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(switches);
        var problems = new List<string>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var plans = new List<(string Switch, string Key, DnRange Range)>();
        var devices = new Dictionary<string, string>(StringComparer.Ordinal);
        var domains = new List<SwitchDnPlan>(switches.Count);
        for (var i = 0; i < switches.Count; i++)
        {
            var sw = switches[i];
            var key = $"{path}:{i}";
            if (string.IsNullOrWhiteSpace(sw.Name))
            {
                problems.Add($"{key}:Name: a switch name is required");
            }
            else if (names.TryGetValue(sw.Name, out var first))
            {
                problems.Add($"{key}:Name: duplicate switch name '{sw.Name}' (also {path}:{first}:Name)");
            }
            else
            {
                names[sw.Name] = i;
            }

            FirmwareProfile? profile = null;
            if (string.IsNullOrWhiteSpace(sw.Profile))
            {
                problems.Add($"{key}:Profile: a firmware profile file is required");
            }
            else
            {
                try
                {
                    profile = SwitchLinkService.LoadProfile(sw, baseDirectory);
                    plans.AddRange(profile.NumberingPlan.Select(r => (sw.Name, key, r)));
                }
                catch (SwitchConfigException ex)
                {
                    problems.Add($"{key}:Profile: {ex.Message}");
                }
            }

            if (profile is not null)
            {
                problems.AddRange((sw.Session ?? new SwitchSessionSettings()).Validate(
                    $"{key}:Session", profile.Dialect.ApplicationSession is not null, profile.Dialect.DeviceIds == DeviceIdScheme.GetDeviceId, profile.Id));
                SwitchAgentSettings.Validate(key, sw, profile, problems);
            }

            var domain = SwitchDirectory.PlanOf(i, key, sw, profile, problems);
            domains.Add(domain);
            problems.AddRange(RoutePointSettings.Validate(sw.RoutePoints ?? [], sw.RouteHopLimit, key, profile is null ? null : dn => RoutePointSettings.KindIn(domain, dn)));
            if (sw.ConsultUserDataPolicy is null)
            {
                problems.Add($"{key}:ConsultUserData: '{sw.ConsultUserData}' is not a consult user-data policy (separate, inherited, joint)");
            }

            if (sw.MonitorRetrySeconds is < 1 or > 3600)
            {
                problems.Add($"{key}:MonitorRetrySeconds: {sw.MonitorRetrySeconds} is not 1..3600 seconds");
            }

            if (sw.Links.Count == 0)
            {
                problems.Add($"{key}:Links: at least one link is required");
            }

            for (var j = 0; j < sw.Links.Count; j++)
            {
                var link = sw.Links[j];
                var linkKey = $"{key}:Links:{j}";
                problems.AddRange(ValidateLink(profile, link, linkKey, devices));
                if (link.Priority < 1)
                {
                    problems.Add($"{linkKey}:Priority: {link.Priority} must be 1 or more");
                }
            }
        }

        // One line per pair of switches whose numbering plans overlap, listing the overlapping ranges.
        var overlaps = new Dictionary<(string Key, string Switch, string Other), List<string>>();
        for (var a = 0; a < plans.Count; a++)
        {
            for (var b = a + 1; b < plans.Count; b++)
            {
                if (plans[a].Switch != plans[b].Switch && plans[a].Range.Overlaps(plans[b].Range))
                {
                    var pair = (plans[b].Key, plans[b].Switch, plans[a].Switch);
                    if (!overlaps.TryGetValue(pair, out var list))
                    {
                        overlaps[pair] = list = [];
                    }

                    list.Add($"{plans[b].Range.From}-{plans[b].Range.To} overlaps {plans[a].Range.From}-{plans[a].Range.To}");
                }
            }
        }

        foreach (var ((key, sw, other), ranges) in overlaps)
        {
            problems.Add($"{key}:Profile: the numbering plan of switch {sw} overlaps switch {other}: {string.Join(", ", ranges)}");
        }

        problems.AddRange(SwitchDirectory.Check(domains));
        problems.AddRange(CrossSwitchPlan.Validate(switches, path));
        return problems;
    }

    /// <summary>
    /// The keys of one link for its profile's transport. Without a usable profile the TCP client rules apply (the
    /// profile's own problem is reported on its key). <paramref name="devices"/> collects serial devices in use.
    /// </summary>
    private static IEnumerable<string> ValidateLink(FirmwareProfile? profile, SwitchLinkSettings link, string linkKey, Dictionary<string, string> devices)
    {
        var serial = profile?.Transport.Kind == TransportKind.Serial;
        var dialIn = profile?.Transport.Tcp is { Role: TcpRole.Server };
        if (serial)
        {
            if (link.Host.Length > 0)
            {
                yield return $"{linkKey}:Host: not used by serial profile '{profile!.Id}': give the line's Device instead";
            }

            if (link.Port != 0)
            {
                yield return $"{linkKey}:Port: not used by serial profile '{profile!.Id}': give the line's Device instead";
            }

            foreach (var problem in SerialLineSettings.Validate(profile!, link, linkKey))
            {
                yield return problem;
            }

            if (!string.IsNullOrWhiteSpace(link.Device))
            {
                if (devices.TryGetValue(link.Device, out var other))
                {
                    yield return $"{linkKey}:Device: '{link.Device}' is already the device of {other}";
                }
                else
                {
                    devices[link.Device] = linkKey;
                }
            }

            yield break;
        }

        if (link.Device.Length > 0 || link.Baud is not null || link.DataBits is not null || link.Parity is not null || link.StopBits is not null || link.FlowControl is not null)
        {
            yield return $"{linkKey}: Device, Baud, DataBits, Parity, StopBits and FlowControl apply to serial profiles only; profile '{profile?.Id ?? "?"}' is TCP";
        }

        if (dialIn)
        {
            if (link.Host.Length > 0 && !System.Net.IPAddress.TryParse(link.Host, out _))
            {
                yield return $"{linkKey}:Host: '{link.Host}' is not an IP address to listen on (dial-in profile '{profile!.Id}'; leave it empty for all addresses)";
            }

            if (link.Port is < 0 or > 65535)
            {
                yield return $"{linkKey}:Port: {link.Port} is not a TCP port to listen on (0..65535, 0 picks a free port)";
            }

            yield break;
        }

        if (string.IsNullOrWhiteSpace(link.Host) || link.Host.Any(char.IsWhiteSpace))
        {
            yield return $"{linkKey}:Host: '{link.Host}' is not a host name or address";
        }

        if (link.Port is < 1 or > 65535)
        {
            yield return $"{linkKey}:Port: {link.Port} is not a TCP port (1..65535)";
        }
    }

    /// <summary>Parses <c>HOST:PORT</c> (the host may be a bracketed IPv6 address).</summary>
    public static bool TryParseEndpoint(string text, out string host, out int port)
    {
        host = string.Empty;
        port = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }

        host = text[..colon].Trim('[', ']');
        return host.Length > 0 && !host.Any(char.IsWhiteSpace)
            && int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port)
            && port is >= 1 and <= 65535;
    }
}
