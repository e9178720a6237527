using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// Features on DNs (issue 10 item 6): TSetDNDOn / TSetDNDOff become ECMA-269 SetDoNotDisturb, TCallSetForward /
/// TCallCancelForward become SetForwarding, and the model keeps each DN's do-not-disturb, forwarding and
/// in-service state for queries (RequestQueryAddress's DNStatus and ForwardStatus read <see cref="FeaturesOf"/>).
/// The state changes when the switch accepts a request (<see cref="NoteDoNotDisturb"/>, <see cref="NoteForward"/>)
/// or reports the DN's service (<see cref="NoteOutOfService"/>).
/// </summary>
public sealed partial class SwitchCallModel
{
    /// <summary>DNs whose feature state is kept, at most (the switch's DNs only, so this bounds nothing real).</summary>
    public const int MaxFeatureDns = 100_000;

    private readonly Dictionary<string, DnFeatureState> _features = new(StringComparer.Ordinal);

    /// <summary>The DN's do-not-disturb, forwarding and in-service state (idle for a DN never changed).</summary>
    public DnFeatureState FeaturesOf(string dn)
    {
        ArgumentNullException.ThrowIfNull(dn);
        return _features.TryGetValue(dn, out var state) ? state : DnFeatureState.Idle;
    }

    /// <summary>Whether the switch does not serve <paramref name="dn"/> now (monitoring refused or dropped, or out of service).</summary>
    public bool IsOutOfService(string dn) => FeaturesOf(dn).OutOfService;

    /// <summary>Whether do-not-disturb is on at <paramref name="dn"/>.</summary>
    public bool DndState(string dn) => FeaturesOf(dn).DoNotDisturb;

    /// <summary>The forwarding of <paramref name="dn"/>: its mode (None when not forwarded) and destination.</summary>
    public (ForwardMode Mode, string? Destination) ForwardState(string dn)
    {
        var state = FeaturesOf(dn);
        return (state.Forward, state.ForwardDestination);
    }

    /// <summary>The switch accepted SetDoNotDisturb for <paramref name="dn"/>.</summary>
    public void NoteDoNotDisturb(string dn, bool on) => Change(dn, s => s with { DoNotDisturb = on });

    /// <summary>The switch accepted SetForwarding for <paramref name="dn"/>: <paramref name="mode"/> None cancels.</summary>
    public void NoteForward(string dn, ForwardMode mode, string? destination) =>
        Change(dn, s => mode == ForwardMode.None ? s with { Forward = ForwardMode.None, ForwardDestination = null } : s with { Forward = mode, ForwardDestination = destination });

    /// <summary>
    /// The switch stopped (or resumed) serving <paramref name="dn"/>. Returns whether that is a change (the caller then
    /// publishes EventDNOutOfService or EventDNBackInService).
    /// </summary>
    public bool NoteOutOfService(string dn, bool outOfService)
    {
        if (FeaturesOf(dn).OutOfService == outOfService)
        {
            return false;
        }

        Change(dn, s => s with { OutOfService = outOfService });
        return true;
    }

    /// <summary>The DNs the switch does not serve now.</summary>
    public IReadOnlyList<string> OutOfServiceDns() => [.. _features.Where(f => f.Value.OutOfService).Select(f => f.Key)];

    /// <summary>The ECMA-269 forwardingType for a T-Library forward mode, or null when CSTA has no single one.</summary>
    public static string? ForwardingTypeOf(ForwardMode mode) => mode switch
    {
        ForwardMode.Unconditional or ForwardMode.SendAllCalls => "forwardImmediate",
        ForwardMode.OnBusy => "forwardBusy",
        ForwardMode.OnNoAnswer => "forwardNoAns",
        _ => null,
    };

    private void Change(string dn, Func<DnFeatureState, DnFeatureState> change)
    {
        ArgumentNullException.ThrowIfNull(dn);
        var next = change(FeaturesOf(dn));
        if (next == DnFeatureState.Idle)
        {
            _features.Remove(dn);
        }
        else if (_features.ContainsKey(dn) || _features.Count < MaxFeatureDns)
        {
            _features[dn] = next;
        }
    }

    private RequestPlan PlanDoNotDisturb(TlibMessage request, string dn, bool on)
    {
        if (!_directory.IsInternal(dn))
        {
            return NotOnSwitch(request, dn);
        }

        return RequestPlan.Send(new SwitchCommand(SwitchCommandKind.SetDoNotDisturb, dn, NoReply)
        {
            Connection = new Pbx.Csta.CstaConnectionId(string.Empty, dn),
            FeatureOn = on,
        });
    }

    private RequestPlan PlanForward(TlibMessage request, string dn, bool set)
    {
        if (!_directory.IsInternal(dn))
        {
            return NotOnSwitch(request, dn);
        }

        var given = request.GetInt(AttributeId.ForwardMode);
        var mode = given is { } m ? (ForwardMode)m : ForwardMode.None;
        if (!set && mode == ForwardMode.None)
        {
            // TCallCancelForward without a mode cancels what is set.
            mode = FeaturesOf(dn).Forward is var current && current != ForwardMode.None ? current : ForwardMode.Unconditional;
        }
        else if (set && given is null)
        {
            mode = ForwardMode.Unconditional;
        }

        if (ForwardingTypeOf(mode) is not { } forwardingType)
        {
            return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR,
                $"Invalid attribute ForwardMode: {(given ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)} ({mode}) has no ECMA-269 forwardingType; use Unconditional (1), OnBusy (2), OnNoAnswer (3) or SendAllCalls (5)");
        }

        string? destination = null;
        if (set)
        {
            if (request.OtherDN is not { Length: > 0 } other)
            {
                return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Missing attribute OtherDN: {request.Name} needs the number to forward to");
            }

            if (other == dn)
            {
                return RequestPlan.Refuse(ErrorCode.TERR_INVALID_ATTR, $"Invalid attribute OtherDN: DN {dn} cannot forward to itself");
            }

            destination = other;
        }

        return RequestPlan.Send(new SwitchCommand(SwitchCommandKind.SetForwarding, dn, NoReply)
        {
            Connection = new Pbx.Csta.CstaConnectionId(string.Empty, dn),
            Device = destination ?? string.Empty,
            FeatureOn = set,
            ForwardMode = mode,
            ForwardingType = forwardingType,
        });
    }
}
