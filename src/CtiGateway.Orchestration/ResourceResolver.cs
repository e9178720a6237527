using CtiGateway.Server;
using System.Text.Json;

namespace CtiGateway.Orchestration;

/// <summary>
/// Resolves the resources of <c>ixn:</c> actions as seed 001's table addresses them: a DN string, <c>DN@switch</c>, a
/// target address <c>NAME@SWITCH.TYPE</c> (from <c>queue.submit.done</c>), or a resource object (<c>dn</c> with
/// optional <c>switch</c> and <c>type</c>; <c>agent</c> with type A or GA; <c>place</c> with type AP or GP). Interaction
/// queues and workbins are multimedia resources this voice platform does not serve.
/// </summary>
internal static class ResourceResolver
{
    /// <summary>Resolves <paramref name="value"/>; on failure <paramref name="error"/> is the ORS error value and <paramref name="description"/> says why.</summary>
    public static ResolvedResource? Resolve(JsonElement value, ITargetDirectory targets, out string error, out string description)
    {
        error = string.Empty;
        description = string.Empty;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return ResolveString(value.GetString()!, targets, out error, out description);
            case JsonValueKind.Number:
                return ResolveString(value.GetRawText(), targets, out error, out description);
            case JsonValueKind.Object:
                return ResolveObject(value, targets, out error, out description);
            default:
                error = "invaliddestination";
                description = $"a resource must be a DN string or a resource object, not {value.ValueKind.ToString().ToLowerInvariant()}";
                return null;
        }
    }

    private static ResolvedResource? ResolveString(string text, ITargetDirectory targets, out string error, out string description)
    {
        error = string.Empty;
        description = string.Empty;
        text = text.Trim();
        if (text.Length == 0)
        {
            error = "invaliddestination";
            description = "the resource is an empty string";
            return null;
        }

        var at = text.LastIndexOf('@');
        if (at > 0)
        {
            var name = text[..at];
            var rest = text[(at + 1)..];
            var dot = rest.LastIndexOf('.');
            if (dot > 0)
            {
                // Target address NAME@SWITCH.TYPE (queue.submit.done's targetselected).
                var type = rest[(dot + 1)..];
                var switchName = rest[..dot];
                return type.ToUpperInvariant() switch
                {
                    "DN" or "Q" or "RP" or "AP" => new ResolvedResource(name, switchName, text),
                    "A" or "GA" => ResolveAgent(name, targets, text, out error, out description),
                    _ => Unsupported(text, type, out error, out description),
                };
            }

            return new ResolvedResource(name, rest, text);
        }

        return new ResolvedResource(text, null, text);
    }

    private static ResolvedResource? ResolveObject(JsonElement obj, ITargetDirectory targets, out string error, out string description)
    {
        error = string.Empty;
        description = string.Empty;
        var type = Text(obj, "type")?.ToUpperInvariant();
        var described = obj.GetRawText();
        if (type is "IQ" or "WB")
        {
            error = "invaliddestination";
            description = $"resource {described}: interaction queues and workbins (type {type}) are multimedia resources; this platform serves voice calls only";
            return null;
        }

        if (Text(obj, "dn") is { Length: > 0 } dn)
        {
            return new ResolvedResource(dn, Text(obj, "switch") is { Length: > 0 } sw ? sw : null, described);
        }

        if (Text(obj, "agent") is { Length: > 0 } agent)
        {
            return ResolveAgent(agent, targets, described, out error, out description);
        }

        if (Text(obj, "place") is { Length: > 0 } place)
        {
            // A place is its DN on this platform (one DN per place).
            return new ResolvedResource(place, Text(obj, "switch") is { Length: > 0 } sw ? sw : null, described);
        }

        if (Text(obj, "id") is { Length: > 0 } id && type is "Q" or "RP" or "DN")
        {
            return new ResolvedResource(id, Text(obj, "switch") is { Length: > 0 } sw ? sw : null, described);
        }

        error = "invaliddestination";
        description = $"resource {described} names no dn, agent or place";
        return null;
    }

    private static ResolvedResource? ResolveAgent(string agentId, ITargetDirectory targets, string described, out string error, out string description)
    {
        error = string.Empty;
        description = string.Empty;
        var agent = targets.FindAgent(agentId);
        if (agent is null)
        {
            error = "invaliddestination";
            description = $"resource {described}: agent {agentId} is not known to the gateway";
            return null;
        }

        if (agent.Dn is null)
        {
            error = "invaliddestination";
            description = $"resource {described}: agent {agentId} is not logged in";
            return null;
        }

        return new ResolvedResource(agent.Dn, agent.Switch, described);
    }

    private static ResolvedResource? Unsupported(string text, string type, out string error, out string description)
    {
        error = "badtranslation";
        description = $"resource {text}: target type {type} cannot be reached by a voice call on this platform";
        return null;
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) ? ActionSupport.AsText(value) : null;
}
