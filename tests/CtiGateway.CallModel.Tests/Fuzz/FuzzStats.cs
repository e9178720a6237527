namespace CtiGateway.CallModel.Tests;

/// <summary>What the fuzz did, to show it exercised what it claims.</summary>
internal sealed class FuzzStats
{
    public long Cases { get; set; }

    public long Perturbed { get; set; }

    public long Operations { get; set; }

    public long SwitchEvents { get; set; }

    public long Applied { get; set; }

    public long Duplicates { get; set; }

    public long Faults { get; set; }

    public long Published { get; set; }

    public long InjectedCopies { get; set; }

    public long InjectedUnknown { get; set; }

    public long InjectedAfterEnd { get; set; }

    public long InjectedCallCleared { get; set; }

    public long CallResyncs { get; set; }

    public long Snapshots { get; set; }

    public void Count(CallEventOutcome outcome)
    {
        switch (outcome)
        {
            case CallEventOutcome.Applied:
                Applied++;
                break;
            case CallEventOutcome.Duplicate:
                Duplicates++;
                break;
            default:
                Faults++;
                break;
        }
    }

    public override string ToString() =>
        $"cases {Cases} (perturbed {Perturbed}), switch operations {Operations}, switch events {SwitchEvents}; applied {Applied}, copies {Duplicates}, "
        + $"hardware errors {Faults}; T-Library events {Published}; injected: copies {InjectedCopies}, unknown calls {InjectedUnknown}, "
        + $"after the end {InjectedAfterEnd}, CallCleared {InjectedCallCleared}; call resyncs {CallResyncs}, snapshots {Snapshots}";
}
