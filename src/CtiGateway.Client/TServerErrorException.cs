using System.Globalization;
using CtiGateway.Protocol;

namespace CtiGateway.Client;

/// <summary>The T-Server answered a request with EventError.</summary>
public sealed class TServerErrorException : Exception
{
    /// <summary>Creates the error from the request type and the EventError that answered it.</summary>
    public TServerErrorException(MessageType requestType, TlibMessage errorEvent)
        : base(Describe(requestType, errorEvent ?? throw new ArgumentNullException(nameof(errorEvent))))
    {
        RequestType = requestType;
        Event = errorEvent;
        ErrorCode = errorEvent.ErrorCode ?? 0;
        ErrorMessage = errorEvent.ErrorMessage ?? ErrorCodeText.Get(ErrorCode);
    }

    /// <summary>Creates an error with no event (for serializers and tests).</summary>
    public TServerErrorException()
        : this("The T-Server answered with EventError.")
    {
    }

    /// <summary>Creates an error with a message and no event.</summary>
    public TServerErrorException(string message)
        : base(message)
    {
        Event = new TlibMessage(MessageType.EventError);
        ErrorMessage = message;
    }

    /// <summary>Creates an error with a message and an inner exception, and no event.</summary>
    public TServerErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Event = new TlibMessage(MessageType.EventError);
        ErrorMessage = message;
    }

    /// <summary>The request that failed.</summary>
    public MessageType RequestType { get; }

    /// <summary>AttributeErrorCode of the EventError (0 when absent).</summary>
    public int ErrorCode { get; }

    /// <summary>AttributeErrorMessage of the EventError, or the canonical text of the code when absent.</summary>
    public string ErrorMessage { get; }

    /// <summary>The EventError itself.</summary>
    public TlibMessage Event { get; }

    private static string Describe(MessageType requestType, TlibMessage e)
    {
        var code = e.ErrorCode ?? 0;
        var symbol = Enum.IsDefined((ErrorCode)code) ? " (" + ((ErrorCode)code).ToString() + ")" : string.Empty;
        var text = e.ErrorMessage ?? ErrorCodeText.Get(code);
        return string.Create(CultureInfo.InvariantCulture, $"{MessageCatalog.GetName(requestType)} failed: EventError {code}{symbol}: {text}");
    }
}
