using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;

namespace CtiGateway.Switching;

/// <summary>
/// DNs the switch does not serve (issue 10 item 6): a MonitorStart the switch refuses, or a monitor the switch ends
/// (MonitorEndedEvent), puts the DN out of service (EventDNOutOfService to its clients); every
/// <see cref="SwitchSettings.MonitorRetrySeconds"/> the gateway asks again for those DNs, and a MonitorStart that works
/// puts the DN back in service (EventDNBackInService). A DN the switch reports out of service on its monitor
/// (OutOfServiceEvent) keeps that monitor and is not retried: BackInServiceEvent brings it back
/// (<see cref="SwitchCallHost.OnDnServiceEvent"/>). The call model holds the state
/// (<see cref="CallModel.SwitchCallModel.IsOutOfService"/>) for queries.
/// </summary>
public sealed partial class SwitchLinkService
{
    /// <summary>How long one MonitorStart retry may wait for its answer.</summary>
    public static readonly TimeSpan MonitorRetryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The do-not-disturb, forwarding and in-service state of <paramref name="dn"/> (bare or DN@switch), read on its
    /// switch's loop; null when no switch has the DN. RequestQueryAddress (DNStatus, ForwardStatus) answers from this.
    /// </summary>
    public async Task<CallModel.DnFeatureState?> DnFeaturesAsync(string dn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dn);
        var switches = Volatile.Read(ref _switches);
        var bare = dn;
        SwitchRuntime? sw = null;
        if (CrossSwitchPlan.TrySplit(dn, out var plain, out var switchName) && Array.Find(switches, s => s.Name == switchName) is { } named)
        {
            bare = plain;
            sw = named;
        }

        sw ??= Array.Find(switches, s => s.Calls.Directory.TryGetKind(bare, out _));
        if (sw is null || !sw.Calls.Directory.TryGetKind(bare, out _))
        {
            return null;
        }

        return await sw.Calls.QueryAsync(m => m.FeaturesOf(bare), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A MonitorStart of the activation went out; handles an answer that came before it was recorded.</summary>
    private void MonitorSent(SwitchRuntime sw, int invokeId, string dn)
    {
        if (sw.MonitorAnswers.Sent(invokeId, dn) is { } early)
        {
            MonitorAnswered(sw, dn, early);
        }
    }

    /// <summary>On the drain: an answer to a MonitorStart of the activation.</summary>
    private void OnMonitorAnswer(SwitchRuntime sw, int invokeId, CstaMessage message)
    {
        if (message is CstaErrorResponse or CstaMonitorStartResponse && sw.MonitorAnswers.Answered(invokeId, message) is { } dn)
        {
            MonitorAnswered(sw, dn, message);
        }
    }

    private static void MonitorAnswered(SwitchRuntime sw, string dn, CstaMessage answer)
    {
        if (answer is CstaMonitorStartResponse started)
        {
            // MonitorEndedEvent names the monitor only.
            sw.MonitorAnswers.Started(started.MonitorCrossRefId, dn);
        }

        var refused = answer is CstaErrorResponse error ? $"the switch refused MonitorStart: CSTA error {error.Category}/{error.Value}" : null;
        // A monitor that starts changes something only for a DN out of service (most DNs never are).
        if (refused is not null || (answer is CstaMonitorStartResponse && sw.OutOfServiceDns.ContainsKey(dn)))
        {
            sw.Calls.Post(CallHostInput.Run(_ => sw.Calls.DnService(dn, refused is not null, refused ?? "monitoring started")));
        }
    }

    /// <summary>The DNs out of service because the switch does not monitor them (read on the switch's loop).</summary>
    private static List<string> NotMonitored(SwitchRuntime sw) =>
        [.. sw.OutOfServiceDns.Where(d => d.Value == DnOutage.NotMonitored).Select(d => d.Key)];

    /// <summary>Every <see cref="SwitchSettings.MonitorRetrySeconds"/>: MonitorStart again for the DNs the switch does not monitor.</summary>
    private async Task RetryMonitorsAsync(SwitchRuntime sw, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(sw.MonitorRetryInterval, _time, cancellationToken).ConfigureAwait(false);
                if (sw.Group.ActiveLink is not { State: LinkState.Up } link)
                {
                    continue;
                }

                // Not the DNs the switch reported out of service on a monitor it keeps: a second monitor would double their events.
                var dns = await sw.Calls.QueryAsync(_ => NotMonitored(sw), cancellationToken).ConfigureAwait(false);
                if (dns.Count == 0)
                {
                    continue;
                }

                SwitchingLog.MonitorRetry(_logger, sw.Name, dns.Count, link.Name);
                var map = Volatile.Read(ref sw.DeviceIds);
                foreach (var dn in dns)
                {
                    var device = dn;
                    if (map is not null && !map.TryGetDeviceId(dn, out device))
                    {
                        continue;
                    }

                    CstaMessage answer;
                    try
                    {
                        answer = await link.RequestAsync(w => CstaXmlEncoder.WriteMonitorStart(w, sw.Flavour, device), MonitorRetryTimeout, cancellationToken).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        continue;
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                    {
                        // The link went down: the next activation sends MonitorStart for every DN anyway.
                        break;
                    }

                    if (answer is CstaMonitorStartResponse)
                    {
                        MonitorAnswered(sw, dn, answer);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            // The switch's loop stopped.
        }
    }
}
