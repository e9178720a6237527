namespace CtiGateway.Simulator;

/// <summary>
/// Automatic call distribution: with <see cref="AutomaticDistribution"/> on, every ACD queue hands its waiting calls to
/// free ready agents of its group by itself (linear hunt: the agent positions in plan order, so the lowest DN first),
/// as a real ACD does. A distribution pass is scheduled (due at once, run by <see cref="RunDue"/>) whenever something
/// may let a waiting call move: a call queued, a connection cleared, a call transferred or diverted away from a
/// station, an agent logged on or made ready. Off (the default), calls wait until <see cref="DistributeQueuedCall"/>
/// is called, so tests can step the queue themselves.
/// </summary>
public sealed partial class SwitchModel
{
    private bool _automaticDistribution;
    private bool _distributionPending;

    /// <summary>
    /// Whether the ACD queues distribute their calls by themselves (the demo and <c>ctigw simulate</c>: on; tests that
    /// step the queue with <see cref="DistributeQueuedCall"/>: off, the default). Turning it on distributes the calls
    /// already waiting at the next <see cref="RunDue"/>.
    /// </summary>
    public bool AutomaticDistribution
    {
        get => _automaticDistribution;
        set
        {
            _automaticDistribution = value;
            if (value)
            {
                RequestDistribution();
            }
        }
    }

    /// <summary>Calls handed to agents by automatic distribution so far.</summary>
    public long CallsDistributed { get; private set; }

    /// <summary>Schedules one distribution pass (at most one is pending) when automatic distribution is on.</summary>
    private void RequestDistribution()
    {
        if (!_automaticDistribution || _distributionPending)
        {
            return;
        }

        _distributionPending = true;
        Schedule(TimeSpan.Zero, DistributeAll);
    }

    /// <summary>Every ACD queue gives its waiting calls, oldest first, to free ready agents until either runs out.</summary>
    /// <remarks>The pass stays pending while it runs: the events it raises itself need no further pass.</remarks>
    private void DistributeAll()
    {
        try
        {
            if (!_automaticDistribution)
            {
                return;
            }

            foreach (var device in _plan.Devices)
            {
                if (device.Kind != SimDeviceKind.AcdQueue)
                {
                    continue;
                }

                while (DistributeQueuedCall(device.DeviceId) is not null)
                {
                    CallsDistributed++;
                }
            }
        }
        finally
        {
            _distributionPending = false;
        }
    }

    /// <summary>Whether an event of <paramref name="type"/> may let a queued call move on (a call queued, a station freed).</summary>
    private static bool MayFreeOrQueue(Pbx.Csta.CstaEventType type) =>
        type is Pbx.Csta.CstaEventType.Queued or Pbx.Csta.CstaEventType.ConnectionCleared or Pbx.Csta.CstaEventType.Diverted or Pbx.Csta.CstaEventType.Transfered;
}
