using System.Buffers;
using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// What a client request asks of the switch: one CSTA service with its connections and devices, the DN that asked,
/// and the events that answer the request (the first of each type published to <see cref="RequesterDn"/>, or only the
/// first of them with <see cref="OneReply"/>, carries the request's ReferenceID, as rule 11 of the reference call models
/// pairs them).
/// </summary>
/// <param name="Kind">The CSTA service.</param>
/// <param name="RequesterDn">The request's ThisDN.</param>
/// <param name="ReplyEvents">The events that answer the request on <paramref name="RequesterDn"/>.</param>
public sealed record SwitchCommand(SwitchCommandKind Kind, string RequesterDn, IReadOnlyList<MessageType> ReplyEvents)
{
    /// <summary>The connection acted on (the held call for transfer, conference and alternate).</summary>
    public CstaConnectionId Connection { get; init; }

    /// <summary>The second connection: the active (consultation) call for transfer, conference, alternate and reconnect.</summary>
    public CstaConnectionId SecondConnection { get; init; }

    /// <summary>The device called, consulted, joined, transferred or deflected to; the calling device of MakeCall.</summary>
    public string Device { get; init; } = string.Empty;

    /// <summary>The DTMF digits of GenerateDigits.</summary>
    public string Digits { get; init; } = string.Empty;

    /// <summary>For a consultation call, why it is made (its events then carry TransferConnID or ConferenceConnID).</summary>
    public ConsultationPurpose? Consultation { get; init; }

    /// <summary>User data the request carried, attached to the call it makes (MakeCall, consultation calls).</summary>
    public KeyValueList? UserData { get; init; }

    /// <summary>
    /// Only one of <see cref="ReplyEvents"/> answers, whichever the requester gets first: its leg ends released or
    /// abandoned; TCompleteConference is answered by EventRetrieved or EventReleased (rule 11). The others then carry
    /// no ReferenceID.
    /// </summary>
    public bool OneReply { get; init; }

    /// <summary>The agent change of <see cref="SwitchCommandKind.SetAgentState"/> (its device is <see cref="Device"/>).</summary>
    public AgentCommand? Agent { get; init; }

    /// <summary>SetDoNotDisturb: on; SetForwarding: activate (false cancels).</summary>
    public bool FeatureOn { get; init; }

    /// <summary>SetForwarding: the T-Library forward mode.</summary>
    public ForwardMode ForwardMode { get; init; }

    /// <summary>SetForwarding: the ECMA-269 forwardingType of <see cref="ForwardMode"/>.</summary>
    public string ForwardingType { get; init; } = string.Empty;

    /// <summary>The ConnID the request named, if any.</summary>
    public ConnId? ConnId { get; init; }

    /// <summary>The ECMA-269 service name, as the firmware profile's <c>services</c> list spells it.</summary>
    public string Service => Kind switch
    {
        SwitchCommandKind.MuteTransfer => "ConsultationCall",
        _ => Kind.ToString(),
    };

    /// <summary>The services the command needs from the switch (MuteTransfer needs two).</summary>
    public IReadOnlyList<string> Services => Kind == SwitchCommandKind.MuteTransfer ? ["ConsultationCall", "TransferCall"] : [Service];

    /// <summary>The same command with every device id passed through <paramref name="toDevice"/> (DN to the switch's device id).</summary>
    public SwitchCommand MapDevices(Func<string, string> toDevice)
    {
        ArgumentNullException.ThrowIfNull(toDevice);
        return this with
        {
            Connection = Map(Connection, toDevice),
            SecondConnection = Map(SecondConnection, toDevice),
            Device = Device.Length == 0 ? Device : toDevice(Device),
        };
    }

