using CtiGateway.Protocol;

namespace CtiGateway.Testing.CallModels;

/// <summary>
/// One trigger of a scenario of <c>shared/reference/callmodels.md</c>, in T-Library terms: a party's request (sent by
/// that party's client on its DN, naming ConnIDs as "ConnID n" of the scenario), or what only the switch can do (a
/// trunk call arriving, the external caller hanging up, the far end answering, the network reporting a number busy).
/// Each driver plays it its own way: the in-memory suite plans the request with the call model and runs the command on
/// the simulator's switch model; the end-to-end suite sends the request through the gateway.
/// </summary>
internal sealed record ScenarioStep(ScenarioStepKind Kind, string Party)
{
    /// <summary>The request, for <see cref="ScenarioStepKind.Request"/>.</summary>
    public MessageType Request { get; init; }

    /// <summary>"ConnID n" of AttributeConnID (the call the request or switch action is about).</summary>
    public int? Conn { get; init; }

    /// <summary>"ConnID n" of AttributeTransferConnID / AttributeConferenceConnID (the consultation call).</summary>
    public int? SecondConn { get; init; }

    /// <summary>Party letter of AttributeOtherDN (the destination), or of the trunk caller of an inbound call.</summary>
    public string? Other { get; init; }

    /// <summary>The pair of an attach / update.</summary>
    public (string Key, string Value)? Pair { get; init; }

    /// <summary>AttributeDataKey of a RequestDeletePair.</summary>
    public string? Key { get; init; }

    /// <summary>Party letter of AttributeThisQueue (agent requests).</summary>
    public string? Queue { get; init; }

    /// <summary>AttributeAgentID of an agent login.</summary>
    public string? AgentId { get; init; }

    /// <summary>AttributeAgentWorkMode of an agent request.</summary>
    public AgentWorkMode? WorkMode { get; init; }

    /// <summary>The pair of AttributeReasons of an agent request.</summary>
    public (string Key, string Value)? Reason { get; init; }

    /// <summary>TAgentLogin(queue, dn, agent_id, workmode).</summary>
    public static ScenarioStep AgentLogin(string party, string queue, string agentId, AgentWorkMode workMode) =>
        Ask(party, MessageType.RequestAgentLogin) with { Queue = queue, AgentId = agentId, WorkMode = workMode };

    /// <summary>TAgentSetReady(queue, dn, workmode).</summary>
    public static ScenarioStep AgentReady(string party, string queue, AgentWorkMode workMode) =>
        Ask(party, MessageType.RequestAgentReady) with { Queue = queue, WorkMode = workMode };

    /// <summary>TAgentSetNotReady(queue, dn, workmode, reasons).</summary>
    public static ScenarioStep AgentNotReady(string party, string queue, AgentWorkMode workMode, string reasonKey, string reasonValue) =>
        Ask(party, MessageType.RequestAgentNotReady) with { Queue = queue, WorkMode = workMode, Reason = (reasonKey, reasonValue) };

    /// <summary>TAgentLogout(queue, dn).</summary>
    public static ScenarioStep AgentLogout(string party, string queue) => Ask(party, MessageType.RequestAgentLogout) with { Queue = queue };

    /// <summary>AttributeRouteType of a RequestRouteCall.</summary>
    public RouteType? RouteType { get; init; }

    public static ScenarioStep MakeCall(string party, string destination) => Ask(party, MessageType.RequestMakeCall) with { Other = destination };

    public static ScenarioStep Answer(string party, int conn) => Ask(party, MessageType.RequestAnswerCall) with { Conn = conn };

    public static ScenarioStep Release(string party, int conn) => Ask(party, MessageType.RequestReleaseCall) with { Conn = conn };

    public static ScenarioStep Hold(string party, int conn) => Ask(party, MessageType.RequestHoldCall) with { Conn = conn };

    public static ScenarioStep Retrieve(string party, int conn) => Ask(party, MessageType.RequestRetrieveCall) with { Conn = conn };

    public static ScenarioStep InitiateTransfer(string party, int conn, string destination) =>
        Ask(party, MessageType.RequestInitiateTransfer) with { Conn = conn, Other = destination };

    public static ScenarioStep CompleteTransfer(string party, int held, int consultation) =>
        Ask(party, MessageType.RequestCompleteTransfer) with { Conn = held, SecondConn = consultation };

    public static ScenarioStep MuteTransfer(string party, int conn, string destination) =>
        Ask(party, MessageType.RequestMuteTransfer) with { Conn = conn, Other = destination };

