using System.Text.Json.Nodes;
using CtiGateway.Protocol;

namespace CtiGateway.Orchestration;

/// <summary>
/// Two interactions merged into one (seed 002's interaction.onmerge): a consultation call completed by a two-step
/// transfer or conference. The switch keeps the original (primary) call and its ConnID; the consultation call ends and
/// its other parties move to the primary call.
/// </summary>
public sealed partial class OrchestrationService
{
    /// <summary>
    /// EventReleased at the controller for a consultation call with CallState Transferred or Conferenced, while the
    /// controller is also on the consultation's original call: the merge, seen from the controller's DN. Returns false
    /// (the event is an ordinary release) otherwise.
    /// </summary>
    private bool TryMergeOnRelease(TlibMessage e)
    {
        if (e.Type != MessageType.EventReleased || e.CallState is not (CallState.Transferred or CallState.Conferenced)
            || e.ThisDN is not { } dn || e.ConnID is not { } connId)
        {
            return false;
        }

        MergeOutcome outcome;
        lock (_gate)
        {
            if (!_interactions.TryGetValue(connId.ToString(), out var consult)
                || ParentOf(consult, e) is not { } primary || primary.PartyAt(dn) is null)
            {
                return false;
            }

            outcome = Merge(consult, primary, dn, e.CallState == CallState.Conferenced);
        }

        Announce(outcome);
        return true;
    }

    /// <summary>
    /// EventPartyChanged at a watched DN whose PreviousConnID names another call: that party moved from a consultation
    /// call to its original call. When the controller's DN is not watched this is the first sign of the merge; after a
    /// merge already seen at the controller it changes nothing.
    /// </summary>
    private void OnPartyChanged(TlibMessage e)
    {
        if (e.ThisDN is not { } dn || e.ConnID is not { } connId || e.GetLong(AttributeId.PreviousConnID) is not { } previous
            || previous == 0 || (ulong)previous == connId.Value)
        {
            return;
        }

        MergeOutcome outcome;
        var adopted = false;
        lock (_gate)
        {
            if (!_interactions.TryGetValue(new ConnId((ulong)previous).ToString(), out var consult))
            {
                return;
            }

            if (!_interactions.TryGetValue(connId.ToString(), out var primary))
            {
                // The original call is unknown here (its parties are at DNs this orchestration does not watch): the
                // consultation's owner takes it, as it would a call carrying its OP-Session-ID.
                if (OwnerOf(consult) is not { } session)
                {
                    _interactions.Remove(consult.Id);
                    return;
                }

                primary = new Interaction(connId, consult.Switch, _runtime.Scheduler.Now) { OwnerSessionId = session.Id, Controlled = true };
                primary.Ani = e.GetString(AttributeId.ANI) ?? consult.Ani;
                primary.Dnis = e.GetString(AttributeId.DNIS) ?? consult.Dnis;
                primary.CallUuid = e.GetString(AttributeId.CallUUID);
                primary.CallId = e.CallID;
                primary.CallType = e.CallType;
                primary.UserData = e.UserData?.Clone() ?? new KeyValueList();
                _interactions[primary.Id] = primary;
                session.Interactions.Add(primary.Id);
                adopted = true;
            }

            outcome = Merge(consult, primary, e.ThirdPartyDN is { Length: > 0 } controller ? StrategySet.BareDn(controller) : null, e.CallState == CallState.Conferenced);
        }

        if (adopted && outcome.PrimaryOwner is { } owner)
        {
            Deliver(owner, "interaction.added", new JsonObject { ["interactionid"] = outcome.Primary.Id }, [InteractionUpdate(outcome.Primary)]);
            Deliver(owner, "interaction.present", new JsonObject { ["interactionid"] = outcome.Primary.Id }, null);
        }

        Announce(outcome);
    }

    /// <summary>The known original call of consultation <paramref name="consult"/>; caller holds the lock.</summary>
    private Interaction? ParentOf(Interaction consult, TlibMessage e)
    {
        var parent = consult.ParentConnId ?? (e.GetLong(AttributeId.PreviousConnID) is { } p && p != 0 ? new ConnId((ulong)p) : null);
        return parent is { } id && id != consult.ConnId && _interactions.TryGetValue(id.ToString(), out var primary) ? primary : null;
    }

    /// <summary>
    /// Applies the merge to the table: the consultation leaves it, its parties other than the controller's join the
    /// primary (new party ids there), and it leaves its owner. Caller holds the lock.
    /// </summary>
    private MergeOutcome Merge(Interaction consult, Interaction primary, string? controller, bool conference)
    {
        var active = controller is null ? null : consult.PartyAt(controller);
        var held = controller is null ? null : primary.PartyAt(controller);
        var data = new JsonObject
        {
            ["frominteractionid"] = consult.Id,
            ["tointeractionid"] = primary.Id,
            ["activeresource"] = controller,
            ["activepartyid"] = active?.PartyId,
            ["activepartystate"] = active?.State,
            ["heldresource"] = controller,
            ["heldpartyid"] = held?.PartyId,
            ["heldpartystate"] = held?.State,
            ["hints"] = new JsonObject { ["type"] = conference ? "conference" : "transfer" },
        };

        foreach (var party in consult.Parties)
        {
            if (!ReferenceEquals(party, active) && primary.PartyAt(party.Device) is null)
            {
                primary.AddParty(party.Device, party.State, party.Role);
            }
        }

        _interactions.Remove(consult.Id);
        var consultOwner = OwnerOf(consult);
        if (consultOwner is not null)
        {
            consultOwner.Interactions.Remove(consult.Id);
        }

        consult.OwnerSessionId = null;
        consult.Controlled = false;
        return new MergeOutcome(consult, primary, consultOwner, OwnerOf(primary), data);
    }

    /// <summary>
    /// interaction.onmerge to the owner of either interaction (once when one session owns both), the primary's object
    /// updated first in its owner; then the consultation leaves its owner (notcontrolled with resultof deletion, deleted).
    /// </summary>
    private void Announce(MergeOutcome outcome)
    {
        var type = outcome.Data["hints"]!["type"]!.GetValue<string>();
        if (outcome.PrimaryOwner is { } primaryOwner)
        {
            Deliver(primaryOwner, "interaction.onmerge", outcome.Data, [InteractionUpdate(outcome.Primary)]);
            OrchestrationLog.InteractionsMerged(_logger, primaryOwner.Id, outcome.Consult.Id, outcome.Primary.Id, type);
        }

        if (outcome.ConsultOwner is { } consultOwner)
        {
            if (!ReferenceEquals(consultOwner, outcome.PrimaryOwner))
            {
                Deliver(consultOwner, "interaction.onmerge", (JsonObject)outcome.Data.DeepClone(), null);
                OrchestrationLog.InteractionsMerged(_logger, consultOwner.Id, outcome.Consult.Id, outcome.Primary.Id, type);
            }

            EndForSession(consultOwner, outcome.Consult, "deletion");
        }
    }
}
