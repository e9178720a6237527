namespace CtiGateway.Testing.CallModels;

/// <summary>
/// One row of a call-model table of <c>shared/reference/callmodels.md</c>, in its own notation: step, party, event
/// (with an optional <c>(any order within 'group')</c>), key attributes and check column.
/// </summary>
internal sealed record ExpectedRow(int Step, string Party, string Event, string Attributes, string Check)
{
    /// <summary>The event name without the group note.</summary>
    public string EventName => Event.Split(' ', 2)[0];

    /// <summary>The any-order group, or null.</summary>
    public string? Group
    {
        get
        {
            const string marker = "(any order within '";
            var at = Event.IndexOf(marker, StringComparison.Ordinal);
            return at < 0 ? null : Event[(at + marker.Length)..Event.IndexOf('\'', at + marker.Length)];
        }
    }

    /// <summary>The event must be there (check column "required").</summary>
    public bool Required => Check == "required";

    /// <summary>A mismatch or absence only warns ("optional, warn" or "warn if missing").</summary>
    public bool WarnOnly => Check is "optional, warn" or "warn if missing";
}
