using System.Text.Json;
using System.Text.Json.Nodes;
using CtiGateway.Client;
using CtiGateway.Protocol;
using CtiGateway.Scxml;

namespace CtiGateway.Orchestration;

/// <summary>
/// The <c>ixn:</c> module: each action takes a requestid (an output location) and answers with
/// <c>interaction.ACTION.done</c> or <c>error.interaction.ACTION</c> (<c>requestid</c>, <c>error</c>,
/// <c>description</c>), as external events: T-Library requests go out through the orchestration's T-Server connection.
/// </summary>
internal sealed partial class InteractionActions : IScxmlActionHandler
{
    /// <summary>
    /// The least time before an error found without asking the T-Server is delivered: a strategy that retries at once on
    /// error (seed 003's detach loop) lets its timers run meanwhile, also in virtual time.
    /// </summary>
    internal static readonly TimeSpan LocalErrorDelay = TimeSpan.FromMilliseconds(10);

    private readonly OrchestrationService _service;

    public InteractionActions(OrchestrationService service)
    {
        _service = service;
    }

    public string Namespace => "http://www.genesyslab.com/modules/interaction";

    public void Execute(ScxmlActionContext context)
    {
        var requestId = ActionSupport.AssignRequestId(context);
        var pending = context.BeginAsync();
        var call = new ActionCall(context.SessionId, context.LocalName, requestId, pending);
        if (_service.TryGetSession(context.SessionId, out var session))
        {
            session.Track(pending);
        }

        try
        {
            switch (context.LocalName)
            {
                case "redirect":
                    Redirect(context, call);
                    break;
                case "detach":
                    Detach(context, call);
                    break;
                case "associate":
                    Associate(context, call);
                    break;
                case "attach":
                    Attach(context, call);
                    break;
                case "pick":
                    Pick(context, call);
                    break;
                case "accept":
                    Accept(context, call);
                    break;
                case "clear":
                    Clear(context, call);
                    break;
                case "terminate":
                    Terminate(context, call);
                    break;
                case "singlesteptransfer":
                    SingleStep(context, call, MessageType.RequestSingleStepTransfer);
                    break;
                case "singlestepconference":
                    SingleStep(context, call, MessageType.RequestSingleStepConference);
                    break;
                default:
                    Fail(call, "unsupported", $"ixn:{context.LocalName} is not an action this platform offers (line {context.Line})");
                    break;
            }
        }
        catch (ScxmlActionException ex)
        {
            Fail(call, "invalidparameter", ex.Message);
        }
        catch (JsonException ex)
        {
            Fail(call, "invalidparameter", $"ixn:{context.LocalName}: {ex.Message}");
        }
    }

    /// <summary>An error found here: delivered after <see cref="LocalErrorDelay"/>.</summary>
    private void Fail(ActionCall call, string error, string description)
    {
        var data = new JsonObject { ["requestid"] = call.RequestId, ["error"] = error, ["description"] = description };
        // Noted as it is delivered, not before: a history reader must not see it ahead of the session.
        call.Pending.CompleteAfter(LocalErrorDelay, "error.interaction." + call.Action, data.ToJsonString(), () => NoteOutcome(call, "error.interaction." + call.Action, data));
    }

    private void Done(ActionCall call, JsonObject fields)
    {
        var data = new JsonObject { ["requestid"] = call.RequestId };
        foreach (var (key, value) in fields.ToList())
        {
            fields.Remove(key);
            data[key] = value;
        }

        NoteOutcome(call, "interaction." + call.Action + ".done", data);
        call.Pending.Complete("interaction." + call.Action + ".done", data.ToJsonString());
    }

    private void NoteOutcome(ActionCall call, string name, JsonObject data) => _service.NoteActionEvent(call.SessionId, name, data.ToJsonString());

