using System.Globalization;

namespace CtiGateway.Simulator;

/// <summary>The devices a simulated switch knows. DNs are unique across the switches of one plan.</summary>
public sealed class SwitchingPlan
{
    private readonly Dictionary<string, SimDevice> _devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimAgentSeat> _agents = new(StringComparer.Ordinal);

    /// <summary>Every device, in the order added.</summary>
    public IReadOnlyCollection<SimDevice> Devices => _devices.Values;

    /// <summary>The agent positions, in the order added.</summary>
    public IReadOnlyCollection<SimAgentSeat> Agents => _agents.Values;

    /// <summary>
    /// The demo switching plan of CONTRACT.md: tel_sw (5001-5099 with agents A5001-A5020 logged on and ready on
    /// 5001-5020 in ACD queue 4001, queue 4001, route point 3001) and tel_sw_1 (7001-7999).
    /// </summary>
    public static SwitchingPlan Demo()
    {
        var plan = new SwitchingPlan();
        plan.AddRange("tel_sw", 5001, 5099, SimDeviceKind.Extension);
        plan.Add(new SimDevice("4001", "tel_sw", SimDeviceKind.AcdQueue));
        plan.Add(new SimDevice("3001", "tel_sw", SimDeviceKind.RoutePoint));
        plan.AddRange("tel_sw_1", 7001, 7999, SimDeviceKind.Extension);
        plan.AddAccessNumber("tel_sw", "tel_sw_1", DemoAccessToSwitch1);
        plan.AddAccessNumber("tel_sw_1", "tel_sw", DemoAccessToSwitch);
        for (var dn = 5001; dn <= 5020; dn++)
        {
            var id = dn.ToString(CultureInfo.InvariantCulture);
            plan.AddAgent(new SimAgentSeat(id, "A" + id, "4001", LoggedOnReady: true));
        }

        return plan;
    }

    /// <summary>Adds an agent position at a station of the plan.</summary>
    public void AddAgent(SimAgentSeat seat)
    {
        ArgumentNullException.ThrowIfNull(seat);
        if (!_devices.TryGetValue(seat.DeviceId, out var device) || device.Kind != SimDeviceKind.Extension)
        {
            throw new ArgumentException($"Agent {seat.AgentId}: {seat.DeviceId} is not a station of the plan.", nameof(seat));
        }

        if (seat.Group is not null && (!_devices.TryGetValue(seat.Group, out var group) || group.Kind != SimDeviceKind.AcdQueue))
        {
            throw new ArgumentException($"Agent {seat.AgentId}: group {seat.Group} is not an ACD queue of the plan.", nameof(seat));
        }

        if (!_agents.TryAdd(seat.DeviceId, seat))
        {
            throw new ArgumentException($"Station {seat.DeviceId} already has agent {_agents[seat.DeviceId].AgentId}.", nameof(seat));
        }
    }

    /// <summary>Adds a device; a DN already in the plan (on any switch) is rejected.</summary>
    public void Add(SimDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!_devices.TryAdd(device.DeviceId, device))
        {
            throw new ArgumentException(
                $"DN {device.DeviceId}@{device.SwitchName} is already in the plan as {device.DeviceId}@{_devices[device.DeviceId].SwitchName}.",
                nameof(device));
        }
    }

    /// <summary>Adds the numeric DNs <paramref name="first"/>..<paramref name="last"/> on one switch.</summary>
    public void AddRange(string switchName, int first, int last, SimDeviceKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, last);
        for (var dn = first; dn <= last; dn++)
        {
            Add(new SimDevice(dn.ToString(CultureInfo.InvariantCulture), switchName, kind));
        }
    }

    /// <summary>The fewest digits an external (network) number has: shorter numbers outside the plan are unknown.</summary>
    public const int MinExternalDigits = 7;

    /// <summary>The most digits an external number has (E.164: 15).</summary>
    public const int MaxExternalDigits = 15;

    /// <summary>
    /// Whether <paramref name="number"/> is reached over the trunk rather than inside the switch: not a DN of the plan,
    /// and <see cref="MinExternalDigits"/> to <see cref="MaxExternalDigits"/> digits with an optional leading '+'
    /// (e.g. 302118840100 or +4989700100). A shorter number outside the plan is not obtainable.
    /// </summary>
    public bool IsExternalNumber(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (_devices.ContainsKey(number))
        {
            return false;
        }

        var digits = number.AsSpan(number.StartsWith('+') ? 1 : 0);
        if (digits.Length is < MinExternalDigits or > MaxExternalDigits)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The access code tel_sw dials to reach tel_sw_1 over the trunk in the demo plan (87778 reaches 7778).</summary>
    public const string DemoAccessToSwitch1 = "8";

    /// <summary>The access code tel_sw_1 dials to reach tel_sw over the trunk in the demo plan (95050 reaches 5050).</summary>
    public const string DemoAccessToSwitch = "9";

    private readonly Dictionary<(string From, string To), string> _access = [];

    /// <summary>
    /// A trunk between two switches of the plan: from <paramref name="fromSwitch"/>, dialling <paramref name="code"/>
    /// followed by a DN of <paramref name="toSwitch"/> reaches that DN as a new call on <paramref name="toSwitch"/>.
    /// </summary>
    public void AddAccessNumber(string fromSwitch, string toSwitch, string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(fromSwitch);
        ArgumentException.ThrowIfNullOrEmpty(toSwitch);
        ArgumentException.ThrowIfNullOrEmpty(code);
        if (fromSwitch == toSwitch)
        {
            throw new ArgumentException($"Switch {fromSwitch} needs no access number for itself.", nameof(toSwitch));
        }

        _access[(fromSwitch, toSwitch)] = code;
    }

    /// <summary>The access code <paramref name="fromSwitch"/> dials for <paramref name="toSwitch"/>, or null.</summary>
    public string? AccessNumber(string fromSwitch, string toSwitch) => _access.TryGetValue((fromSwitch, toSwitch), out var code) ? code : null;

    /// <summary>
    /// Whether <paramref name="number"/>, dialled on <paramref name="fromSwitch"/> (any switch when null), is an access
    /// code followed by a DN of the switch that code reaches; gives that switch and DN.
    /// </summary>
    public bool TryResolveTrunk(string? fromSwitch, string number, out string toSwitch, out string dn)
    {
        ArgumentNullException.ThrowIfNull(number);
        foreach (var ((from, to), code) in _access)
        {
            if ((fromSwitch is null || from == fromSwitch) && number.Length > code.Length && number.StartsWith(code, StringComparison.Ordinal)
                && _devices.TryGetValue(number[code.Length..], out var device) && device.SwitchName == to)
            {
                toSwitch = to;
                dn = device.DeviceId;
                return true;
            }
        }

        toSwitch = string.Empty;
        dn = string.Empty;
        return false;
    }

    /// <summary>Looks a DN up.</summary>
    public bool TryGet(string deviceId, out SimDevice device) => _devices.TryGetValue(deviceId, out device!);
}
