using CtiGateway.Protocol;

namespace CtiGateway.Testing.CallModels;

/// <summary>
/// The scenario table: every scenario of <c>shared/reference/callmodels.md</c>, the routing-point scenarios CM-RP-ROUTE and
/// CM-RP-DEFAULT (with variant b) and CM-AGENT-STATE included. Rows are copied from the reference in its notation (step, party,
/// event, key attributes, check). Steps are the reference's triggers: T-Library requests of the parties, and what only
/// the switch does (a trunk call, the external party answering or hanging up, a busy network). Shared by the in-memory
/// suite (CtiGateway.CallModel.Tests) and the end-to-end suite over real sockets (CtiGateway.Switching.Tests).
/// </summary>
internal static class CallModelScenarios
{
    private const PartyKind Ext = PartyKind.External;

    private const PartyKind Int = PartyKind.Internal;

    private static readonly Dictionary<string, PartyKind> Internal = new() { ["A"] = Int, ["B"] = Int, ["C"] = Int };

    private static readonly Dictionary<string, PartyKind> ExternalCaller = new() { ["A"] = Ext, ["B"] = Int, ["C"] = Int };

    private static readonly Dictionary<string, PartyKind> ExternalCalled = new() { ["A"] = Int, ["B"] = Ext, ["C"] = Int };

    /// <summary>CM-RP-ROUTE: A external caller, RP the routing point, C the agent.</summary>
    private static readonly Dictionary<string, PartyKind> RoutedInbound = new() { ["A"] = Ext, ["RP"] = PartyKind.RoutePoint, ["C"] = Int };

    /// <summary>CM-RP-DEFAULT: A external caller, RP the routing point, DEF its default destination.</summary>
    private static readonly Dictionary<string, PartyKind> DefaultRouted = new() { ["A"] = Ext, ["RP"] = PartyKind.RoutePoint, ["DEF"] = Int };

    private static readonly IReadOnlyList<ExpectedRow> DefaultRouteRows =
    [
        R(1, "RP", "EventRouteRequest (any order within 'rp-arrive')", "ConnID 1, ThisDN RP, ThisQueue RP", "required"),
        R(1, "RP", "EventQueued (any order within 'rp-arrive')", "ConnID 1, ThisDN RP, ThisQueue ~RP", "optional"),
        R(2, "RP", "EventRouteUsed", "ConnID 1, ThisDN RP, ThisQueue RP, ThirdPartyDN DEF (opt)", "required"),
        R(2, "RP", "EventDiverted", "ConnID 1, ThisDN RP, ThisQueue RP, ThirdPartyDN ~DEF", "required"),
        R(2, "DEF", "EventRinging", "ConnID 1, ThisDN DEF, ThisQueue RP, ThisDNRole Destination, CallState OK", "required"),
        R(3, "DEF", "EventEstablished", "ConnID 1, ThisDN DEF", "required"),
    ];

    /// <summary>CM-BASIC-INTERNAL-BUSY: A and B, plus D, B's other party on the call that makes B busy.</summary>
    private static readonly Dictionary<string, PartyKind> InternalWithBusyPeer = new() { ["A"] = Int, ["B"] = Int, ["D"] = Int };

    /// <summary>"Starts from CM-BASIC-INTERNAL": A calls B, B answers; ConnID 1 is that call.</summary>
    private static readonly IReadOnlyList<ScenarioStep> BasicInternal = [ScenarioStep.MakeCall("A", "B"), ScenarioStep.Answer("B", 1)];

    /// <summary>CM-AGENT-STATE: the agent's extension A and the ACD queue Q.</summary>
    private static readonly Dictionary<string, PartyKind> AgentAndQueue = new() { ["A"] = Int, ["Q"] = PartyKind.Queue };

    private static ExpectedRow R(int step, string party, string evt, string attributes, string check) => new(step, party, evt, attributes, check);

    private static readonly IReadOnlyList<ExpectedRow> OutboundRows =
    [
        R(1, "A", "EventDialing", "ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B (opt), OtherDNRole Destination (opt), CallType ~Outbound", "required"),
        R(1, "A", "EventNetworkReached", "ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B (opt), OtherDNRole Destination (opt)", "required"),
        R(2, "A", "EventEstablished", "ConnID 1, ThisDN A, ThisDNRole Origination, OtherDN B (opt), OtherDNRole ~Destination, CallType ~Outbound", "required"),
    ];

    /// <summary>The scenario <paramref name="id"/>.</summary>
    public static CallModelScenario Get(string id) =>
        All.FirstOrDefault(s => s.Id == id) ?? throw new ArgumentException($"No scenario {id} in the table.", nameof(id));