    public static ScenarioStep SingleStepTransfer(string party, int conn, string destination) =>
        Ask(party, MessageType.RequestSingleStepTransfer) with { Conn = conn, Other = destination };

    public static ScenarioStep InitiateConference(string party, int conn, string destination) =>
        Ask(party, MessageType.RequestInitiateConference) with { Conn = conn, Other = destination };

    public static ScenarioStep CompleteConference(string party, int held, int consultation) =>
        Ask(party, MessageType.RequestCompleteConference) with { Conn = held, SecondConn = consultation };

    public static ScenarioStep SingleStepConference(string party, int conn, string destination) =>
        Ask(party, MessageType.RequestSingleStepConference) with { Conn = conn, Other = destination };

    public static ScenarioStep Redirect(string party, int conn, string destination) =>
        Ask(party, MessageType.RequestRedirectCall) with { Conn = conn, Other = destination };

    public static ScenarioStep AttachUserData(string party, int conn, string key, string value) =>
        Ask(party, MessageType.RequestAttachUserData) with { Conn = conn, Pair = (key, value) };

    public static ScenarioStep UpdateUserData(string party, int conn, string key, string value) =>
        Ask(party, MessageType.RequestUpdateUserData) with { Conn = conn, Pair = (key, value) };

    /// <summary>TDeleteUserData (one key): RequestDeletePair.</summary>
    public static ScenarioStep DeletePair(string party, int conn, string key) => Ask(party, MessageType.RequestDeletePair) with { Conn = conn, Key = key };

    /// <summary>TDeleteAllUserData: RequestDeleteUserData.</summary>
    public static ScenarioStep DeleteAllUserData(string party, int conn) => Ask(party, MessageType.RequestDeleteUserData) with { Conn = conn };

    /// <summary>
    /// The router on routing point <paramref name="party"/>: TRouteCall of "ConnID n" to <paramref name="destination"/>
    /// (empty: no OtherDN, the routing point's default destination) with <paramref name="routeType"/>.
    /// </summary>
    public static ScenarioStep RouteCall(string party, int conn, string destination, RouteType routeType = Protocol.RouteType.Default) =>
        Ask(party, MessageType.RequestRouteCall) with { Conn = conn, Other = destination, RouteType = routeType };

    /// <summary>Server: no TRouteCall for "ConnID n" at routing point <paramref name="party"/> within the router timeout.</summary>
    public static ScenarioStep RouterTimeout(string party, int conn) => new(ScenarioStepKind.RouterTimeout, party) { Conn = conn };

    /// <summary>Switch: a call from the external <paramref name="caller"/> arrives over a trunk for <paramref name="party"/>.</summary>
    public static ScenarioStep InboundCall(string caller, string party) => new(ScenarioStepKind.InboundCall, party) { Other = caller };

    /// <summary>Switch: the external party of "ConnID n" hangs up (the inbound caller, or the far end).</summary>
    public static ScenarioStep ExternalHangsUp(int conn) => new(ScenarioStepKind.ExternalHangsUp, "switch") { Conn = conn };

    /// <summary>Switch: the external far end of the outbound call "ConnID n" answers.</summary>
    public static ScenarioStep FarEndAnswers(int conn) => new(ScenarioStepKind.FarEndAnswers, "switch") { Conn = conn };

    /// <summary>Switch: the network reports the external <paramref name="party"/>'s number busy.</summary>
    public static ScenarioStep NetworkBusy(string party) => new(ScenarioStepKind.NetworkBusy, party);

