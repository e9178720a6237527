using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using CtiGateway.Scxml;

namespace CtiGateway.Orchestration;

/// <summary>
/// The <c>queue:</c> module against the gateway's own agent states, with no Stat Server: <c>queue:submit</c> answers
/// <c>queue.submit.requestid</c> at once, then <c>queue.submit.done</c> when a target is chosen (and, with route="true",
/// the call was sent there) or <c>error.queue.submit</c>; <c>queue:cancel</c> and <c>queue:query</c> act on a waiting
/// submit of the session. Waiting submits are served by priority, then in order of arrival; a chosen agent is claimed
/// so that no other submit takes it meanwhile. Timeouts and re-checks run on the sessions' scheduler (virtual time in
/// tests and in <c>ctigw strategy try</c>).
/// </summary>
internal sealed partial class QueueActions : IScxmlActionHandler
{
    /// <summary>The statistic of agent loading: the calls at the agent's DN.</summary>
    public const string StatAgentLoading = "StatAgentLoading";

    /// <summary>The statistic of time in ready state: the agent's idle time.</summary>
    public const string StatTimeInReadyState = "StatTimeInReadyState";

    /// <summary>Most submits one session may have waiting at once.</summary>
    public const int MaxWaitingPerSession = 32;

    /// <summary>How often waiting submits look again for targets (on the sessions' clock), while any wait.</summary>
    internal static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a chosen agent stays claimed when the call does not reach it (route="false" and no redirect).</summary>
    internal static readonly TimeSpan ClaimHold = TimeSpan.FromSeconds(5);

    private readonly OrchestrationService _service;

    public QueueActions(OrchestrationService service)
    {
        _service = service;
        service.SessionEnded += (sessionId, _) => SessionGone(sessionId);
    }

    public string Namespace => "http://www.genesyslab.com/modules/queue";

    public void Execute(ScxmlActionContext context)
    {
        switch (context.LocalName)
        {
            case "submit":
                Submit(context);
                break;
            case "cancel":
                Cancel(context);
                break;
            case "query":
                Query(context);
                break;
            default:
                var requestId = ActionSupport.AssignRequestId(context);
                Post(context.SessionId, "error.queue." + context.LocalName, ErrorData(requestId, "unsupported",
                    $"queue:{context.LocalName} is not an action this platform offers (line {context.Line}); it offers queue:submit, queue:cancel and queue:query"), delayed: true);
                break;
        }
    }

    private void Submit(ScxmlActionContext context)
    {
        var requestId = ActionSupport.AssignRequestId(context);
        // queue.submit.requestid comes first, at once.
        var announce = new JsonObject { ["requestid"] = requestId }.ToJsonString();
        _service.NoteActionEvent(context.SessionId, "queue.submit.requestid", announce);
        context.BeginAsync().Complete("queue.submit.requestid", announce);
        QueuedSubmit submit;
        try
        {
            submit = ReadSubmit(context, requestId);
            CheckTargets(submit);
        }
        catch (QueueTargetException ex)
        {
            Refuse(context.SessionId, requestId, ex.Error, $"queue:submit (line {context.Line}): {ex.Message}");
            return;
        }
        catch (Exception ex) when (ex is ScxmlActionException or JsonException or XmlException)
        {
            Refuse(context.SessionId, requestId, "invalidparameter", $"queue:submit (line {context.Line}): {ex.Message}");
            return;
        }

        Enqueue(submit);
    }

    private void Refuse(string sessionId, string requestId, string error, string description)
    {
        QueueLog.Refused(_service.Logger, sessionId, requestId, description);
        Post(sessionId, "error.queue.submit", ErrorData(requestId, error, description), delayed: true);
    }

    private QueuedSubmit ReadSubmit(ScxmlActionContext context, string requestId)
    {
        var queue = ActionSupport.EvaluateString(context, "queue") is { } q && q != "none" ? q : string.Empty;
        var priority = ActionSupport.Evaluate(context, "priority") is { } p ? WholeNumber(p, "priority") : 0;
        TimeSpan? timeout = null;
        if (ActionSupport.Evaluate(context, "timeout") is { } t)
        {
            var seconds = Number(t, "timeout");
            if (seconds < 0 || seconds > TimeSpan.FromDays(1).TotalSeconds)
            {
                throw new QueueTargetException($"timeout {seconds.ToString(CultureInfo.InvariantCulture)} s is not 0-86400 seconds");
            }

            timeout = seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
        }

        var orderType = (ActionSupport.EvaluateString(context, "ordertype") ?? "any").Trim().ToLowerInvariant();
        if (orderType is not ("any" or "max" or "min" or "percentage"))
        {
            throw new QueueTargetException($"ordertype '{orderType}' is not any, max, min or percentage");
        }

        var orderStat = ActionSupport.EvaluateString(context, "orderstat")?.Trim();
        if (orderStat is { Length: 0 } || string.Equals(orderStat, "none", StringComparison.OrdinalIgnoreCase))
        {
            orderStat = null;
        }

        if (orderStat is not null && orderType != "percentage" && orderStat is not (StatAgentLoading or StatTimeInReadyState))
        {
            throw new QueueTargetException($"statistic {orderStat} is not available without a Stat Server (orderstat); the gateway serves {StatAgentLoading} and {StatTimeInReadyState} from its own figures")
            {
                Error = "unsupported",
            };
        }

        return new QueuedSubmit
        {
            RequestId = requestId,
            SessionId = context.SessionId,
            InteractionId = ActionSupport.EvaluateString(context, "interactionid") is { Length: > 0 } id ? id : null,
            VirtualQueue = queue,
            Priority = priority,
            Targets = ReadTargets(context),
            Route = ActionSupport.EvaluateString(context, "route") is not "false",
            ClearOnTimeout = ActionSupport.EvaluateString(context, "clearontimeout") is not "false",
            OrderType = orderType,
            OrderStat = orderStat,
            Timeout = timeout,
            Queued = _service.Scheduler.Now,
        };
    }