    public static IReadOnlyList<CallModelScenario> All { get; } =
    [
        new()
        {
            Id = "CM-BASIC-INTERNAL",
            Parties = Internal,
            Steps = [ScenarioStep.MakeCall("A", "B"), ScenarioStep.Answer("B", 1)],
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
            Parties = Internal,
            Steps = [ScenarioStep.MakeCall("A", "B"), ScenarioStep.Release("A", 1)],
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
            Parties = InternalWithBusyPeer,
            Setup = [ScenarioStep.MakeCall("B", "D"), ScenarioStep.Answer("D", 1)],
            ConnIdsFromSetup = false,
            Steps = [ScenarioStep.MakeCall("A", "B"), ScenarioStep.Release("A", 1)],
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
            Parties = ExternalCaller,
            Steps = [ScenarioStep.InboundCall("A", "B"), ScenarioStep.Answer("B", 1)],
            Rows =
            [
                R(1, "B", "EventRinging", "ConnID 1, ThisDN B, ThisDNRole Destination, OtherDN A (opt), OtherDNRole Origination (opt), CallType ~Inbound, CallState OK, ANI ~A", "required"),
                R(2, "B", "EventEstablished", "ConnID 1, ThisDN B, ThisDNRole Destination, OtherDN A (opt), OtherDNRole Origination (opt), CallType ~Inbound", "required"),
            ],
        },
        new()
        {
            Id = "CM-BASIC-INBOUND-ABANDON",
            Parties = ExternalCaller,
            Steps = [ScenarioStep.InboundCall("A", "B"), ScenarioStep.ExternalHangsUp(1)],
            Rows =
            [
                R(1, "B", "EventRinging", "ConnID 1, ThisDN B, ThisDNRole Destination, OtherDN A (opt), CallState OK", "required"),
                R(2, "B", "EventAbandoned", "ConnID 1, ThisDN B, OtherDN A (opt), CallState OK", "required"),
            ],
        },
        new()
        {
            Id = "CM-BASIC-OUTBOUND",
            Parties = ExternalCalled,
            Steps = [ScenarioStep.MakeCall("A", "B"), ScenarioStep.FarEndAnswers(1)],
            Rows = OutboundRows,
        },
        new()
        {
            Id = "CM-OUTBOUND-BUSY",
            Parties = ExternalCalled,
            Setup = [ScenarioStep.NetworkBusy("B")],
            Steps = [ScenarioStep.MakeCall("A", "B"), ScenarioStep.Release("A", 1)],
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
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [ScenarioStep.Release("A", 1)],
            Rows =
            [
                R(1, "A", "EventReleased", "ConnID 1, ThisDN A, OtherDN B (opt), CallState OK", "required"),
                R(1, "B", "EventReleased", "ConnID 1, ThisDN B, OtherDN A (opt), CallState OK", "required"),
            ],
        },
        new()
        {
            Id = "CM-RELEASE-BY-B",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [ScenarioStep.Release("B", 1)],
            Rows =
            [
                R(1, "A", "EventReleased", "ConnID 1, ThisDN A, OtherDN B (opt), CallState OK", "required"),
                R(1, "B", "EventReleased", "ConnID 1, ThisDN B, OtherDN A (opt), CallState OK", "required"),
            ],
        },
        new()
        {
            Id = "CM-HOLD-RETRIEVE",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [ScenarioStep.Hold("B", 1), ScenarioStep.Retrieve("B", 1)],
            Rows =
            [
                R(1, "B", "EventHeld", "ConnID 1, ThisDN B, OtherDN A", "required"),
                R(2, "B", "EventRetrieved", "ConnID 1, ThisDN B, ThisQueue (absent), ThisDNRole ~Destination, OtherDN A, CallState OK", "required"),
            ],
        },
        new()
        {
            Id = "CM-XFER-2STEP",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [ScenarioStep.InitiateTransfer("B", 1, "C"), ScenarioStep.Answer("C", 2), ScenarioStep.CompleteTransfer("B", 1, 2)],
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
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [ScenarioStep.SingleStepTransfer("B", 1, "C"), ScenarioStep.Answer("C", 1)],
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
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [ScenarioStep.MuteTransfer("B", 1, "C"), ScenarioStep.Answer("C", 1)],
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
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [ScenarioStep.InitiateConference("B", 1, "C"), ScenarioStep.Answer("C", 2), ScenarioStep.CompleteConference("B", 1, 2)],
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
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [ScenarioStep.SingleStepConference("B", 1, "C"), ScenarioStep.Answer("C", 1)],
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
            Parties = Internal,
            Setup = [ScenarioStep.MakeCall("A", "B")],
            Steps = [ScenarioStep.Redirect("B", 1, "C"), ScenarioStep.Answer("C", 1)],
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
            Id = "CM-RP-ROUTE",
            Parties = RoutedInbound,
            Steps = [ScenarioStep.InboundCall("A", "RP"), ScenarioStep.RouteCall("RP", 1, "C"), ScenarioStep.Answer("C", 1)],
            Rows =
            [
                R(1, "RP", "EventRouteRequest (any order within 'rp-arrive')", "ConnID 1, PreviousConnID (absent), ThisDN RP, ThisQueue RP, ThisDNRole ~Destination, OtherDN A (opt), CallType ~Inbound", "required"),
                R(1, "RP", "EventQueued (any order within 'rp-arrive')", "ConnID 1, ThisDN RP, ThisQueue ~RP", "optional"),
                R(2, "RP", "EventRouteUsed", "ConnID 1, ThisDN RP, ThisQueue RP, ThirdPartyDN C, ThirdPartyDNRole ~Destination", "required"),
                R(2, "RP", "EventDiverted", "ConnID 1, ThisDN RP, ThisQueue RP, ThirdPartyDN ~C", "required"),
                R(2, "C", "EventRinging", "ConnID 1, ThisDN C, ThisQueue RP, ThisDNRole Destination, OtherDN A (opt), CallType ~Inbound, CallState OK", "required"),
                R(3, "C", "EventEstablished", "ConnID 1, ThisDN C, OtherDN A (opt)", "required"),
            ],
        },
        new()
        {
            Id = "CM-RP-DEFAULT",
            Parties = DefaultRouted,
            Steps = [ScenarioStep.InboundCall("A", "RP"), ScenarioStep.RouterTimeout("RP", 1), ScenarioStep.Answer("DEF", 1)],
            Rows = DefaultRouteRows,
        },
        new()
        {
            Id = "CM-RP-DEFAULT-b-routetype-default-empty",
            Parties = DefaultRouted,
            Steps = [ScenarioStep.InboundCall("A", "RP"), ScenarioStep.RouteCall("RP", 1, ""), ScenarioStep.Answer("DEF", 1)],
            Rows = DefaultRouteRows,
        },
        new()
        {
            Id = "CM-UDATA-ATTACH",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [ScenarioStep.UpdateUserData("A", 1, "k1", "v1")],
            Rows =
            [
                R(1, "A", "EventAttachedDataChanged", "ConnID 1, ThisDN A, ThirdPartyDN A, CallType (present), UserData contains {k1: v1}", "required"),
                R(1, "B", "EventAttachedDataChanged", "ConnID 1, ThisDN B, ThirdPartyDN A, CallType (present), UserData contains {k1: v1}", "required"),
            ],
        },
        new()
        {
            Id = "CM-UDATA-THIRDPARTY",
            Parties = Internal,
            Setup = BasicInternal,
            Steps = [ScenarioStep.UpdateUserData("C", 1, "k2", "v2")],
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
            Parties = Internal,
            Setup = [.. BasicInternal, ScenarioStep.UpdateUserData("A", 1, "k1", "v1")],
            Steps = [ScenarioStep.DeletePair("A", 1, "k1"), ScenarioStep.DeleteAllUserData("A", 1)],
            Rows =
            [
                R(1, "A", "EventAttachedDataChanged", "ConnID 1, ThisDN A, ThirdPartyDN ~A, UserData without k1", "required"),
                R(1, "B", "EventAttachedDataChanged", "ConnID 1, ThisDN B, ThirdPartyDN ~A, UserData without k1", "required"),
                R(2, "A", "EventAttachedDataChanged", "ConnID 1, ThisDN A, ThirdPartyDN ~A, UserData (empty)", "required"),
                R(2, "B", "EventAttachedDataChanged", "ConnID 1, ThisDN B, ThirdPartyDN ~A, UserData (empty)", "required"),
            ],
        },
        new()
        {
            Id = "CM-AGENT-STATE",
            Parties = AgentAndQueue,
            ConnIdsFromSetup = false,
            Steps =
            [
                ScenarioStep.AgentLogin("A", "Q", "agent-id", AgentWorkMode.ManualIn),
                ScenarioStep.AgentReady("A", "Q", AgentWorkMode.ManualIn),
                ScenarioStep.AgentNotReady("A", "Q", AgentWorkMode.AuxWork, "ReasonCode", "Break"),
                ScenarioStep.AgentLogout("A", "Q"),
            ],
            Rows =
            [
                R(1, "A", "EventAgentLogin", "ThisDN A, ThisQueue Q (opt), AgentID agent-id, AgentWorkMode ~ManualIn", "required"),
                R(1, "A", "EventAgentNotReady", "ThisDN A, AgentID ~agent-id", "optional"),
                R(2, "A", "EventAgentReady", "ThisDN A, ThisQueue Q (opt), AgentID ~agent-id, AgentWorkMode ~ManualIn", "required"),
                R(3, "A", "EventAgentNotReady", "ThisDN A, ThisQueue Q (opt), AgentID ~agent-id, AgentWorkMode ~AuxWork, Reasons ~(present)", "required"),
                R(4, "A", "EventAgentLogout", "ThisDN A, ThisQueue Q (opt), AgentID agent-id", "required"),
            ],
        },
    ];
}
