using CtiGateway.Pbx.Csta;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel.Tests;

/// <summary>
/// The scenario table: every scenario of <c>shared/reference/callmodels.md</c> except CM-RP-* and CM-AGENT-STATE
/// (agents and routing come with their own issue). Rows are copied from the reference in its notation (step, party,
/// event, key attributes, check). The CSTA comes from the simulator's switch model where it offers the service; where
/// it does not (outbound calls to the network, single-step conference) a recorded sequence in the simulator's form
/// is replayed instead.
/// </summary>
internal static class CallModelScenarios
{
    private const string ExternalNumber = "0612345678";

    private static readonly Dictionary<string, string> Internal = new() { ["A"] = "5001", ["B"] = "5002", ["C"] = "5003" };

    private static readonly Dictionary<string, string> ExternalCaller = new() { ["A"] = ExternalNumber, ["B"] = "5002", ["C"] = "5003" };

    private static readonly Dictionary<string, string> ExternalCalled = new() { ["A"] = "5001", ["B"] = ExternalNumber, ["C"] = "5003" };

    private static ExpectedRow R(int step, string party, string evt, string attributes, string check) => new(step, party, evt, attributes, check);

    private static Action<ScenarioDriver> MakeCall(string from, string to) => d => d.Run(s => s.MakeCall(d.Dn(from), d.Dn(to)));

    private static Action<ScenarioDriver> Answer(int conn, string party) => d => d.Run(s => s.AnswerCall(d.Leg(conn, party)));

    private static Action<ScenarioDriver> Release(int conn, string party) => d => d.Run(s => s.ClearConnection(d.Leg(conn, party)));

    /// <summary>TInitiateTransfer / TInitiateConference / TMuteTransfer: the purpose noted, then ConsultationCall.</summary>
    private static Action<ScenarioDriver> Consult(int conn, string party, string target, ConsultationPurpose purpose) => d =>
    {
        d.Model.NoteConsultation(d.Dn(party), purpose);
        d.Run(s => s.ConsultationCall(d.Leg(conn, party), d.Dn(target)));
    };

    private static Action<ScenarioDriver> Transfer(int held, int active, string party) => d => d.Run(s => s.TransferCall(d.Leg(held, party), d.Leg(active, party)));

    private static Action<ScenarioDriver> Conference(int held, int active, string party) => d => d.Run(s => s.ConferenceCall(d.Leg(held, party), d.Leg(active, party)));

    private static Action<ScenarioDriver> Then(params Action<ScenarioDriver>[] actions) => d =>
    {
        foreach (var a in actions)
        {
            a(d);
        }
    };

    /// <summary>"Starts from CM-BASIC-INTERNAL": A calls B, B answers; ConnID 1 is that call.</summary>
    private static readonly Action<ScenarioDriver> BasicInternal = Then(MakeCall("A", "B"), Answer(1, "B"));

    private static KeyValueList Pairs(string key, string value) => new KeyValueList().Add(key, value);

    private static readonly IReadOnlyList<ExpectedRow> OutboundRows =
    [
        R(1, "A", "EventDialing", "ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B (opt), OtherDNRole Destination (opt), CallType ~Outbound", "required"),
        R(1, "A", "EventNetworkReached", "ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B (opt), OtherDNRole Destination (opt)", "required"),
        R(2, "A", "EventEstablished", "ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B (opt), OtherDNRole ~Destination, CallType ~Outbound", "required"),
    ];