    /// <summary>The targets of the submit's <c>&lt;queue:targets&gt;</c>: <c>&lt;queue:target&gt;</c> and <c>&lt;queue:targetid&gt;</c> children.</summary>
    private static List<QueueTarget> ReadTargets(ScxmlActionContext context)
    {
        var root = XElement.Parse("<submit>" + context.InnerXml + "</submit>");
        var targets = new List<QueueTarget>();
        foreach (var group in root.Elements())
        {
            if (group.Name.LocalName != "targets")
            {
                throw new QueueTargetException($"<{group.Name.LocalName}> is not a child of queue:submit (expected <queue:targets>)");
            }

            var defaultType = Attribute(group, "type");
            var defaultServer = Attribute(group, "statserver") is { } serverExpr ? Text(context, serverExpr, "statserver") : null;
            foreach (var child in group.Elements())
            {
                switch (child.Name.LocalName)
                {
                    case "targetid":
                        var expr = Attribute(child, "expr") ?? throw new QueueTargetException("<queue:targetid> has no expr");
                        var text = Text(context, expr, "targetid expr") ?? throw new QueueTargetException($"<queue:targetid expr=\"{expr}\"> is undefined");
                        targets.AddRange(QueueTargetParser.Parse(text));
                        break;
                    case "target":
                        targets.Add(ReadTarget(context, child, defaultType, defaultServer));
                        break;
                    case "activity" or "workbin":
                        throw new QueueTargetException($"<queue:{child.Name.LocalName}> targets multimedia work; this platform routes voice calls only") { Error = "unsupported" };
                    default:
                        throw new QueueTargetException($"<{child.Name.LocalName}> is not a child of <queue:targets> (expected <queue:target> or <queue:targetid>)");
                }

                if (targets.Count > QueueTargetParser.MaxTargets)
                {
                    throw new QueueTargetException($"the submit has more than {QueueTargetParser.MaxTargets} targets");
                }
            }
        }

        if (targets.Count == 0)
        {
            throw new QueueTargetException("the submit names no target (<queue:targets> with <queue:target> or <queue:targetid> children)");
        }

        return targets;
    }

    private static QueueTarget ReadTarget(ScxmlActionContext context, XElement element, string? defaultType, string? defaultServer)
    {
        var nameExpr = Attribute(element, "name") ?? throw new QueueTargetException("<queue:target> has no name");
        var name = Text(context, nameExpr, "target name") ?? throw new QueueTargetException($"<queue:target name=\"{nameExpr}\"> is undefined");
        var typeText = Attribute(element, "type") ?? defaultType ?? throw new QueueTargetException($"<queue:target> '{name}' has no type, and <queue:targets> gives none");
        var type = QueueTargetParser.TypeOfName(typeText)
            ?? throw new QueueTargetException($"<queue:target> '{name}': type '{typeText}' is not agent, place, agentgroup, placegroup, queue, dn, skill, campaigngroup, routepoint or label");
        if (Attribute(element, "skillexpr") is { } skill && Text(context, skill, "skillexpr") is { Length: > 0 } expression)
        {
            throw new QueueTargetException($"<queue:target> '{name}': skill expression '{expression}' needs a Stat Server's skill data, which this platform does not have") { Error = "unsupported" };
        }

        var server = Attribute(element, "statserver") is { } serverExpr ? Text(context, serverExpr, "statserver") : defaultServer;
        var weight = 0;
        if (Attribute(element, "weight") is { } weightExpr && context.Evaluate(weightExpr) is { } weightJson)
        {
            using var document = JsonDocument.Parse(weightJson);
            weight = WholeNumber(document.RootElement, "weight");
        }

        QueueThreshold? threshold = null;
        if (Attribute(element, "threshold") is { } thresholdExpr && Text(context, thresholdExpr, "threshold") is { Length: > 0 } thresholdText)
        {
            threshold = QueueTargetParser.ParseThreshold(thresholdText.Trim().TrimStart('{').TrimEnd('}'), name);
        }

        return new QueueTarget(name.Trim(), server is { Length: > 0 } ? server : null, type, Math.Max(0, weight), threshold);
    }

