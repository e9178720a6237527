using System.Globalization;

namespace CtiGateway.Orchestration;

/// <summary>
/// Reads the target strings of <c>&lt;queue:targetid expr&gt;</c>: comma-separated items
/// <c>{threshold}[weight]name@server.type</c>, where threshold and weight are optional, <c>@server</c> is optional and
/// type is one of A, AP, GA, GP, Q, DN, RP, DL, GQ, C, GC (ORS Queue Interface). Skill expressions
/// (<c>?name:expression</c>) need a Stat Server's skill data: they are refused with a clear message. Pure; bounded.
/// </summary>
internal static class QueueTargetParser
{
    /// <summary>The longest target string read.</summary>
    public const int MaxLength = 8192;

    /// <summary>Most targets in one submit.</summary>
    public const int MaxTargets = 64;

    private const string Types = "A, AP, GA, GP, Q, DN, RP, DL, GQ, C, GC";

    /// <summary>Every item of <paramref name="text"/>, in order.</summary>
    /// <exception cref="QueueTargetException">An item is malformed or cannot be served; the message names it.</exception>
    public static IReadOnlyList<QueueTarget> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw Malformed($"the target string is {text.Length.ToString(CultureInfo.InvariantCulture)} characters long; at most {MaxLength.ToString(CultureInfo.InvariantCulture)} are read");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw Malformed("the target string is empty");
        }

        var items = text.Split(',');
        if (items.Length > MaxTargets)
        {
            throw Malformed($"the target string has {items.Length.ToString(CultureInfo.InvariantCulture)} targets; at most {MaxTargets.ToString(CultureInfo.InvariantCulture)} are taken");
        }

        var targets = new List<QueueTarget>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(items[i]))
            {
                throw Malformed($"target {(i + 1).ToString(CultureInfo.InvariantCulture)} of '{text}' is empty (two commas, or a comma at an end)");
            }

            targets.Add(ParseOne(items[i].Trim()));
        }

        return targets;
    }

    /// <summary>One item: <c>{threshold}[weight]name@server.type</c>.</summary>
    /// <exception cref="QueueTargetException">The item is malformed or cannot be served.</exception>
    public static QueueTarget ParseOne(string item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var rest = item.Trim();
        QueueThreshold? threshold = null;
        var weight = 0;
        if (rest.StartsWith('{'))
        {
            var close = rest.IndexOf('}', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Malformed($"target '{item}': the threshold '{{' is not closed with '}}'");
            }

            threshold = ParseThreshold(rest[1..close], item);
            rest = rest[(close + 1)..].TrimStart();
        }

        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Malformed($"target '{item}': the weight '[' is not closed with ']'");
            }

            var text = rest[1..close].Trim();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out weight))
            {
                throw Malformed($"target '{item}': the weight '[{text}]' is not a whole number 0 or more");
            }

            rest = rest[(close + 1)..].TrimStart();
        }

        if (rest.StartsWith('?'))
        {
            throw Unsupported($"target '{item}': skill expressions (?name:expression) need a Stat Server's skill data, which this platform does not have; name agents (.A), agent groups (.GA), places (.AP), queues (.Q), routing points (.RP) or DNs (.DN)");
        }

        var dot = rest.LastIndexOf('.');
        if (dot < 0 || dot == rest.Length - 1)
        {
            throw Malformed($"target '{item}' has no .TYPE at its end (one of {Types})");
        }

        var typeText = rest[(dot + 1)..].Trim();
        var type = TypeOfSuffix(typeText) ?? throw Malformed($"target '{item}': '{typeText}' is not a target type (one of {Types})");
        var body = rest[..dot];
        var at = body.LastIndexOf('@');
        var name = (at >= 0 ? body[..at] : body).Trim();
        string? server = null;
        if (at >= 0)
        {
            server = body[(at + 1)..].Trim();
            if (server.Length == 0)
            {
                throw Malformed($"target '{item}': nothing between '@' and '.{typeText}' (the Stat Server or switch)");
            }
        }

        if (name.Length == 0)
        {
            throw Malformed($"target '{item}' has no name before {(at >= 0 ? "'@'" : "'." + typeText + "'")}");
        }

        return new QueueTarget(name, server, type, weight, threshold);
    }

    /// <summary>The type of a <c>&lt;queue:target type&gt;</c> attribute (agent, place, agentgroup...); null when it is none.</summary>
    public static QueueTargetType? TypeOfName(string name) => name.Trim().ToLowerInvariant() switch
    {
        "agent" => QueueTargetType.Agent,
        "place" => QueueTargetType.Place,
        "agentgroup" or "skill" => QueueTargetType.AgentGroup,
        "placegroup" => QueueTargetType.PlaceGroup,
        "queue" => QueueTargetType.Queue,
        "dn" => QueueTargetType.Dn,
        "routepoint" => QueueTargetType.RoutePoint,
        "label" => QueueTargetType.DestinationLabel,
        "campaigngroup" => QueueTargetType.CampaignGroup,
        "queuegroup" => QueueTargetType.QueueGroup,
        "campaign" => QueueTargetType.Campaign,
        _ => TypeOfSuffix(name),
    };

    /// <summary>The type of a grammar suffix (case-insensitive); null when it is none.</summary>
    public static QueueTargetType? TypeOfSuffix(string suffix) => suffix.ToUpperInvariant() switch
    {
        "A" => QueueTargetType.Agent,
        "AP" => QueueTargetType.Place,
        "GA" => QueueTargetType.AgentGroup,
        "GP" => QueueTargetType.PlaceGroup,
        "Q" => QueueTargetType.Queue,
        "DN" => QueueTargetType.Dn,
        "RP" => QueueTargetType.RoutePoint,
        "DL" => QueueTargetType.DestinationLabel,
        "GQ" => QueueTargetType.QueueGroup,
        "C" => QueueTargetType.Campaign,
        "GC" => QueueTargetType.CampaignGroup,
        _ => null,
    };

    /// <summary>The grammar suffix of a type.</summary>
    public static string SuffixOf(QueueTargetType type) => type switch
    {
        QueueTargetType.Agent => "A",
        QueueTargetType.Place => "AP",
        QueueTargetType.AgentGroup => "GA",
        QueueTargetType.PlaceGroup => "GP",
        QueueTargetType.Queue => "Q",
        QueueTargetType.Dn => "DN",
        QueueTargetType.RoutePoint => "RP",
        QueueTargetType.DestinationLabel => "DL",
        QueueTargetType.QueueGroup => "GQ",
        QueueTargetType.Campaign => "C",
        _ => "GC",
    };

    /// <summary>A threshold's inside: <c>Statistic OP number</c>.</summary>
    /// <exception cref="QueueTargetException">It is malformed.</exception>
    public static QueueThreshold ParseThreshold(string text, string item)
    {
        ArgumentNullException.ThrowIfNull(text);
        var op = text.IndexOfAny(['<', '>', '=', '!']);
        if (op <= 0)
        {
            throw Malformed($"target '{item}': threshold '{{{text}}}' is not 'Statistic<number' (operators < <= > >= = !=)");
        }

        var statistic = text[..op].Trim();
        if (statistic.Length == 0 || !statistic.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw Malformed($"target '{item}': threshold statistic '{statistic}' is not a statistic name");
        }

        var length = op + 1 < text.Length && text[op + 1] == '=' ? 2 : 1;
        var symbol = text.Substring(op, length);
        if (symbol is "!")
        {
            throw Malformed($"target '{item}': threshold '{{{text}}}' has '!' without '='");
        }

        var value = text[(op + length)..].Trim();
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw Malformed($"target '{item}': threshold value '{value}' is not a number");
        }

        return new QueueThreshold(statistic, symbol == "==" ? "=" : symbol, number);
    }

    private static QueueTargetException Malformed(string message) => new(message) { Error = "invalidparameter" };

    private static QueueTargetException Unsupported(string message) => new(message) { Error = "unsupported" };
}
