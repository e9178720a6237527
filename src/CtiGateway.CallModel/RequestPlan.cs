using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// What the call model makes of a client request: a <see cref="SwitchCommand"/> to send, a refusal (EventError with
/// <see cref="Error"/> and <see cref="Message"/>), done (the model answered it itself, e.g. user data), or a reply for
/// the requester alone (a query answered from the model's state: <see cref="Replies"/>).
/// </summary>
public readonly record struct RequestPlan
{
    private RequestPlan(SwitchCommand? command, ErrorCode error, string message, bool done, TlibMessage[]? replies = null)
    {
        Command = command;
        Error = error;
        Message = message;
        IsDone = done;
        Replies = replies;
    }

    /// <summary>The command to send, or null.</summary>
    public SwitchCommand? Command { get; }

    /// <summary>The error of a refusal.</summary>
    public ErrorCode Error { get; }

    /// <summary>What was wrong, for a refusal.</summary>
    public string Message { get; }

    /// <summary>The model answered the request itself (its events carry the ReferenceID).</summary>
    public bool IsDone { get; }

    /// <summary>
    /// The events that answer the request, for the requester only, in order (the host sets their ReferenceID); null
    /// when the plan is not a reply.
    /// </summary>
    public IReadOnlyList<TlibMessage>? Replies { get; }

    /// <summary>Whether the request is refused.</summary>
    public bool IsRefused => Command is null && !IsDone && Replies is null;

    /// <summary>Send <paramref name="command"/>.</summary>
    public static RequestPlan Send(SwitchCommand command) => new(command, default, string.Empty, false);

    /// <summary>Refuse with <paramref name="error"/>.</summary>
    public static RequestPlan Refuse(ErrorCode error, string message) => new(null, error, message, false);

    /// <summary>Answer the requester with <paramref name="replies"/> (a query answered from state).</summary>
    public static RequestPlan Reply(params TlibMessage[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        return new(null, default, string.Empty, false, replies);
    }

    /// <summary>Answered by the model.</summary>
    public static RequestPlan Done { get; } = new(null, default, string.Empty, true);
}