    /// <summary>Writes the CSTA request body (the first one, for MuteTransfer) in <paramref name="flavour"/>.</summary>
    public void Write(IBufferWriter<byte> output, CstaDialectFlavour flavour)
    {
        switch (Kind)
        {
            case SwitchCommandKind.MakeCall:
                CstaXmlEncoder.WriteMakeCall(output, flavour, Connection.DeviceId, Device);
                break;
            case SwitchCommandKind.AnswerCall:
                CstaXmlEncoder.WriteAnswerCall(output, flavour, Connection);
                break;
            case SwitchCommandKind.ClearConnection:
                CstaXmlEncoder.WriteClearConnection(output, flavour, Connection);
                break;
            case SwitchCommandKind.ClearCall:
                CstaXmlEncoder.WriteClearCall(output, flavour, Connection);
                break;
            case SwitchCommandKind.HoldCall:
                CstaXmlEncoder.WriteHoldCall(output, flavour, Connection);
                break;
            case SwitchCommandKind.RetrieveCall:
                CstaXmlEncoder.WriteRetrieveCall(output, flavour, Connection);
                break;
            case SwitchCommandKind.ConsultationCall or SwitchCommandKind.MuteTransfer:
                CstaXmlEncoder.WriteConsultationCall(output, flavour, Connection, Device);
                break;
            case SwitchCommandKind.TransferCall:
                CstaXmlEncoder.WriteTransferCall(output, flavour, Connection, SecondConnection);
                break;
            case SwitchCommandKind.ConferenceCall:
                CstaXmlEncoder.WriteConferenceCall(output, flavour, Connection, SecondConnection);
                break;
            case SwitchCommandKind.SingleStepTransferCall:
                CstaXmlEncoder.WriteSingleStepTransferCall(output, flavour, Connection, Device);
                break;
            case SwitchCommandKind.SingleStepConferenceCall:
                CstaXmlEncoder.WriteSingleStepConferenceCall(output, flavour, Connection, Device);
                break;
            case SwitchCommandKind.AlternateCall:
                CstaXmlEncoder.WriteAlternateCall(output, flavour, Connection, SecondConnection);
                break;
            case SwitchCommandKind.ReconnectCall:
                CstaXmlEncoder.WriteReconnectCall(output, flavour, SecondConnection, Connection);
                break;
            case SwitchCommandKind.DeflectCall:
                CstaXmlEncoder.WriteDeflectCall(output, flavour, Connection, Device);
                break;
            case SwitchCommandKind.GenerateDigits:
                CstaXmlEncoder.WriteGenerateDigits(output, flavour, Connection, Digits);
                break;
            case SwitchCommandKind.SetAgentState when Agent is { } agent:
                CstaXmlEncoder.WriteSetAgentState(output, flavour, Device, agent.RequestedState, agent.Change == AgentChange.Login ? agent.AgentId : null, agent.Change == AgentChange.Login ? agent.Queue : null);
                break;
            case SwitchCommandKind.SetDoNotDisturb:
                CstaXmlEncoder.WriteSetDoNotDisturb(output, flavour, Connection.DeviceId, FeatureOn);
                break;
            case SwitchCommandKind.SetForwarding:
                CstaXmlEncoder.WriteSetForwarding(output, flavour, Connection.DeviceId, ForwardingType, FeatureOn, Device.Length > 0 ? Device : null);
                break;
            default:
                throw new InvalidOperationException($"{Kind} is not a switch command.");
        }
    }

    /// <summary>MuteTransfer's second step: TransferCall of the held call and the consultation call the switch made.</summary>
    public static void WriteMuteTransferCompletion(IBufferWriter<byte> output, CstaDialectFlavour flavour, CstaConnectionId heldCall, CstaConnectionId consultationCall) =>
        CstaXmlEncoder.WriteTransferCall(output, flavour, heldCall, consultationCall);

    private static CstaConnectionId Map(CstaConnectionId connection, Func<string, string> toDevice) =>
        connection.DeviceId is null || connection.DeviceId.Length == 0 ? connection : connection with { DeviceId = toDevice(connection.DeviceId) };
}