    public static IReadOnlyList<CallModelScenario> All { get; } =
    [
        new()
        {
            Id = "CM-BASIC-INTERNAL",
            Input = "simulator: MakeCall, AnswerCall",
            Parties = Internal,
            Steps = [MakeCall("A", "B"), Answer(1, "B")],
            Rows =
            [
                R(1, "A", "EventDialing", "ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B (opt), OtherDNRole Destination (opt), CallType ~Internal", "required"),
                R(1, "B", "EventRinging", "ConnID 1, ThisDN B, ThisDNRole Destination, OtherDN A, OtherDNRole Origination, CallType ~Internal, CallState OK", "required"),
                R(2, "A", "EventEstablished", "ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B, OtherDNRole Destination, CallType ~Internal", "required"),
                R(2, "B", "EventEstablished", "ConnID 1, ThisDN B, ThisDNRole Destination, OtherDN A, OtherDNRole Origination, CallType ~Internal", "required"),
            ],
        },
        new()
        {
            Id = "CM-BASIC-INTERNAL-ABANDON",
            Input = "simulator: MakeCall, ClearConnection",
            Parties = Internal,
            Steps = [MakeCall("A", "B"), Release(1, "A")],
            Rows =
            [
                R(1, "A", "EventDialing", "ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B (opt), OtherDNRole Destination (opt)", "required"),
                R(1, "B", "EventRinging", "ConnID 1, ThisDN B, ThisDNRole Destination, OtherDN A, OtherDNRole Origination, CallState OK", "required"),
                R(2, "A", "EventReleased", "ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B (opt), OtherDNRole Destination (opt), CallState OK", "required"),
                R(2, "B", "EventAbandoned", "ConnID 1, ThisDN B, ThisDNRole ~Destination, OtherDN A, CallState OK", "required"),
            ],
        },
        new()
        {
            Id = "CM-BASIC-INTERNAL-BUSY",
            Input = "simulator: MakeCall to a station in a call (FailedEvent, cause busy), ClearConnection",
            Parties = Internal,
            Setup = Then(d => d.Run(s => s.MakeCall(d.Dn("B"), "5009")), d => d.Run(s => s.AnswerCall(d.Leg(1, "5009")))),
            ConnIdsFromSetup = false,
            Steps = [MakeCall("A", "B"), Release(1, "A")],
            Rows =
            [
                R(1, "A", "EventDialing", "ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B (opt)", "required"),
                R(1, "A", "EventDestinationBusy", "ConnID 1, ThisDN A, ThisDNRole Origination, CallState (present)", "required"),
                R(2, "A", "EventReleased", "ConnID 1, ThisDN A, OtherDN B (opt), CallState OK", "required"),
            ],
        },
        new()
        {
            Id = "CM-BASIC-INBOUND",
            Input = "simulator: DeliverInboundCall from a trunk number, AnswerCall",
            Parties = ExternalCaller,
            Steps = [d => d.Switch(s => s.DeliverInboundCall(d.Dn("A"), d.Dn("B"))), Answer(1, "B")],
            Rows =
            [
                R(1, "B", "EventRinging", "ConnID 1, ThisDN B, ThisDNRole Destination, OtherDN A (opt), OtherDNRole Origination (opt), CallType ~Inbound, CallState OK, ANI ~A", "required"),
                R(2, "B", "EventEstablished", "ConnID 1, ThisDN B, ThisDNRole Destination, OtherDN A (opt), OtherDNRole Origination (opt), CallType ~Inbound", "required"),
            ],
        },
        new()
        {
            Id = "CM-BASIC-INBOUND-ABANDON",
            Input = "simulator: DeliverInboundCall, ClearConnection of the trunk party",
            Parties = ExternalCaller,
            Steps = [d => d.Switch(s => s.DeliverInboundCall(d.Dn("A"), d.Dn("B"))), Release(1, "A")],
            Rows =
            [
                R(1, "B", "EventRinging", "ConnID 1, ThisDN B, ThisDNRole Destination, OtherDN A (opt), CallState OK", "required"),
                R(2, "B", "EventAbandoned", "ConnID 1, ThisDN B, OtherDN A (opt), CallState OK", "required"),
            ],
        },
        new()
        {
            Id = "CM-BASIC-OUTBOUND",
            Input = "recorded: ServiceInitiated, Originated, NetworkReached, Established at the far end (the simulator places no calls to the network)",
            Parties = ExternalCalled,
            Steps =
            [
                Then(Outbound.Dial, Outbound.NetworkReached),
                d => d.Inject(Outbound.Event(CstaEventType.Established, d, "B", "connected", "newCall"), "A"),
            ],
            Rows = OutboundRows,
        },
        new()
        {
            Id = "CM-BASIC-OUTBOUND/far-end-delivered",
            Input = "recorded, OSV style: the far end reported by a DeliveredEvent at the external number instead of NetworkReached",
            Parties = ExternalCalled,
            Steps =
            [
                Then(Outbound.Dial, d => d.Inject(Outbound.Event(CstaEventType.Delivered, d, "B", "alerting", "newCall"), "A")),
                d => d.Inject(Outbound.Event(CstaEventType.Established, d, "B", "connected", "newCall"), "A"),
            ],
            Rows = OutboundRows,
        },
        new()
        {
            Id = "CM-OUTBOUND-BUSY",
            Input = "recorded: ServiceInitiated, Originated, NetworkReached, Failed (busy), ConnectionCleared",
            Parties = ExternalCalled,
            Steps =
            [
                Then(Outbound.Dial, Outbound.NetworkReached, d => d.Inject(Outbound.Event(CstaEventType.Failed, d, "B", "fail", "busy"), "A")),
                d => d.Inject(Outbound.Event(CstaEventType.ConnectionCleared, d, "A", "null", "normalClearing"), "A"),
            ],
            Rows =
            [
                R(1, "A", "EventDialing", "ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B (opt), OtherDNRole Destination (opt)", "required"),
                R(1, "A", "EventNetworkReached", "ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B (opt), OtherDNRole Destination (opt)", "required"),
                R(1, "A", "EventDestinationBusy", "ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B (opt), OtherDNRole Destination (opt)", "required"),
                R(2, "A", "EventReleased", "ConnID 1, ThisDN A, OtherDN B (opt), CallState OK", "required"),
            ],
        },
        new()
        {
            Id = "CM-RELEASE-BY-A",
            Input = "simulator: ClearConnection of the caller (the switch then clears the called party)",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [Release(1, "A")],
            Rows =
            [
                R(1, "A", "EventReleased", "ConnID 1, ThisDN A, OtherDN B (opt), CallState OK", "required"),
                R(1, "B", "EventReleased", "ConnID 1, ThisDN B, OtherDN A (opt), CallState OK", "required"),
            ],
        },
        new()
        {
            Id = "CM-RELEASE-BY-B",
            Input = "simulator: ClearConnection of the called party (the switch then clears the caller)",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [Release(1, "B")],
            Rows =
            [
                R(1, "A", "EventReleased", "ConnID 1, ThisDN A, OtherDN B (opt), CallState OK", "required"),
                R(1, "B", "EventReleased", "ConnID 1, ThisDN B, OtherDN A (opt), CallState OK", "required"),
            ],
        },
        new()
        {
            Id = "CM-HOLD-RETRIEVE",
            Input = "simulator: HoldCall, RetrieveCall",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [d => d.Run(s => s.HoldCall(d.Leg(1, "B"))), d => d.Run(s => s.RetrieveCall(d.Leg(1, "B")))],
            Rows =
            [
                R(1, "B", "EventHeld", "ConnID 1, ThisDN B, OtherDN A", "required"),
                R(2, "B", "EventRetrieved", "ConnID 1, ThisDN B, ThisQueue (absent), ThisDNRole ~Destination, OtherDN A, CallState OK", "required"),
            ],
        },
        new()
        {
            Id = "CM-XFER-2STEP",
            Input = "simulator: ConsultationCall, AnswerCall, TransferCall",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [Consult(1, "B", "C", ConsultationPurpose.Transfer), Answer(2, "C"), Transfer(1, 2, "B")],
            Rows =
            [
                R(1, "B", "EventHeld", "ConnID 1, ThisDN B, OtherDN A", "required"),
                R(1, "B", "EventDialing", "ConnID 2, PreviousConnID 1, TransferConnID ~1, ThisDN B, ThisDNRole Origination, OtherDN C (opt), OtherDNRole Destination (opt), CallType Consult", "required"),
                R(1, "C", "EventRinging", "ConnID 2, PreviousConnID 1, ThisDN C, ThisDNRole Destination, OtherDN B, OtherDNRole Origination, CallType Consult, CallState OK", "required"),
                R(2, "B", "EventEstablished", "ConnID 2, ThisDN B, OtherDN C, CallType ~Consult", "required"),
                R(2, "C", "EventEstablished", "ConnID 2, ThisDN C, OtherDN B, CallType ~Consult", "required"),
                R(3, "A", "EventPartyChanged", "ConnID 1, PreviousConnID 1, ThisDN A, OtherDN C, OtherDNRole ~Destination, ThirdPartyDN B, ThirdPartyDNRole TransferredBy, CallState Transferred", "required"),
                R(3, "B", "EventReleased (any order within 'b-release')", "ConnID 2, ThisDN B, CallState ~Transferred", "required"),
                R(3, "B", "EventReleased (any order within 'b-release')", "ConnID 1, ThisDN B, CallState ~Transferred", "required"),
                R(3, "C", "EventPartyChanged", "ConnID 1, PreviousConnID 2, ThisDN C, OtherDN A, OtherDNRole ~Origination, ThirdPartyDN B, ThirdPartyDNRole TransferredBy, CallType ~Internal, CallState Transferred", "required"),
            ],
        },
        new()
        {
            Id = "CM-XFER-SINGLE-STEP",
            Input = "simulator: SingleStepTransferCall, AnswerCall",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [d => d.Run(s => s.SingleStepTransferCall(d.Leg(1, "B"), d.Dn("C"))), Answer(1, "C")],
            Rows =
            [
                R(1, "A", "EventPartyChanged", "ConnID 1, PreviousConnID 1, ThisDN A, OtherDN C, ThirdPartyDN B, ThirdPartyDNRole TransferredBy, CallState Transferred", "required"),
                R(1, "B", "EventReleased", "ConnID 1, ThisDN B, ThirdPartyDN C, ThirdPartyDNRole Destination, CallState Transferred", "required"),
                R(1, "C", "EventRinging", "ConnID 1, PreviousConnID (absent), ThisDN C, ThisDNRole Destination, OtherDN ~A, ThirdPartyDN ~B, ThirdPartyDNRole ~TransferredBy, CallState Transferred", "required"),
                R(2, "C", "EventEstablished", "ConnID 1, ThisDN C, OtherDN ~A", "required"),
            ],
        },
        new()
        {
            Id = "CM-XFER-MUTE",
            Input = "simulator: ConsultationCall then TransferCall at once (the target still ringing), AnswerCall",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [Then(Consult(1, "B", "C", ConsultationPurpose.Transfer), Transfer(1, 2, "B")), Answer(1, "C")],
            Rows =
            [
                R(1, "A", "EventPartyChanged", "ConnID 1, PreviousConnID 1, ThisDN A, OtherDN C, OtherDNRole ~Destination, ThirdPartyDN B, ThirdPartyDNRole TransferredBy, CallState Transferred", "required"),
                R(1, "B", "EventHeld", "ConnID 1, ThisDN B, OtherDN A", "required"),
                R(1, "B", "EventDialing", "ConnID 2, PreviousConnID ~1, ThisDN B, OtherDN C (opt), OtherDNRole Destination (opt), CallType ~Consult", "required"),
                R(1, "B", "EventReleased (any order within 'b-rel')", "ConnID 2, ThisDN B, CallState ~Transferred", "required"),
                R(1, "B", "EventReleased (any order within 'b-rel')", "ConnID 1, ThisDN B, CallState ~Transferred", "required"),
                R(1, "C", "EventRinging (any order within 'c-move')", "ConnID 1 or 2, ThisDN C, ThisDNRole Destination", "required"),
                R(1, "C", "EventPartyChanged (any order within 'c-move')", "ConnID 1, PreviousConnID 2, ThisDN C, OtherDN A, OtherDNRole ~Origination, ThirdPartyDN B, ThirdPartyDNRole TransferredBy, CallState Transferred", "required"),
                R(2, "C", "EventEstablished", "ConnID 1, ThisDN C, OtherDN ~A", "required"),
            ],
        },
        new()
        {
            Id = "CM-CONF-2STEP",
            Input = "simulator: ConsultationCall, AnswerCall, ConferenceCall",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [Consult(1, "B", "C", ConsultationPurpose.Conference), Answer(2, "C"), Conference(1, 2, "B")],
            Rows =
            [
                R(1, "B", "EventHeld", "ConnID 1, ThisDN B, OtherDN A", "required"),
                R(1, "B", "EventDialing", "ConnID 2, PreviousConnID 1, ConferenceConnID ~1, ThisDN B, ThisDNRole Origination, OtherDN C (opt), OtherDNRole Destination (opt), CallType Consult", "required"),
                R(1, "C", "EventRinging", "ConnID 2, PreviousConnID 1, ThisDN C, ThisDNRole Destination, OtherDN B, OtherDNRole Origination, CallType Consult, CallState OK", "required"),
                R(2, "B", "EventEstablished", "ConnID 2, ThisDN B, OtherDN C", "required"),
                R(2, "C", "EventEstablished", "ConnID 2, ThisDN C, OtherDN B", "required"),
                R(3, "A", "EventPartyAdded", "ConnID 1, ThisDN A, OtherDN C, OtherDNRole NewParty, ThirdPartyDN B, ThirdPartyDNRole AddedBy, CallState Conferenced", "required"),
                R(3, "B", "EventReleased (any order within 'b-done')", "ConnID 2, ThisDN B, CallState Conferenced", "required"),
                R(3, "B", "EventRetrieved (any order within 'b-done')", "ConnID 1, ThisDN B, CallState Conferenced", "required"),
                R(3, "B", "EventPartyAdded", "ConnID 1, ThisDN B, OtherDN C, OtherDNRole NewParty, ThirdPartyDN B, ThirdPartyDNRole AddedBy, CallState Conferenced", "required"),
                R(3, "C", "EventPartyChanged", "ConnID 1, PreviousConnID 2, ThisDN C, ThirdPartyDN B, ThirdPartyDNRole ConferencedBy, CallState Conferenced", "required"),
            ],
        },
        new()
        {
            Id = "CM-CONF-SINGLE-STEP",
            Input = "recorded: ConferencedEvent without secondaryOldCall (addedParty C), Delivered and Established at C (the simulator has no SingleStepConference)",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [SingleStepConference.Add, SingleStepConference.Answer],
            Rows =
            [
                R(1, "A", "EventPartyAdded", "ConnID 1, ThisDN A, OtherDN C, OtherDNRole NewParty, ThirdPartyDN B, ThirdPartyDNRole AddedBy, CallState Conferenced", "required"),
                R(1, "B", "EventPartyAdded", "ConnID 1, ThisDN B, OtherDN C, OtherDNRole NewParty, ThirdPartyDN B, ThirdPartyDNRole AddedBy, CallState Conferenced", "required"),
                R(1, "C", "EventRinging", "ConnID 1, PreviousConnID (absent), ThisDN C, ThisDNRole ConferenceMember, ThirdPartyDN ~B, CallState OK", "required"),
                R(2, "C", "EventEstablished", "ConnID 1, ThisDN C, CallState ~Conferenced", "required"),
            ],
        },
        new()
        {
            Id = "CM-REDIRECT",
            Input = "simulator: MakeCall, DeflectCall of the ringing call, AnswerCall",
            Parties = Internal,
            Setup = MakeCall("A", "B"),
            Steps = [d => d.Run(s => s.DeflectCall(d.Leg(1, "B"), d.Dn("C"))), Answer(1, "C")],
            Rows =
            [
                R(1, "B", "EventReleased", "ConnID 1, ThisDN B, ThirdPartyDN C, ThirdPartyDNRole Destination, CallState Redirected", "required"),
                R(1, "C", "EventRinging", "ConnID 1, ThisDN C, ThisDNRole Destination, OtherDN ~A, ThirdPartyDN ~B, CallState Redirected", "required"),
                R(2, "A", "EventEstablished", "ConnID 1, ThisDN A, OtherDN ~C", "required"),
                R(2, "C", "EventEstablished", "ConnID 1, ThisDN C, OtherDN ~A", "required"),
            ],
        },
        new()
        {
            Id = "CM-UDATA-ATTACH",
            Input = "model: UpdateUserData by A",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [d => d.Do((m, s) => Assert.Equal(UserDataOutcome.Changed, m.UpdateUserData(d.Conn(1), d.Dn("A"), Pairs("k1", "v1"), s, referenceId: 11)))],
            Rows =
            [
                R(1, "A", "EventAttachedDataChanged", "ConnID 1, ThisDN A, ThirdPartyDN A, CallType (present), UserData contains {k1: v1}", "required"),
                R(1, "B", "EventAttachedDataChanged", "ConnID 1, ThisDN B, ThirdPartyDN A, CallType (present), UserData contains {k1: v1}", "required"),
            ],
        },
        new()
        {
            Id = "CM-UDATA-THIRDPARTY",
            Input = "model: UpdateUserData by C, which is not on the call",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [d => d.Do((m, s) => Assert.Equal(UserDataOutcome.Changed, m.UpdateUserData(d.Conn(1), d.Dn("C"), Pairs("k2", "v2"), s, referenceId: 12)))],
            Rows =
            [
                R(1, "A", "EventAttachedDataChanged", "ConnID 1, ThisDN A, ThirdPartyDN C, UserData contains {k2: v2}", "required"),
                R(1, "B", "EventAttachedDataChanged", "ConnID 1, ThisDN B, ThirdPartyDN C, UserData contains {k2: v2}", "required"),
                R(1, "C", "EventAttachedDataChanged", "ConnID 1, ThirdPartyDN C", "required"),
            ],
        },
        new()
        {
            Id = "CM-UDATA-DELETE",
            Input = "model: UpdateUserData (set-up), DeleteUserData, DeleteAllUserData by A",
            Parties = Internal,
            Setup = Then(BasicInternal, d => d.Do((m, s) => m.UpdateUserData(d.Conn(1), d.Dn("A"), Pairs("k1", "v1"), s))),
            Steps =
            [
                d => d.Do((m, s) => Assert.Equal(UserDataOutcome.Changed, m.DeleteUserData(d.Conn(1), d.Dn("A"), "k1", s, referenceId: 13))),
                d => d.Do((m, s) => Assert.Equal(UserDataOutcome.Changed, m.DeleteAllUserData(d.Conn(1), d.Dn("A"), s, referenceId: 14))),
            ],
            Rows =
            [
                R(1, "A", "EventAttachedDataChanged", "ConnID 1, ThisDN A, ThirdPartyDN ~A, UserData without k1", "required"),
                R(1, "B", "EventAttachedDataChanged", "ConnID 1, ThisDN B, ThirdPartyDN ~A, UserData without k1", "required"),
                R(2, "A", "EventAttachedDataChanged", "ConnID 1, ThisDN A, ThirdPartyDN ~A, UserData (empty)", "required"),
                R(2, "B", "EventAttachedDataChanged", "ConnID 1, ThisDN B, ThirdPartyDN ~A, UserData (empty)", "required"),
            ],
        },
    ];

