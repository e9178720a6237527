namespace CtiGateway.Simulator;

/// <summary>Reading the switch's truth (tests compare a gateway's call table with it).</summary>
public sealed partial class SwitchModel
{
    /// <summary>
    /// Every connection of every call in progress that is not null, call by call in the order the calls began (callIDs
    /// are fixed-width hexadecimal, so ordinal order) and, in a call, in joining order, each with its ECMA-269 local
    /// connection state text (as SnapshotDevice reports it). External parties (numbers outside the plan) are included.
    /// </summary>
    public IReadOnlyList<SimSnapshotItem> LiveConnections()
    {
        var items = new List<SimSnapshotItem>(_calls.Count * 2);
        foreach (var call in _calls.Values.OrderBy(c => c.CallId, StringComparer.Ordinal))
        {
            foreach (var c in call.Connections)
            {
                if (c.State != SimConnectionState.Null)
                {
                    items.Add(new SimSnapshotItem(c.Id, StateText(c.State)));
                }
            }
        }

        return items;
    }
}
