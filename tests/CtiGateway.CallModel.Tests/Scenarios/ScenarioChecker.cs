using System.Text;
using CtiGateway.Protocol;

namespace CtiGateway.CallModel.Tests;

/// <summary>
/// Compares what each party received in each step with the reference's rows: the exact sequence of events per party
/// and step (events of an any-order group in any order; optional rows may be missing), and every attribute the row
/// gives. "~" values and rows checked "optional, warn" / "warn if missing" only warn.
/// </summary>
internal static class ScenarioChecker
{
    public sealed record Result(List<string> Errors, List<string> Warnings);

    public static Result Check(CallModelScenario scenario, ScenarioContext context, IReadOnlyList<(int Step, string Dn, TlibMessage Event)> actual)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        var partyOf = scenario.Parties.ToDictionary(p => p.Value, p => p.Key);
        foreach (var stray in actual.Where(a => !partyOf.ContainsKey(a.Dn)))
        {
            errors.Add($"step {stray.Step}: {stray.Dn} is no party of the scenario but got {stray.Event.Name}");
        }

        for (var step = 1; step <= scenario.Steps.Count; step++)
        {
            foreach (var (party, dn) in scenario.Parties)
            {
                var rows = scenario.Rows.Where(r => r.Step == step && r.Party == party).ToList();
                var got = actual.Where(a => a.Step == step && a.Dn == dn).Select(a => a.Event).ToList();
                Match(step, party, rows, got, context, errors, warnings);
            }
        }

        return new Result(errors, warnings);
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