    /// <summary>
    /// The events of the requester that answer the request (rule 11 of the reference, and the response column of
    /// tlib.md section 7 where rule 11 is silent): the first of them the requester gets carries the request's
    /// ReferenceID. Empty for what the switch does on its own.
    /// </summary>
    public IReadOnlyList<MessageType> AnsweringEvents => Kind != ScenarioStepKind.Request ? [] : Request switch
    {
        MessageType.RequestMakeCall => [MessageType.EventDialing],
        MessageType.RequestAnswerCall => [MessageType.EventEstablished],
        MessageType.RequestReleaseCall => [MessageType.EventReleased, MessageType.EventAbandoned],
        MessageType.RequestHoldCall => [MessageType.EventHeld],
        MessageType.RequestRetrieveCall => [MessageType.EventRetrieved],
        MessageType.RequestInitiateTransfer or MessageType.RequestInitiateConference => [MessageType.EventHeld, MessageType.EventDialing],
        MessageType.RequestCompleteTransfer or MessageType.RequestMuteTransfer or MessageType.RequestSingleStepTransfer
            or MessageType.RequestRedirectCall => [MessageType.EventReleased],
        MessageType.RequestCompleteConference => [MessageType.EventRetrieved, MessageType.EventReleased],
        MessageType.RequestSingleStepConference => [MessageType.EventPartyAdded],
        MessageType.RequestRouteCall => RouteType == Protocol.RouteType.CallDisconnect ? [MessageType.EventReleased, MessageType.EventAbandoned] : [MessageType.EventRouteUsed],
        MessageType.RequestAttachUserData or MessageType.RequestUpdateUserData or MessageType.RequestDeletePair
            or MessageType.RequestDeleteUserData => [MessageType.EventAttachedDataChanged],
        MessageType.RequestAgentLogin => [MessageType.EventAgentLogin],
        MessageType.RequestAgentLogout => [MessageType.EventAgentLogout, MessageType.EventQueueLogout],
        MessageType.RequestAgentReady => [MessageType.EventAgentReady],
        MessageType.RequestAgentNotReady => [MessageType.EventAgentNotReady],
        _ => throw new InvalidOperationException($"{Request} has no answering events in the scenario vocabulary."),
    };

    /// <summary>The T-Library request of a <see cref="ScenarioStepKind.Request"/> step, ConnIDs and DNs resolved.</summary>
    public TlibMessage ToRequest(ScenarioContext context)
    {
        if (Kind != ScenarioStepKind.Request)
        {
            throw new InvalidOperationException($"{this} is done by the switch, not by a T-Library request.");
        }

        var request = new TlibMessage(Request) { ThisDN = context.Dn(Party) };
        if (Conn is { } conn)
        {
            request.ConnID = context.ConnIdAt(conn);
        }

        if (SecondConn is { } second)
        {
            var id = (long)context.ConnIdAt(second).Value;
            request.Set(Request == MessageType.RequestCompleteConference ? AttributeId.ConferenceConnID : AttributeId.TransferConnID, id);
        }

        if (Other is { Length: > 0 } other)
        {
            request.OtherDN = context.Dn(other);
        }

        if (RouteType is { } routeType)
        {
            request.Set(AttributeId.RouteType, (int)routeType);
        }

        if (Pair is { } pair)
        {
            request.UserData = new KeyValueList().Add(pair.Key, pair.Value);
        }

        if (Key is { } key)
        {
            request.Set(AttributeId.DataKey, key);
        }

        if (Queue is { } queue)
        {
            request.Set(AttributeId.ThisQueue, context.Dn(queue));
        }

        if (AgentId is { } agentId)
        {
            request.Set(AttributeId.AgentID, agentId);
        }

        if (WorkMode is { } workMode)
        {
            request.Set(AttributeId.AgentWorkMode, (int)workMode);
        }

        if (Reason is { } reason)
        {
            request.Reasons = new KeyValueList().Add(reason.Key, reason.Value);
        }

        return request;
    }

    /// <summary>How the reports name the step, e.g. <c>B: RequestCompleteTransfer(ConnID 1, TransferConnID 2)</c>.</summary>
    public override string ToString()
    {
        var args = new List<string>();
        if (Conn is { } c)
        {
            args.Add($"ConnID {c}");
        }

        if (SecondConn is { } s)
        {
            args.Add($"{(Request == MessageType.RequestCompleteConference ? "ConferenceConnID" : "TransferConnID")} {s}");
        }

        if (RouteType is { } rt)
        {
            args.Add("RouteType " + rt);
        }

        if (Other is { } o)
        {
            args.Add((Kind == ScenarioStepKind.InboundCall ? "from " : "OtherDN ") + o);
        }

        if (Pair is { } p)
        {
            args.Add($"UserData {{{p.Key}: {p.Value}}}");
        }

        if (Key is { } k)
        {
            args.Add("DataKey " + k);
        }

        if (Queue is { } q)
        {
            args.Add("ThisQueue " + q);
        }

        if (AgentId is { } a)
        {
            args.Add("AgentID " + a);
        }

        if (WorkMode is { } w)
        {
            args.Add("AgentWorkMode " + w);
        }

        if (Reason is { } r)
        {
            args.Add($"Reasons {{{r.Key}: {r.Value}}}");
        }

        var what = Kind == ScenarioStepKind.Request ? Request.ToString() : Kind.ToString();
        return $"{Party}: {what}({string.Join(", ", args)})";
    }

    private static ScenarioStep Ask(string party, MessageType request) => new(ScenarioStepKind.Request, party) { Request = request };
}
