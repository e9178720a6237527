using CtiGateway.Protocol;
using CtiGateway.Server;

namespace CtiGateway.Switching;

/// <summary>
/// Several switches in one gateway (issue 10 item 7). A request's ThisDN may be written <c>DN@switch</c>: it goes to
/// that switch, as the bare DN. Its OtherDN may name a DN of another switch (<c>7778@tel_sw_1</c>, or just a DN that
/// only another switch has): the request then goes out over the PBX trunk, its OtherDN replaced by the access code
/// the requesting switch dials for that switch (<c>Switches:N:AccessNumbers:OTHER</c>) followed by the DN. The call
/// arrives at the other switch as a new call with its own ConnID; a pending cross-switch transfer, holding the first
/// leg's user data, is matched to it by switch and DN (<see cref="CrossSwitchTransfers"/>), so that its EventRinging
/// carries that user data.
/// </summary>
public sealed partial class SwitchLinkService
{
    private static readonly HashSet<MessageType> LinkedLegRequests =
    [
        MessageType.RequestRedirectCall, MessageType.RequestSingleStepTransfer, MessageType.RequestMuteTransfer,
        MessageType.RequestInitiateTransfer, MessageType.RequestInitiateConference, MessageType.RequestSingleStepConference,
        MessageType.RequestRouteCall,
    ];

    private CrossSwitchTransfers? _crossSwitch;

    /// <summary>Cross-switch transfers waiting for their second leg now.</summary>
    public int PendingCrossSwitchTransfers => CrossSwitch.Count;

    private CrossSwitchTransfers CrossSwitch => LazyInitializer.EnsureInitialized(ref _crossSwitch, () => new CrossSwitchTransfers(_time, _logger));

    /// <summary>
    /// The switch a ThisDN written DN@switch names (the request's ThisDN becomes the bare DN), or the one whose DNs hold
    /// ThisDN. Null (and the request refused) when there is none.
    /// </summary>
    private SwitchRuntime? SwitchOfThisDn(TlibRequest request, SwitchRuntime[] switches, string thisDn)
    {
        if (CrossSwitchPlan.TrySplit(thisDn, out var bare, out var switchName) && Array.Find(switches, s => s.Name == switchName) is { } named)
        {
            if (!named.Calls.Directory.TryGetKind(bare, out _))
            {
                request.Fail(ErrorCode.TERR_NOT_CONFIGURED, $"{request.Name}: DN {bare} is not a DN of switch {switchName} (ThisDN {thisDn})");
                return null;
            }

            request.Message.ThisDN = bare;
            return named;
        }

        var target = Array.Find(switches, s => s.Calls.Directory.TryGetKind(thisDn, out _));
        if (target is null)
        {
            request.Fail(ErrorCode.TERR_NOT_CONFIGURED,
                $"{request.Name}: DN {thisDn} is not a DN of any switch ({string.Join(", ", switches.Select(s => s.Name))}); DNs come from each switch's numbering plan and Switches:N:Dns");
        }

        return target;
    }

    /// <summary>
    /// Rewrites OtherDN for <paramref name="source"/>: DN@source becomes the bare DN; a DN of another switch becomes
    /// access code + DN, and for call requests a pending cross-switch transfer is recorded (its user data read on the
    /// source switch's loop just before the request). False when the request was refused.
    /// </summary>
    private bool RouteOtherDn(SwitchRuntime source, SwitchRuntime[] switches, TlibRequest request)
    {
        var message = request.Message;
        if (message.OtherDN is not { Length: > 0 } other)
        {
            return true;
        }

        SwitchRuntime? owner;
        string dn;
        if (CrossSwitchPlan.TrySplit(other, out var bare, out var switchName) && Array.Find(switches, s => s.Name == switchName) is { } named)
        {
            if (!named.Calls.Directory.TryGetKind(bare, out _))
            {
                request.Fail(ErrorCode.TERR_INVALID_ATTR, $"Invalid attribute OtherDN: DN {bare} is not a DN of switch {switchName} ({other})");
                return false;
            }

            owner = named;
            dn = bare;
        }
        else if (!source.Calls.Directory.TryGetKind(other, out _) && Array.Find(switches, s => !ReferenceEquals(s, source) && s.Calls.Directory.TryGetKind(other, out _)) is { } elsewhere)
        {
            owner = elsewhere;
            dn = other;
        }
        else
        {
            return true;
        }

        if (ReferenceEquals(owner, source))
        {
            message.OtherDN = dn;
            return true;
        }

        if (!source.AccessNumbers.TryGetValue(owner.Name, out var access))
        {
            request.Fail(ErrorCode.TERR_NOT_CONFIGURED,
                $"{request.Name}: DN {dn} is on switch {owner.Name}, and switch {source.Name} has no access number for it (Switches:N:AccessNumbers:{owner.Name})");
            return false;
        }

        var destination = access + dn;
        message.OtherDN = destination;
        SwitchingLog.CrossSwitchSent(_logger, source.Name, request.Name, request.ReferenceId, dn, owner.Name, destination);
        if (LinkedLegRequests.Contains(message.Type) && message.GetLong(AttributeId.ConnID) is { } id)
        {
            var connId = new ConnId((ulong)id);
            var table = CrossSwitch;
            var entry = table.Add(source.Name, connId, owner.Name, dn);
            source.Calls.Post(CallHostInput.Run(m => table.SetUserData(entry, m.TryGetCall(connId, out var call) && call.UserData.Count > 0 ? call.UserData.Clone() : null)));
        }

        return true;
    }

    /// <summary>
    /// Gives the next call that arrives from outside the gateway's switches at <paramref name="dn"/> on
    /// <paramref name="switchName"/> (within <see cref="CrossSwitchTransfers.LegTimeout"/>) <paramref name="userData"/>
    /// from its first event on, as the second leg of a cross-switch transfer gets its first leg's: data that the network
    /// brings with a call (<c>ctigw strategy try --udata</c>). The entry waits in the cross-switch table, with the source
    /// switch "network" and ConnID 0.
    /// </summary>
    public void ExpectInboundCall(string switchName, string dn, KeyValueList userData)
    {
        ArgumentException.ThrowIfNullOrEmpty(switchName);
        ArgumentException.ThrowIfNullOrEmpty(dn);
        ArgumentNullException.ThrowIfNull(userData);
        var table = CrossSwitch;
        table.SetUserData(table.Add("network", default, switchName, dn), userData.Clone());
    }

    /// <summary>On the target switch's loop: the user data of the first leg of a call arriving from the trunk at <paramref name="dn"/>, or null.</summary>
    private KeyValueList? SecondLegUserData(string switchName, string dn, string callId)
    {
        if (Volatile.Read(ref _crossSwitch) is not { } table || table.TryTake(switchName, dn) is not { } entry)
        {
            return null;
        }

        SwitchingLog.CrossSwitchLinked(_logger, switchName, callId, dn, entry.SourceConnId.ToString(), entry.SourceSwitch, entry.UserData?.Count ?? 0);
        return entry.UserData;
    }
}
