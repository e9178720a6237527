namespace CtiGateway.Scxml.Runtime;

/// <summary>An SCXML event with the fields <c>_event</c> exposes.</summary>
internal sealed class ScxmlEvent
{
    public const string ScxmlProcessorType = "http://www.w3.org/TR/scxml/#SCXMLEventProcessor";
    public const string BasicHttpProcessorType = "http://www.w3.org/TR/scxml/#BasicHTTPEventProcessor";

    public required string Name { get; init; }

    /// <summary><c>platform</c>, <c>internal</c> or <c>external</c>.</summary>
    public string Type { get; init; } = "external";

    public string? SendId { get; init; }

    public string? Origin { get; init; }

    public string? OriginType { get; init; }

    public string? InvokeId { get; init; }

    public DataValue Data { get; init; } = DataValue.Undefined;

    /// <summary>The raw message the event came in (BasicHTTP: request line, headers and body), exposed as <c>_event.raw</c>.</summary>
    public string? Raw { get; init; }

    /// <summary>Set on a parent's request to stop an invoked session (never delivered to the data model).</summary>
    public bool IsCancel { get; init; }

    /// <summary>True when the event was sent to this session by one of its invoked children (dropped once that invocation is cancelled).</summary>
    public bool FromInvocation { get; init; }

    /// <summary>A copy sent from an invoked child to its parent, carrying the invoke id.</summary>
    public ScxmlEvent FromChild(string invokeId) => new()
    {
        Name = Name,
        Type = Type,
        SendId = SendId,
        Origin = Origin,
        OriginType = OriginType,
        InvokeId = invokeId,
        Data = Data,
        Raw = Raw,
        FromInvocation = true,
    };

    /// <summary>An identical copy for autoforwarding to an invoked child.</summary>
    public ScxmlEvent Forwarded() => new()
    {
        Name = Name,
        Type = Type,
        SendId = SendId,
        Origin = Origin,
        OriginType = OriginType,
        InvokeId = InvokeId,
        Data = Data,
        Raw = Raw,
    };

    public static ScxmlEvent Platform(string name, string? sendId = null, DataValue data = default) =>
        new() { Name = name, Type = "platform", SendId = sendId, Data = data.Kind == DataKind.Undefined ? DataValue.Undefined : data };

    public static ScxmlEvent Internal(string name, DataValue data) => new() { Name = name, Type = "internal", Data = data };
}
