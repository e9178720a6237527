using System.Globalization;
using System.Text.Json;
using CtiGateway.Scxml;

namespace CtiGateway.Orchestration;

/// <summary>What every module action does with its attributes: the request id (an output location) and expression values.</summary>
internal static class ActionSupport
{
    private static long _requestCounter;

    /// <summary>Makes a new request id and stores it in the action's <c>requestid</c> location, when it has one.</summary>
    public static string AssignRequestId(ScxmlActionContext context)
    {
        var id = "R" + Interlocked.Increment(ref _requestCounter).ToString("X8", CultureInfo.InvariantCulture);
        if (context.Attributes.TryGetValue("requestid", out var location) && !string.IsNullOrWhiteSpace(location))
        {
            context.Assign(location, JsonSerializer.Serialize(id));
        }

        return id;
    }

    /// <summary>The value of an expression attribute as a JSON element; null when the attribute is absent or undefined.</summary>
    public static JsonElement? Evaluate(ScxmlActionContext context, string attribute)
    {
        if (!context.Attributes.TryGetValue(attribute, out var expression) || string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }

        var json = context.Evaluate(expression);
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The value of an expression attribute as text (numbers and booleans as written); null when absent or undefined.</summary>
    public static string? EvaluateString(ScxmlActionContext context, string attribute) => Evaluate(context, attribute) is { } value ? AsText(value) : null;

    public static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };
}