    private static string? Attribute(XElement element, string name) => element.Attribute(name)?.Value;

    private static string? Text(ScxmlActionContext context, string expression, string what)
    {
        var json = context.Evaluate(expression);
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return ActionSupport.AsText(document.RootElement) ?? throw new QueueTargetException($"{what} '{expression}' is null");
    }

    private static double Number(JsonElement value, string what) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new QueueTargetException($"{what} {value.GetRawText()} is not a number"),
    };

    private static int WholeNumber(JsonElement value, string what)
    {
        var number = Number(value, what);
        if (number != Math.Floor(number) || number < int.MinValue || number > int.MaxValue)
        {
            throw new QueueTargetException($"{what} {value.GetRawText()} is not a whole number");
        }

        return (int)number;
    }

    /// <summary>queue:cancel: the waiting submit <c>requestid</c> of this session leaves the queue; queue.cancel.done or error.queue.cancel.</summary>
    private void Cancel(ScxmlActionContext context)
    {
        var requestId = ActionSupport.EvaluateString(context, "requestid");
        var pending = context.BeginAsync();
        QueuedSubmit? removed = null;
        lock (_lock)
        {
            if (requestId is not null && FindWaiting(context.SessionId, requestId) is { } submit)
            {
                Remove(submit);
                removed = submit;
            }
        }

        if (removed is null)
        {
            var error = ErrorData(requestId ?? string.Empty, "invalidparameter", requestId is null
                ? $"queue:cancel (line {context.Line}) names no requestid"
                : $"queue:cancel (line {context.Line}): no submit {requestId} of this session is waiting (it was served, timed out, cancelled, or never made)");
            Note(context.SessionId, "error.queue.cancel", error);
            pending.Complete("error.queue.cancel", error.ToJsonString());
            return;
        }

        QueueLog.Left(_service.Logger, removed.SessionId, removed.RequestId, "cancelled by queue:cancel");
        var data = new JsonObject { ["requestid"] = removed.RequestId };
        Note(context.SessionId, "queue.cancel.done", data);
        pending.Complete("queue.cancel.done", data.ToJsonString());
    }

    /// <summary>queue:query: where the waiting submit <c>requestid</c> stands (priority, position, time waited); queue.query.done or error.queue.query.</summary>
    private void Query(ScxmlActionContext context)
    {
        var requestId = ActionSupport.EvaluateString(context, "requestid");
        var pending = context.BeginAsync();
        JsonObject? data = null;
        lock (_lock)
        {
            if (requestId is not null && FindWaiting(context.SessionId, requestId) is { } submit)
            {
                data = new JsonObject
                {
                    ["requestid"] = submit.RequestId,
                    ["priority"] = submit.Priority,
                    ["positioninqueue"] = PositionOf(submit),
                    ["invqwaittime"] = Math.Round((_service.Scheduler.Now - submit.Queued).TotalSeconds, 3),
                    ["vq"] = submit.VirtualQueue,
                    ["targets"] = string.Join(", ", submit.Targets.Select(t => t.Describe())),
                };
            }
        }

        if (data is null)
        {
            var error = ErrorData(requestId ?? string.Empty, "invalidparameter", requestId is null
                ? $"queue:query (line {context.Line}) names no requestid"
                : $"queue:query (line {context.Line}): no submit {requestId} of this session is waiting (it was served, timed out, cancelled, or never made)");
            Note(context.SessionId, "error.queue.query", error);
            pending.Complete("error.queue.query", error.ToJsonString());
            return;
        }

        Note(context.SessionId, "queue.query.done", data);
        pending.Complete("queue.query.done", data.ToJsonString());
    }

    private static JsonObject ErrorData(string requestId, string error, string description) =>
        new() { ["requestid"] = requestId, ["error"] = error, ["description"] = description };

    /// <summary>Delivers an event to a live session (dropped when it ended); <paramref name="delayed"/> lets its timers run first.</summary>
    private void Post(string sessionId, string name, JsonObject data, bool delayed = false)
    {
        if (delayed)
        {
            _service.Scheduler.Schedule(InteractionActions.LocalErrorDelay, () => Post(sessionId, name, data));
            return;
        }

        if (_service.TryGetSession(sessionId, out var session) && session.Handle is { IsFinished: false })
        {
            _service.Deliver(session, name, data, null);
        }
    }

    private void Note(string sessionId, string name, JsonObject data) => _service.NoteActionEvent(sessionId, name, data.ToJsonString());
}
