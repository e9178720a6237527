namespace CtiGateway.Protocol;

/// <summary>The attribute set of one message type: what the reference makes mandatory and what it allows.</summary>
/// <param name="Type">The message type.</param>
/// <param name="Mandatory">Attributes the message must carry.</param>
/// <param name="Optional">Attributes the message may carry.</param>
public sealed record MessageSpec(MessageType Type, AttributeId[] Mandatory, AttributeId[] Optional)
{
    /// <summary>The reference name, e.g. "EventRinging".</summary>
    public string Name { get; } = Type.ToString();

    /// <summary>True for client-to-server requests (names starting with "Request").</summary>
    public bool IsRequest => Name.StartsWith("Request", StringComparison.Ordinal);

    /// <summary>True for server-to-client events.</summary>
    public bool IsEvent => Name.StartsWith("Event", StringComparison.Ordinal);

    /// <summary>True when <paramref name="id"/> is in the mandatory or optional set.</summary>
    public bool Allows(AttributeId id) => Array.IndexOf(Mandatory, id) >= 0 || Array.IndexOf(Optional, id) >= 0;
}
