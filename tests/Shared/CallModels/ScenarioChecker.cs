using System.Text;
using CtiGateway.Protocol;

namespace CtiGateway.Testing.CallModels;

/// <summary>
/// Compares what each party received in each step with the reference's rows: the exact sequence of events per party
/// and step (events of an any-order group in any order; optional rows may be missing), and every attribute the row
/// gives. "~" values and rows checked "optional, warn" / "warn if missing" only warn.
/// </summary>
internal static class ScenarioChecker
{
    public sealed record Result(List<string> Errors, List<string> Warnings);

    /// <summary>
    /// Checks <paramref name="actual"/> (per step, the events each party's DN got, in the order that DN got them).
    /// With <paramref name="referenceIds"/> (step to the ReferenceID of the request sent in that step) it also checks
    /// rule 11: the requester's first answering event of the step carries the request's ReferenceID, its later
    /// answering events carry it or none, and every other event carries none (absent or 0).
    /// </summary>
    public static Result Check(
        CallModelScenario scenario,
        ScenarioContext context,
        IReadOnlyList<(int Step, string Dn, TlibMessage Event)> actual,
        IReadOnlyDictionary<int, int>? referenceIds = null)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        var partyOf = context.Parties.ToDictionary(p => p.Value, p => p.Key);
        foreach (var stray in actual.Where(a => !partyOf.ContainsKey(a.Dn)))
        {
            errors.Add($"step {stray.Step}: {stray.Dn} is no party of the scenario but got {stray.Event.Name}");
        }

        for (var step = 1; step <= scenario.Steps.Count; step++)
        {
            foreach (var (party, dn) in context.Parties)
            {
                var rows = scenario.Rows.Where(r => r.Step == step && r.Party == party).ToList();
                var got = actual.Where(a => a.Step == step && a.Dn == dn).Select(a => a.Event).ToList();
                Match(step, party, rows, got, context, errors, warnings);
                if (referenceIds is not null)
                {
                    CheckReferenceIds(step, party, scenario.Steps[step - 1], referenceIds.TryGetValue(step, out var r) ? r : null, got, context, errors);
                }
            }
        }

        return new Result(errors, warnings);
    }

    private static void CheckReferenceIds(int step, string party, ScenarioStep trigger, int? referenceId, List<TlibMessage> got, ScenarioContext context, List<string> errors)
    {
        var where = $"step {step}, {party}";
        var requester = trigger.Kind == ScenarioStepKind.Request && trigger.Party == party && referenceId is not null;
        var answering = requester ? trigger.AnsweringEvents : [];
        var answered = false;
        foreach (var m in got)
        {
            var carried = m.ReferenceID is { } id and not 0 ? id : (int?)null;
            if (answering.Contains(m.Type))
            {
                if (!answered && carried != referenceId)
                {
                    errors.Add($"{where}: {m.Name} answers {trigger.Request} (ReferenceID {referenceId}) but carries ReferenceID {carried?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}: {Describe(m, context)}");
                }
                else if (answered && carried is not null && carried != referenceId)
                {
                    errors.Add($"{where}: {m.Name} carries ReferenceID {carried}, which is not the request's ({referenceId})");
                }

                answered = true;
                continue;
            }

            if (carried is not null)
            {
                errors.Add($"{where}: {m.Name} carries ReferenceID {carried}, but it answers no request of {party} (unsolicited events carry none)");
            }
        }

        if (requester && !answered)
        {
            errors.Add($"{where}: no {string.Join(" or ", answering)} answered {trigger.Request} (ReferenceID {referenceId})");
        }
    }

    private static void Match(int step, string party, List<ExpectedRow> rows, List<TlibMessage> got, ScenarioContext context, List<string> errors, List<string> warnings)
    {
        var at = 0;
        var where = $"step {step}, {party}";
        for (var k = 0; k < rows.Count; k++)
        {
            var row = rows[k];
            if (row.Group is { } group)
            {
                var members = new List<ExpectedRow> { row };
                while (k + 1 < rows.Count && rows[k + 1].Group == group)
                {
                    members.Add(rows[++k]);
                }

                var window = got.Skip(at).Take(members.Count).ToList();
                at += window.Count;
                foreach (var m in window)
                {
                    var match = members.FirstOrDefault(r => r.EventName == m.Name && Problems(r, m, context).Errors.Count == 0)
                        ?? members.FirstOrDefault(r => r.EventName == m.Name);
                    if (match is null)
                    {
                        errors.Add($"{where}: got {Describe(m, context)}, which is none of group '{group}' ({string.Join(", ", members.Select(r => r.EventName))})");
                        continue;
                    }

                    members.Remove(match);
                    Report(where, match, m, context, errors, warnings);
                }

                foreach (var missing in members)
                {
                    (missing.WarnOnly || !missing.Required ? warnings : errors).Add($"{where}: {missing.EventName} ({missing.Attributes}) is missing");
                }

                continue;
            }

            if (at < got.Count && got[at].Name == row.EventName)
            {
                Report(where, row, got[at], context, errors, warnings);
                at++;
            }
            else if (row.Required)
            {
                errors.Add($"{where}: expected {row.EventName} ({row.Attributes}), got {(at < got.Count ? Describe(got[at], context) : "nothing")}");
                if (at < got.Count && !rows.Skip(k + 1).Any(r => r.EventName == got[at].Name))
                {
                    at++;
                }
            }
            else if (row.WarnOnly)
            {
                warnings.Add($"{where}: {row.EventName} ({row.Attributes}) not sent ({row.Check})");
            }
        }

        for (; at < got.Count; at++)
        {
            errors.Add($"{where}: unexpected {Describe(got[at], context)}");
        }
    }

    private static void Report(string where, ExpectedRow row, TlibMessage m, ScenarioContext context, List<string> errors, List<string> warnings)
    {
        var (hard, soft) = Problems(row, m, context);
        foreach (var e in hard)
        {
            (row.WarnOnly ? warnings : errors).Add($"{where}: {row.EventName}: {e}");
        }

        foreach (var w in soft)
        {
            warnings.Add($"{where}: {row.EventName}: {w} (advisory)");
        }
    }

    private static (List<string> Errors, List<string> Warnings) Problems(ExpectedRow row, TlibMessage m, ScenarioContext context)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        foreach (var expectation in ExpectedAttribute.ParseList(row.Attributes))
        {
            if (expectation.Check(m, context, out var advisory) is { } problem)
            {
                (advisory ? warnings : errors).Add(problem);
            }
        }

        return (errors, warnings);
    }

    public static string Describe(TlibMessage m, ScenarioContext context)
    {
        var sb = new StringBuilder(m.Name);
        foreach (var a in m.Attributes)
        {
            if (a.Id is AttributeId.CallUUID or AttributeId.CallID)
            {
                continue;
            }

            sb.Append(' ').Append(a.Name).Append('=');
            sb.Append(a.Id switch
            {
                AttributeId.ConnID or AttributeId.PreviousConnID or AttributeId.TransferConnID or AttributeId.ConferenceConnID => context.NameOf(new ConnId(unchecked((ulong)a.Value.AsLong()))),
                AttributeId.CallType => ((CallType)a.Value.AsInt()).ToString(),
                AttributeId.CallState => ((CallState)a.Value.AsInt()).ToString(),
                AttributeId.ThisDNRole or AttributeId.OtherDNRole or AttributeId.ThirdPartyDNRole => ((DNRole)a.Value.AsInt()).ToString(),
                _ => a.Value.ToString(),
            });
        }

        return sb.ToString();
    }
}