    /// <summary>The recorded outbound call (A dials an external B), in the simulator's event form.</summary>
    private static class Outbound
    {
        public const string CallId = "00000000000000000000000000000F01";

        public static CstaCallEvent Event(CstaEventType type, ScenarioDriver d, string party, string local, string cause) =>
            new(type + "Event", SwitchRig.Ed4)
            {
                Type = type,
                MonitorCrossRefId = "",
                Connection = new CstaConnectionId(CallId, d.Dn(party)),
                SubjectDevice = d.Dn(party),
                CallingDevice = type is CstaEventType.ConnectionCleared or CstaEventType.ServiceInitiated ? null : d.Dn("A"),
                CalledDevice = type == CstaEventType.ConnectionCleared ? null : d.Dn("B"),
                LocalConnectionInfo = local,
                Cause = cause,
            };

        public static void Dial(ScenarioDriver d)
        {
            d.Inject(Event(CstaEventType.ServiceInitiated, d, "A", "initiated", "makeCall"), "A");
            d.Inject(Event(CstaEventType.Originated, d, "A", "connected", "newCall"), "A");
        }

        public static void NetworkReached(ScenarioDriver d) =>
            d.Do((m, s) => Assert.Equal(CallEventOutcome.Applied, m.ApplyNetworkReached(new CstaConnectionId(CallId, "T101"), d.Dn("B"), s)));
    }

