using System.Text.Json;
using System.Text.Json.Nodes;
using CtiGateway.Scxml;

namespace CtiGateway.Orchestration;

/// <summary>
/// Builds a session's own <c>_genesys</c> object: <c>ixn.interactions</c> (kept live by host updates),
/// <c>ixn.getuData</c>/<c>setuData</c>, <c>session.*</c> and the enumerations strategies compare with.
/// </summary>
internal static class GenesysObject
{
    /// <summary><c>_genesys.queue</c>: the same for every session, so one string serves them all.</summary>
    private static readonly string QueueJson = new JsonObject
    {
        ["rType"] = new JsonObject
        {
            ["Agent"] = "A", ["Place"] = "AP", ["AgentGroup"] = "GA", ["PlaceGroup"] = "GP", ["Queue"] = "Q", ["RoutePoint"] = "RP",
            ["DN"] = "DN", ["Skill"] = "GA", ["DestinationLabel"] = "DL", ["QueueGroup"] = "GQ", ["Campaign"] = "C", ["CampaignGroup"] = "GC",
        },
    }.ToJsonString();

    public static ScxmlHostObject Create(OrchestrationService service, string sessionId, IEnumerable<Interaction> interactions, string strategyName)
    {
        var list = new JsonObject();
        foreach (var interaction in interactions)
        {
            list[interaction.Id] = interaction.ToJson();
        }

        var options = service.Options;
        return new ScxmlHostObject
        {
            Name = "_genesys",
            Properties = new Dictionary<string, string>
            {
                ["ixn"] = new JsonObject
                {
                    ["interactions"] = list,
                    ["mediaType"] = new JsonObject { ["VOICE"] = "voice", ["EMAIL"] = "email", ["CHAT"] = "chat", ["SMS"] = "sms" },
                }.ToJsonString(),
                ["session"] = new JsonObject
                {
                    ["id"] = sessionId,
                    ["tenant"] = options.Tenant,
                    ["tenantid"] = 1,
                    ["strategy"] = strategyName,
                    ["server"] = new JsonObject { ["name"] = options.ApplicationName, ["type"] = "ctigateway" },
                }.ToJsonString(),
                ["queue"] = QueueJson,
                ["statistic"] = "{}",
            },
            Functions = new Dictionary<string, Func<IReadOnlyList<string?>, string?>>
            {
                ["ixn.getuData"] = args => service.GetUserDataJson(sessionId, ArgText(args, 0), ArgText(args, 1)),
                ["session.getListItemValue"] = _ => throw new ScxmlActionException("_genesys.session.getListItemValue: configuration lists are not offered on this platform"),
                ["statistic.sData"] = args => throw new ScxmlActionException(
                    $"_genesys.statistic.sData({ArgText(args, 0) ?? "undefined"}, {ArgText(args, 1) ?? "undefined"}): statistics are not available on this platform: there is no Stat Server"),
                ["session.timeInZone"] = args => JsonSerializer.Serialize(InZone(service, ArgText(args, 0)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
                ["session.dateInZone"] = args => JsonSerializer.Serialize(InZone(service, ArgText(args, 0)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                ["session.dayInZone"] = args => JsonSerializer.Serialize(InZone(service, ArgText(args, 0)).DayOfWeek.ToString().ToLowerInvariant()[..3]),
            },
            UpdatingFunctions = new Dictionary<string, Func<IReadOnlyList<string?>, ScxmlHostCallResult>>
            {
                // The interaction's udata shows the change at once, as getuData does (Composer's getuData() reads udata).
                ["ixn.setuData"] = args => service.SetUserDataJson(sessionId, ArgText(args, 0), args.Count > 1 ? args[1] : null),
            },
        };
    }

    private static string? ArgText(IReadOnlyList<string?> args, int index)
    {
        if (index >= args.Count || args[index] is not { } json)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return ActionSupport.AsText(document.RootElement);
    }

    private static DateTimeOffset InZone(OrchestrationService service, string? zone)
    {
        var now = service.Scheduler.Now;
        if (string.IsNullOrEmpty(zone))
        {
            return now;
        }

        try
        {
            return TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(zone));
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ScxmlActionException($"unknown time zone '{zone}'");
        }
    }
}