    /// <summary>Sends a request and answers the action with <paramref name="done"/> or the T-Server's error.</summary>
    private async Task SendAsync(ActionCall call, TlibMessage request, string? registerFirst, Func<TlibMessage, JsonObject> done, Action<bool>? after)
    {
        using var external = _service.Scheduler.TrackExternalWork();
        using var timeout = new CancellationTokenSource(_service.Options.RequestTimeout);
        TlibMessage answer;
        try
        {
            if (registerFirst is not null)
            {
                await _service.EnsureRegisteredAsync(registerFirst, timeout.Token).ConfigureAwait(false);
            }

            answer = await _service.Client.RequestAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (TServerErrorException ex)
        {
            after?.Invoke(false);
            Fail(call, ErrorValue(ex.ErrorCode), $"ixn:{call.Action}: the T-Server refused {MessageCatalog.GetName(request.Type)}: error {ex.ErrorCode} {ErrorName(ex.ErrorCode)}: {ex.ErrorMessage}");
            return;
        }
        catch (Exception ex) when (OrchestrationService.IsConnectionError(ex))
        {
            after?.Invoke(false);
            Fail(call, "remote", $"ixn:{call.Action}: no answer from the T-Server to {MessageCatalog.GetName(request.Type)} within {_service.Options.RequestTimeout.TotalSeconds:0.#} s ({ex.Message})");
            return;
        }

        after?.Invoke(true);
        Done(call, done(answer));
    }

    internal static string ErrorName(int code) => Enum.IsDefined(typeof(ErrorCode), code) ? ((ErrorCode)code).ToString() : "TERR_" + code;

    /// <summary>The ORS error value of a T-Server error code.</summary>
    internal static string ErrorValue(int code) => (ErrorCode)code switch
    {
        ErrorCode.TERR_INV_CONNID or ErrorCode.TERR_CTL_INV_CALL_STATE => "invalidstate",
        ErrorCode.TERR_NOT_CONFIGURED or ErrorCode.TERR_DN_BUSY or ErrorCode.TERR_DN_NO_ANSWER or ErrorCode.TERR_CALL_REJECTED
            or ErrorCode.TERR_OUT_OF_SERVICE or ErrorCode.TERR_INVALID_ATTR or ErrorCode.TERR_BAD_PARAM => "invaliddestination",
        _ => "remote",
    };

    /// <summary>The interaction an action names (attribute <c>interactionid</c>, else the session's first); null with the error reported.</summary>
    private Interaction? Target(ScxmlActionContext context, ActionCall call, out InteractionView view)
    {
        var id = ActionSupport.EvaluateString(context, "interactionid");
        lock (_service.Gate)
        {
            var interaction = _service.FindForSession(call.SessionId, id);
            if (interaction is null)
            {
                view = default;
                Fail(call, "invalidstate", id is null
                    ? $"ixn:{call.Action}: the session owns no interaction and names none (interactionid)"
                    : $"ixn:{call.Action}: interaction {id} does not exist (the call ended, or it is not one this orchestration watches)");
                return null;
            }

            view = new InteractionView(interaction.Id, interaction.ConnId, interaction.RoutePoint, interaction.OwnerSessionId, interaction.Controlled,
                interaction.Parties.Select(p => p.Device).ToArray(), interaction.Switch);
            return interaction;
        }
    }

    private ResolvedResource? Resource(ScxmlActionContext context, ActionCall call, string attribute, bool required)
    {
        var value = ActionSupport.Evaluate(context, attribute);
        if (value is null)
        {
            if (required)
            {
                Fail(call, "invaliddestination", $"ixn:{call.Action}: '{attribute}' is missing or undefined");
            }

            return null;
        }

        var resource = ResourceResolver.Resolve(value.Value, _service.Targets, out var error, out var description);
        if (resource is null)
        {
            Fail(call, error, $"ixn:{call.Action} {attribute}: {description}");
        }

        return resource;
    }

    private readonly record struct ActionCall(string SessionId, string Action, string RequestId, ScxmlPendingAction Pending);

    private readonly record struct InteractionView(string Id, ConnId ConnId, string? RoutePoint, string? Owner, bool Controlled, string[] Devices, string Switch);
}