    /// <summary>The recorded single-step conference: B adds C to ConnID 1, then C answers.</summary>
    private static class SingleStepConference
    {
        public static void Add(ScenarioDriver d)
        {
            var callId = d.CallIdOf(1);
            CstaConnectionId Leg(string party) => new(callId, d.Dn(party));
            d.Inject(
                new CstaCallEvent("ConferencedEvent", SwitchRig.Ed4)
                {
                    Type = CstaEventType.Conferenced,
                    MonitorCrossRefId = "",
                    Connection = Leg("B"),
                    SubjectDevice = d.Dn("B"),
                    OtherDevice = d.Dn("C"),
                    LocalConnectionInfo = "connected",
                    Cause = "singleStepConference",
                    Connections =
                    [
                        new(Leg("A"), Leg("A"), d.Dn("A")),
                        new(Leg("B"), Leg("B"), d.Dn("B")),
                        new(Leg("C"), null, d.Dn("C")),
                    ],
                },
                "A",
                "B");
            d.Inject(Arrival(d, CstaEventType.Delivered, "alerting"), "A", "B", "C");
        }

        public static void Answer(ScenarioDriver d) => d.Inject(Arrival(d, CstaEventType.Established, "connected"), "A", "B", "C");

        private static CstaCallEvent Arrival(ScenarioDriver d, CstaEventType type, string local) =>
            new(type + "Event", SwitchRig.Ed4)
            {
                Type = type,
                MonitorCrossRefId = "",
                Connection = new CstaConnectionId(d.CallIdOf(1), d.Dn("C")),
                SubjectDevice = d.Dn("C"),
                CallingDevice = d.Dn("A"),
                CalledDevice = d.Dn("B"),
                LocalConnectionInfo = local,
                Cause = "singleStepConference",
            };
    }
}
