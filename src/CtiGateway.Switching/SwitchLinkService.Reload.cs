using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Switching;

/// <summary>
/// Reload (SIGHUP) of the switch side: <see cref="ApplyAsync"/> compares the new switch list with the running one and
/// restarts only the switches whose firmware profile (file content or path), links, session settings or DN entries changed, starts added switches
/// and stops removed ones. Every other switch, and every T-Library client, is left alone.
/// </summary>
public sealed partial class SwitchLinkService
{
    /// <summary>Log category of the link frame trace (Logging:Areas:LinkTrace).</summary>
    public const string LinkTraceCategory = "CtiGateway.LinkTrace";

    private readonly ILogger _linkTrace;
    private readonly SemaphoreSlim _applyGate = new(1, 1);
    private readonly Lock _runLock = new();
    private readonly Dictionary<string, RunningSwitch> _running = new(StringComparer.Ordinal);
    private Dictionary<string, string> _signatures = new(StringComparer.Ordinal);
    private CancellationToken _runToken;
    private bool _runStarted;

    /// <summary>
    /// Applies a new switch list while the service runs. All profiles are loaded first: if any is missing or invalid,
    /// <see cref="SwitchConfigException"/> is thrown and nothing changes. Then each switch whose profile file content,
    /// profile path, links, session settings or DN entries changed has its links stopped, is declared disconnected (EventLinkDisconnected with the
    /// reason) and is started again with the new profile; added switches start, removed ones stop and stay declared
    /// disconnected. Unchanged switches keep running.
    /// </summary>
    /// <exception cref="SwitchConfigException">A profile cannot be used; the running switches are untouched.</exception>
    public async Task<SwitchApplyResult> ApplyAsync(IReadOnlyList<SwitchSettings> switches, string profileBaseDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(switches);
        ArgumentNullException.ThrowIfNull(profileBaseDirectory);
        var problems = SwitchSettings.Validate(switches, "Switches", profileBaseDirectory);
        if (problems.Count > 0)
        {
            throw new SwitchConfigException(string.Join("; ", problems));
        }

        await _applyGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Volatile.Read(ref _switches).ToDictionary(s => s.Name, StringComparer.Ordinal);
            var signatures = new Dictionary<string, string>(StringComparer.Ordinal);
            var next = new List<SwitchRuntime>(switches.Count);
            var restart = new List<(SwitchRuntime Old, SwitchRuntime New, string Why)>();
            var added = new List<SwitchRuntime>();
            var unchanged = new List<string>();

            // Load everything first: a bad profile aborts before any link is touched.
            try
            {
                foreach (var settings in switches)
                {
                    var signature = Signature(settings, profileBaseDirectory);
                    signatures[settings.Name] = signature;
                    if (current.TryGetValue(settings.Name, out var old) && _signatures.TryGetValue(settings.Name, out var oldSignature) && oldSignature == signature)
                    {
                        next.Add(old);
                        unchanged.Add(settings.Name);
                        continue;
                    }

                    var runtime = CreateRuntime(settings, LoadProfile(settings, profileBaseDirectory));
                    next.Add(runtime);
                    if (old is not null)
                    {
                        restart.Add((old, runtime, WhyChanged(_signatures.GetValueOrDefault(settings.Name, string.Empty), signature)));
                    }
                    else
                    {
                        added.Add(runtime);
                    }
                }
            }
            catch
            {
                // Close the dial-in listeners of the runtimes created before the failing one; nothing else changed.
                foreach (var runtime in restart.Select(r => r.New).Concat(added))
                {
                    runtime.DisposeListeners();
                }

                throw;
            }

            var names = switches.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            var removed = current.Values.Where(s => !names.Contains(s.Name)).ToList();

            foreach (var sw in removed)
            {
                await StopRuntimeAsync(sw).ConfigureAwait(false);
                SwitchingLog.SwitchRemoved(_logger, sw.Name);
                _server.SetLinkState(sw.Name, false, $"Switch {sw.Name}: removed from the configuration");
            }

            foreach (var (old, runtime, why) in restart)
            {
                SwitchingLog.SwitchRestarting(_logger, old.Name, why);
                await StopRuntimeAsync(old).ConfigureAwait(false);
                _server.SetLinkState(old.Name, false, $"Switch {old.Name}: restarting links ({why})");
                SwitchingLog.SwitchConfigured(_logger, runtime.Name, runtime.Profile.Id, runtime.Links.Count);
            }

            foreach (var runtime in added)
            {
                SwitchingLog.SwitchAdded(_logger, runtime.Name);
                SwitchingLog.SwitchConfigured(_logger, runtime.Name, runtime.Profile.Id, runtime.Links.Count);
                _server.SetLinkState(runtime.Name, false, $"Switch {runtime.Name}: connecting");
            }

            lock (_runLock)
            {
                Volatile.Write(ref _switches, [.. next]);
                _signatures = signatures;
                if (_runStarted && !_runToken.IsCancellationRequested)
                {
                    foreach (var runtime in restart.Select(r => r.New).Concat(added))
                    {
                        StartRuntimeLocked(runtime);
                    }
                }
            }

            var result = new SwitchApplyResult(
                [.. added.Select(s => s.Name)],
                [.. removed.Select(s => s.Name)],
                [.. restart.Select(r => r.New.Name)],
                unchanged);
            SwitchingLog.SwitchesApplied(_logger, string.Join(", ", result.Restarted), string.Join(", ", result.Added), string.Join(", ", result.Removed), string.Join(", ", result.Unchanged));
            return result;
        }
        finally
        {
            _applyGate.Release();
        }
    }

    /// <summary>What identifies a switch's running configuration: resolved profile path, profile file hash, links, session settings (password as a hash), DN entries (as a hash).</summary>
    internal static string Signature(SwitchSettings settings, string profileBaseDirectory)
    {
        var path = settings.ResolveProfilePath(profileBaseDirectory);
        string hash;
        try
        {
            hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            hash = "unreadable";
        }

        var links = string.Join(',', settings.Links.Select(l => $"{l.Host}:{l.Port}/{l.Priority}/{l.Device}/{l.Baud}/{l.DataBits}/{l.Parity}/{l.StopBits}/{l.FlowControl}"));
        var dns = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', (settings.Dns ?? []).Select(d => $"{d?.Number}\t{d?.From}\t{d?.To}\t{d?.Type}")))));
        var agents = string.Join(',', (settings.Agents ?? []).Select(a => $"{a?.AgentId}@{a?.Dn}/{a?.Queue}/{a?.Ready}"));
        return $"profile={path}\nhash={hash}\nlinks={links}\nsession={settings.Session.Signature()}\ndns={dns}\ncall-model=consult-user-data:{settings.ConsultUserData?.ToLowerInvariant()};agents:{agents};monitor-retry:{settings.MonitorRetrySeconds};access:{string.Join(',', (settings.AccessNumbers ?? []).Select(a => $"{a?.Switch}={a?.Code}"))};route-hop-limit:{settings.RouteHopLimit};route-points:{string.Join(',', (settings.RoutePoints ?? []).Select(r => $"{r?.Dn}>{r?.DefaultDestination}/{r?.RouterTimeoutSeconds}"))}";
    }

    private static string WhyChanged(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        if (a.Length != 6 || b.Length != 6)
        {
            return "configuration changed";
        }

        var reasons = new List<string>();
        if (a[0] != b[0])
        {
            reasons.Add("profile path changed");
        }
        else if (a[1] != b[1])
        {
            reasons.Add("profile file changed");
        }

        if (a[2] != b[2])
        {
            reasons.Add("links changed");
        }

        if (a[3] != b[3])
        {
            reasons.Add("session settings changed");
        }

        if (a[4] != b[4])
        {
            reasons.Add("DN entries changed");
        }

        if (a[5] != b[5])
        {
            reasons.Add("call model settings changed");
        }

        return reasons.Count == 0 ? "configuration changed" : string.Join(", ", reasons);
    }

    private void RememberConfiguration(IReadOnlyList<SwitchSettings> switches, string profileBaseDirectory) =>
        _signatures = switches.ToDictionary(s => s.Name, s => Signature(s, profileBaseDirectory), StringComparer.Ordinal);

    private async Task RunSwitchesAsync(CancellationToken cancellationToken)
    {
        lock (_runLock)
        {
            if (_runStarted)
            {
                throw new InvalidOperationException("The switch link service is already running.");
            }

            _runToken = cancellationToken;
            _runStarted = true;
            foreach (var sw in Volatile.Read(ref _switches))
            {
                StartRuntimeLocked(sw);
            }
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }

        // A reload in progress finishes (its stops complete at once now) before the last runtimes are awaited.
        await _applyGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            Task[] running;
            lock (_runLock)
            {
                running = [.. _running.Values.Select(r => r.Completion)];
            }

            await Task.WhenAll(running).ConfigureAwait(false);
        }
        finally
        {
            foreach (var sw in Volatile.Read(ref _switches))
            {
                sw.DisposeListeners();
            }

            _applyGate.Release();
        }
    }

    private void StartRuntimeLocked(SwitchRuntime runtime)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_runToken);
        var completion = Task.Run(() => RunRuntimeAsync(runtime, stop.Token), CancellationToken.None);
        _running[runtime.Name] = new RunningSwitch(runtime, stop, completion);
    }

    private async Task StopRuntimeAsync(SwitchRuntime runtime)
    {
        RunningSwitch? running;
        lock (_runLock)
        {
            if (!_running.TryGetValue(runtime.Name, out running) || !ReferenceEquals(running.Runtime, runtime))
            {
                running = null;
            }
            else
            {
                _running.Remove(runtime.Name);
            }
        }

        if (running is not null)
        {
            await running.Stop.CancelAsync().ConfigureAwait(false);
            await running.Completion.ConfigureAwait(false);
            running.Stop.Dispose();
        }

        runtime.DisposeListeners();
    }

    private async Task RunRuntimeAsync(SwitchRuntime sw, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(sw.Group.RunAsync(cancellationToken), DrainAsync(sw, cancellationToken), sw.Calls.RunAsync(cancellationToken), RetryMonitorsAsync(sw, cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping (the whole service, or just this switch for a reload).
        }
        finally
        {
            sw.DisposeCoalescers();
        }
    }

    private async Task DrainAsync(SwitchRuntime sw, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in sw.Group.Messages.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // Every switch message goes to the switch's call-model loop, in order (call events with device ids
                // mapped back to DNs on get-device-id profiles); the loop is the model's only reader.
                Interlocked.Increment(ref sw.MessagesReceived);
                OnMonitorAnswer(sw, message.InvokeId, message.Message);
                var switchMessage = message.Message is Pbx.Csta.CstaCallEvent callEvent && Volatile.Read(ref sw.DeviceIds) is { } map
                    ? map.ToDns(callEvent)
                    : message.Message;
                await sw.Calls.PostAsync(CallHostInput.FromSwitch(message.LinkName, switchMessage), cancellationToken).ConfigureAwait(false);

                if (_linkTrace.IsEnabled(LogLevel.Trace))
                {
                    SwitchingLog.LinkTraceIn(_linkTrace, sw.Name, message.LinkName, message.Message.Element, message.InvokeId, message.Message.ToString());
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
