using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// What the call model makes of a client request: a <see cref="SwitchCommand"/> to send, a refusal (EventError with
/// <see cref="Error"/> and <see cref="Message"/>), or done (the model answered it itself, e.g. user data).
/// </summary>
public readonly record struct RequestPlan
{
    private RequestPlan(SwitchCommand? command, ErrorCode error, string message, bool done)
    {
        Command = command;
        Error = error;
        Message = message;
        IsDone = done;
    }

    /// <summary>The command to send, or null.</summary>
    public SwitchCommand? Command { get; }

    /// <summary>The error of a refusal.</summary>
    public ErrorCode Error { get; }

    /// <summary>What was wrong, for a refusal.</summary>
    public string Message { get; }

    /// <summary>The model answered the request itself (its events carry the ReferenceID).</summary>
    public bool IsDone { get; }

    /// <summary>Whether the request is refused.</summary>
    public bool IsRefused => Command is null && !IsDone;

    /// <summary>Send <paramref name="command"/>.</summary>
    public static RequestPlan Send(SwitchCommand command) => new(command, default, string.Empty, false);

    /// <summary>Refuse with <paramref name="error"/>.</summary>
    public static RequestPlan Refuse(ErrorCode error, string message) => new(null, error, message, false);

    /// <summary>Answered by the model.</summary>
    public static RequestPlan Done { get; } = new(null, default, string.Empty, true);
}
