using CtiGateway.CallModel;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Protocol;
using CtiGateway.Server;
using CtiGateway.Transport.Serial;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CtiGateway.Switching;

/// <summary>
/// Runs the switch-side links of every configured switch (issue 3 "Link supervisor" and "Hardware errors"): loads
/// each switch's firmware profile, runs its CSTA-XML links (TCP client, TCP server for a dial-in PBX, or a serial
/// line under LAPB or BSC) in a <see cref="SwitchLinkGroup"/>, reports the
/// switch's link state to the T-Library server (EventLinkConnected/EventLinkDisconnected with Extensions "switch"),
/// publishes hardware-error records as EventHardwareError to every client (coalesced per link and cause, see
/// <see cref="HardwareErrorCoalescer"/>; a link whose errors storm is dropped), re-issues MonitorStart for the
/// numbering plan on each new active link, and exposes per-link state and counters for <c>ctigw server-info</c>.
/// </summary>
public sealed partial class SwitchLinkService : ITlibRequestHandler
{
    /// <summary>Most DNs of one switch that get a MonitorStart when a link becomes active.</summary>
    public const int MaxMonitoredDns = SwitchDirectory.MaxMonitoredDns;

    /// <summary>GetDeviceId requests outstanding at once while a DMCC link resolves its numbering plan.</summary>
    public const int MaxConcurrentGetDeviceId = 8;

    /// <summary>Most per-DN GetDeviceId failures published as EventHardwareError per resolution (all are logged).</summary>
    public const int MaxDeviceIdHardwareErrors = 20;

    /// <summary>How long one GetDeviceId may wait for its answer.</summary>
    public static readonly TimeSpan GetDeviceIdTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After a reconnect, EventLinkConnected waits for the SnapshotDevice round to be applied at most this long (as long
    /// as one snapshot may wait for its answer: past it the switch is not answering, or the plan is very large); the
    /// switch is then declared connected while the round goes on (log line 4690).
    /// </summary>
    public static readonly TimeSpan ResyncBeforeLinkConnectedLimit = GetDeviceIdTimeout;

    private readonly ITlibPublisher _server;
    private readonly ConnIdGenerator _connIds;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private SwitchRuntime[] _switches;

    /// <summary>Creates the service and declares every switch to <paramref name="server"/> (disconnected until a link is up).</summary>
    /// <param name="server">The T-Library server the switches are declared to, events and hardware errors published on, and requests taken from.</param>
    /// <param name="switches">The configured switches.</param>
    /// <param name="profileBaseDirectory">Folder relative profile paths resolve against.</param>
    /// <param name="loggerFactory">Loggers; none when null.</param>
    /// <param name="timeProvider">Clock of the links and of hardware-error coalescing; the system clock when null.</param>
    /// <param name="connIds">The ConnID sequence; the process-wide one (<see cref="ProcessConnIds"/>) when null.</param>
    /// <exception cref="SwitchConfigException">A profile is missing or invalid, a switch's Dns entries are invalid (<see cref="SwitchDirectory.BuildDirectory"/>), or a dial-in link cannot listen.</exception>
    public SwitchLinkService(ITlibPublisher server, IReadOnlyList<SwitchSettings> switches, string profileBaseDirectory, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, ConnIdGenerator? connIds = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(switches);
        _server = server;
        _time = timeProvider ?? TimeProvider.System;
        _connIds = connIds ?? ProcessConnIds;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("CtiGateway.Switching");
        _linkTrace = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(LinkTraceCategory);
        var created = new List<SwitchRuntime>(switches.Count);
        try
        {
            foreach (var s in switches)
            {
                created.Add(CreateRuntime(s, LoadProfile(s, profileBaseDirectory)));
            }
        }
        catch
        {
            // Dial-in listeners of the switches created before the failing one.
            foreach (var runtime in created)
            {
                runtime.DisposeListeners();
            }

            throw;
        }

        _switches = [.. created];
        RememberConfiguration(switches, profileBaseDirectory);
        foreach (var sw in _switches)
        {
            SwitchingLog.SwitchConfigured(_logger, sw.Name, sw.Profile.Id, sw.Links.Count);
            _server.SetLinkState(sw.Name, false, $"Switch {sw.Name}: connecting");
        }

        _server.LinkDetails = Details;
        _server.RequestHandler = this;
    }

    /// <summary>
    /// The ConnID sequence of this process, started at the process's start time: every switch of every service in the
    /// process draws from it, so ConnIDs stay unique across switches, reloads and restarts.
    /// </summary>
    public static ConnIdGenerator ProcessConnIds { get; } = new((ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    /// <summary>The DN &lt;-&gt; device-id map of the switch's active link session, or null (no get-device-id profile, no link up, or not resolved yet).</summary>
    public DeviceIdMap? DeviceIds(string switchName) =>
        Array.Find(Volatile.Read(ref _switches), s => s.Name == switchName) is { } sw ? Volatile.Read(ref sw.DeviceIds) : null;

    /// <summary>The configured switch names.</summary>
    public IReadOnlyList<string> SwitchNames => [.. _switches.Select(s => s.Name)];

    /// <summary>
    /// The liveness probes of every link supervisor loop, named "link SWITCH/N", for the daemon's watchdog. A link that
    /// is down but whose supervisor keeps reconnecting answers its probe; a stuck loop does not.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Func<CancellationToken, Task>>> LoopProbes() =>
        [.. Volatile.Read(ref _switches).SelectMany(s => s.Links).Select(l => new KeyValuePair<string, Func<CancellationToken, Task>>("link " + l.Link.Name, l.Link.ProbeAsync))];

    /// <summary>Loads the firmware profile of <paramref name="settings"/>: CSTA-XML over TCP (client or server role), LAPB or BSC over serial.</summary>
    /// <exception cref="SwitchConfigException">The file is missing or invalid, or its framing/transport is not one the gateway runs.</exception>
    public static FirmwareProfile LoadProfile(SwitchSettings settings, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var path = settings.ResolveProfilePath(baseDirectory);
        if (!File.Exists(path))
        {
            throw new SwitchConfigException($"firmware profile file '{path}' not found");
        }

        FirmwareProfile profile;
        try
        {
            profile = FirmwareProfileLoader.Load(path);
        }
        catch (FirmwareProfileException ex)
        {
            throw new SwitchConfigException($"firmware profile '{path}' is invalid: {ex.Message.ReplaceLineEndings("; ")}", ex);
        }
        catch (IOException ex)
        {
            throw new SwitchConfigException($"firmware profile '{path}' cannot be read: {ex.Message}", ex);
        }

        var wired = profile.Transport.Kind == TransportKind.Serial
            ? profile.Framing.Kind is FramingKind.Lapb or FramingKind.Bsc
            : profile.Framing.Kind == FramingKind.CstaXmlTcp && profile.Transport.Tcp is not null;
        if (!wired)
        {
            throw new SwitchConfigException($"profile '{profile.Id}': {profile.Framing.Kind} framing over {profile.Transport.Kind} is not a link the gateway runs (CSTA-XML over TCP, LAPB or BSC over serial)");
        }

        if (profile.Framing.Lapb is { N1: < SerialLinkTransport.MinLapbN1 } lapb)
        {
            throw new SwitchConfigException($"profile '{profile.Id}': LAPB n1 = {lapb.N1} leaves no room for information (at least {SerialLinkTransport.MinLapbN1} octets: address, control, FCS and one octet)");
        }

        return profile;
    }

    /// <summary>
    /// Runs every link until <paramref name="cancellationToken"/> is cancelled. Switches added or restarted by
    /// <see cref="ApplyAsync"/> meanwhile run under the same token.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken) => RunSwitchesAsync(cancellationToken);

    /// <summary>State and counters of every link of every switch.</summary>
    public IReadOnlyList<SwitchLinkStatus> GetStatus()
    {
        var result = new List<SwitchLinkStatus>();
        foreach (var sw in _switches)
        {
            var active = sw.Group.ActiveLink;
            foreach (var (link, endpoint) in sw.Links)
            {
                var c = link.Counters;
                result.Add(new SwitchLinkStatus(
                    sw.Name,
                    link.Name,
                    endpoint,
                    link.State == LinkState.Up ? "up" : "down",
                    ReferenceEquals(link, active),
                    LastError(link),
                    c.FramesIn,
                    c.FramesOut,
                    c.BytesIn,
                    c.BytesOut,
                    c.HardwareErrors,
                    c.Reconnects));
            }
        }

        return result;
    }

    /// <summary>The DNs of the switch that get a MonitorStart (<see cref="SwitchDirectory.MonitoredDns"/>).</summary>
    internal static IReadOnlyList<string> DnsOf(SwitchRuntime sw) => SwitchDirectory.MonitoredDns(sw.Directory);

    /// <summary>The fan-out of per-device requests: at most <see cref="MaxConcurrentGetDeviceId"/> at once.</summary>
    private static ParallelOptions FanOut(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = MaxConcurrentGetDeviceId, CancellationToken = cancellationToken };

    private static string LastError(CstaTcpLink link) =>
        link.Counters.LastError is { } e ? $"{e.Cause}: {e.Detail}" : link.LastConnectFailure ?? string.Empty;

    private static int Clamp(long value) => (int)Math.Min(value, int.MaxValue);

    private static CstaDialectFlavour FlavourOf(FirmwareProfile profile) =>
        profile.Dialect.Namespace == CstaNamespaces.Ed3 ? CstaDialectFlavour.DmccEd3 : CstaDialectFlavour.OsvEd4;

    private KeyValueList? Details(string switchName)
    {
        var sw = Array.Find(_switches, s => s.Name == switchName);
        if (sw is null)
        {
            return null;
        }

        var active = sw.Group.ActiveLink;
        var links = sw.Links.Select(l => l.Link).ToArray();
        var latest = links.Select(l => l.Counters.LastError).Where(e => e is not null).MaxBy(e => e!.Time);
        var lastError = latest is not null ? $"{latest.Cause}: {latest.Detail}"
            : links.Select(l => l.LastConnectFailure).FirstOrDefault(f => f is not null) ?? string.Empty;
        var digestLink = active ?? links[0];
        var snapshot = Volatile.Read(ref sw.LastSnapshot);
        return new KeyValueList(15)
            .Add("active-link", active?.Name ?? string.Empty)
            .Add("last-error", lastError)
            .Add("frames-in", Clamp(links.Sum(l => l.Counters.FramesIn)))
            .Add("frames-out", Clamp(links.Sum(l => l.Counters.FramesOut)))
            .Add("bytes-in", Clamp(links.Sum(l => l.Counters.BytesIn)))
            .Add("bytes-out", Clamp(links.Sum(l => l.Counters.BytesOut)))
            .Add("hardware-errors", Clamp(links.Sum(l => l.Counters.HardwareErrors)))
            .Add("reconnects", Clamp(links.Sum(l => l.Counters.Reconnects)))
            .Add("profile", sw.Profile.Id)
            .Add("keep-alive-seconds", Clamp((long)sw.Profile.KeepAlive.Interval.TotalSeconds))
            .Add("frames-in-digest", $"{digestLink.Name} {CstaFrameDigest.Format(digestLink.Counters.FramesInDigest)}")
            .Add("snapshot-devices", snapshot?.Answered ?? 0)
            .Add("snapshot-connections", snapshot?.Connections ?? 0)
            .Add("snapshot-failed", snapshot?.Failed ?? 0);
    }

    private SwitchRuntime CreateRuntime(SwitchSettings settings, FirmwareProfile profile)
    {
        var directory = SwitchDirectory.BuildDirectory(settings, profile);
        var flavour = FlavourOf(profile);
        var links = new List<(CstaTcpLink Link, string Endpoint)>();
        var members = new List<SwitchLinkMember>();
        var listeners = new List<IDisposable>();
        var coalescers = new List<HardwareErrorCoalescer>();
        var storms = profile.HardwareErrors;
        for (var i = 0; i < settings.Links.Count; i++)
        {
            var l = settings.Links[i];
            (ILinkTransport Transport, string Endpoint) created;
            try
            {
                created = CreateTransport(settings, i, profile, listeners);
            }
            catch
            {
                foreach (var listener in listeners)
                {
                    listener.Dispose();
                }

                throw;
            }

            var (transport, endpoint) = created;
            var link = new CstaTcpLink(
                transport,
                new CstaTcpLinkOptions
                {
                    Name = $"{settings.Name}/{i + 1}",
                    Flavour = flavour,
                    MaxFrameSize = profile.Framing.CstaXmlTcp?.MaxFrame ?? CstaWire.MaxFrameSize,
                    KeepAliveInterval = profile.KeepAlive.Interval,
                    KeepAliveTolerance = profile.KeepAlive.Tolerance,
                    ApplicationSession = profile.Dialect.ApplicationSession is { } session ? SessionOptions(settings, session) : null,
                    ErrorStorm = storms.DropErrorsPerSecond > 0 ? new ErrorStormThreshold(storms.DropErrorsPerSecond, storms.DropWindow) : null,
                    TimeProvider = _time,
                }.WithStartupOf(profile));
            var switchName = settings.Name;
            var coalescer = new HardwareErrorCoalescer(storms.EventsPerSecond, _time, record => PublishHardwareError(switchName, record));
            coalescers.Add(coalescer);
            link.StateChanged += change => SwitchingLog.LinkState(_logger, switchName, change.LinkName, change.State == LinkState.Up ? "up" : "down", change.Reason);
            link.HardwareError += record => OnLinkHardwareError(switchName, record, coalescer);
            link.ReconnectScheduled += delay => SwitchingLog.ReconnectScheduled(_logger, switchName, link.Name, delay);
            links.Add((link, endpoint));
            members.Add(new SwitchLinkMember(link, l.Priority));
        }

        var runtime = new SwitchRuntime(settings.Name, profile, flavour, links)
        {
            Listeners = listeners,
            Coalescers = coalescers,
            Session = settings.Session ?? new SwitchSessionSettings(),
            Directory = directory,
            MonitorRetryInterval = TimeSpan.FromSeconds(Math.Max(1, settings.MonitorRetrySeconds)),
            AccessNumbers = CrossSwitchPlan.CodesOf(settings),
        };
        runtime.Calls = CreateCallHost(runtime, settings);
        runtime.Group = new SwitchLinkGroup(settings.Name, members)
        {
            OnActiveLinkChanged = (change, ct) => OnActiveLinkChangedAsync(runtime, change, ct),
        };
        return runtime;
    }

    /// <summary>The profile's session with the switch's log-in (user name, password from the literal or the file, application id).</summary>
    private CstaApplicationSessionOptions SessionOptions(SwitchSettings settings, ApplicationSessionSettings session)
    {
        var options = CstaApplicationSessionOptions.FromProfile(session);
        var s = settings.Session ?? new SwitchSessionSettings();
        if (s.ApplicationId.Length > 0)
        {
            options = options with { ApplicationId = s.ApplicationId };
        }

        if (s.UserName.Length > 0)
        {
            var password = s.ResolvePassword() ?? throw new SwitchConfigException($"switch {settings.Name}: Session:UserName '{s.UserName}' has no Password or PasswordFile");
            options = options with { UserName = s.UserName, Password = password };
            SwitchingLog.SessionLogin(_logger, settings.Name, s.UserName, s.PasswordFile.Length > 0 ? s.PasswordFile : "Session:Password", options.ApplicationId);
        }

        return options;
    }

    /// <summary>The transport of link <paramref name="index"/> for the profile's transport kind, and its endpoint text.</summary>
    private (ILinkTransport Transport, string Endpoint) CreateTransport(SwitchSettings settings, int index, FirmwareProfile profile, List<IDisposable> owned)
    {
        var l = settings.Links[index];
        var linkName = $"{settings.Name}/{index + 1}";
        if (profile.Transport.Kind == TransportKind.Serial)
        {
            var line = SerialLineSettings.For(profile, l);
            SwitchingLog.SerialLinkConfigured(_logger, settings.Name, linkName, line.PortName, profile.Framing.Kind == FramingKind.Lapb ? "LAPB DTE" : "BSC secondary", SerialLineSettings.Describe(line));
            return (new SerialLinkTransport(line.PortName, profile, async ct => await SerialTransport.OpenAsync(line, ct).ConfigureAwait(false)), $"serial {line.PortName}");
        }

        if (profile.Transport.Tcp is { Role: TcpRole.Server })
        {
            var host = l.Host.Length > 0 ? l.Host : "0.0.0.0";
            var listener = new TcpServerTransport(host, l.Port);
            string endpoint;
            try
            {
                endpoint = listener.LocalEndPoint.ToString();
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                listener.Dispose();
                throw new SwitchConfigException($"switch {settings.Name} link {linkName}: cannot listen on {host}:{l.Port} for the PBX to dial in: {ex.Message}", ex);
            }

            owned.Add(listener);

            SwitchingLog.DialInListening(_logger, settings.Name, linkName, endpoint);
            return (listener, $"listen {endpoint}");
        }

        return (new TcpClientTransport(l.Host, l.Port), $"{l.Host}:{l.Port}");
    }

    /// <summary>
    /// A hardware error of a link: every one is logged (the daemon's log rate limit bounds a storm of them) and offered
    /// to the link's coalescer, which passes at most the profile's events-per-second of each cause to clients and sums
    /// up the rest. An error-storm drop also gets its own log line.
    /// </summary>
    private void OnLinkHardwareError(string switchName, HardwareErrorRecord record, HardwareErrorCoalescer coalescer)
    {
        SwitchingLog.HardwareError(_logger, switchName, record.LinkName, record.Cause, record.Detail);
        if (record.Cause == HardwareErrorRecord.ErrorStormCause)
        {
            SwitchingLog.ErrorStormDrop(_logger, switchName, record.LinkName, record.Detail);
        }

        coalescer.Offer(record);
    }

    /// <summary>A hardware error found by the service itself (GetDeviceId, few and bounded): logged and published as is.</summary>
    private void OnHardwareError(string switchName, HardwareErrorRecord record)
    {
        SwitchingLog.HardwareError(_logger, switchName, record.LinkName, record.Cause, record.Detail);
        PublishHardwareError(switchName, record);
    }

    /// <summary>EventHardwareError to every client; a coalesced summary carries Extensions <c>suppressed</c>.</summary>
    private void PublishHardwareError(string switchName, HardwareErrorRecord record)
    {
        try
        {
            _server.PublishHardwareError(new TlibHardwareError(switchName, record.LinkName, record.Cause, record.Detail)
            {
                Offset = record.Offset,
                BytesHex = record.BytesHex,
                Element = record.Element,
                Suppressed = record.Suppressed,
            });
        }
        catch (TlibProtocolException ex)
        {
            SwitchingLog.HardwareError(_logger, switchName, record.LinkName, "publish-failed", ex.Message);
        }
    }

    private async ValueTask OnActiveLinkChangedAsync(SwitchRuntime sw, ActiveLinkChange change, CancellationToken cancellationToken)
    {
        Volatile.Write(ref sw.DeviceIds, null);
        if (change.Current is not { } link)
        {
            SwitchingLog.NoLinkUp(_logger, sw.Name, change.Reason);
            await PostToCallsAsync(sw, CallHostInput.Down(change.Reason), cancellationToken).ConfigureAwait(false);
            _server.SetLinkState(sw.Name, false, $"Switch {sw.Name}: no link up ({change.Reason})");
            return;
        }

        var reissue = Interlocked.Increment(ref sw.Activations) > 1;
        SwitchingLog.ActiveLinkChanged(_logger, sw.Name, link.Name, change.Reason);
        DeviceIdMap? map = null;
        if (sw.Profile.Dialect.DeviceIds == DeviceIdScheme.GetDeviceId)
        {
            map = await ResolveDeviceIdsAsync(sw, link, cancellationToken).ConfigureAwait(false);
            if (map is null)
            {
                // The link is up but nothing can be monitored (the hardware error says why), or it went down again.
                DeclareConnected(sw, link);
                return;
            }
        }

        var count = 0;
        sw.MonitorAnswers.Reset();
        var monitored = new List<string>();
        var monitoredDns = new List<string>();
        try
        {
            foreach (var dn in DnsOf(sw))
            {
                var device = dn;
                if (map is not null && !map.TryGetDeviceId(dn, out device))
                {
                    continue;
                }

                var invokeId = await link.SendRequestAsync(w => CstaXmlEncoder.WriteMonitorStart(w, sw.Flavour, device), cancellationToken).ConfigureAwait(false);
                MonitorSent(sw, invokeId, dn);
                SwitchingLog.LinkTraceMonitorStart(_linkTrace, sw.Name, link.Name, device);
                monitored.Add(device);
                monitoredDns.Add(dn);
                count++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
        {
            // The link went down again (its connection was cancelled or closed): the next active-link change re-issues them.
            SwitchingLog.NoLinkUp(_logger, sw.Name, $"MonitorStart stopped after {count} DNs on link {link.Name}: {ex.Message}");
            return;
        }

        SwitchingLog.MonitorsStarted(_logger, sw.Name, count, link.Name);
        await PostToCallsAsync(sw, CallHostInput.Up(link), cancellationToken).ConfigureAwait(false);
        if (reissue)
        {
            // After a failover or reconnect, calls may have progressed while no link was up: snapshot every monitored
            // device so what is in progress now is known (the call model rebuilds its calls from these answers).
            // EventLinkConnected waits for that: a client that hears the link is back sees calls as the switch has them.
            await ResynchroniseAsync(sw, link, monitored, monitoredDns, cancellationToken).ConfigureAwait(false);
        }

        DeclareConnected(sw, link);
    }

    /// <summary>
    /// The SnapshotDevice round after a reconnect, until its replies are applied by the call-model loop or
    /// <see cref="ResyncBeforeLinkConnectedLimit"/> has passed; in the second case the link is declared connected at
    /// that point and the round goes on.
    /// </summary>
    private async Task ResynchroniseAsync(SwitchRuntime sw, CstaTcpLink link, IReadOnlyList<string> devices, IReadOnlyList<string> dns, CancellationToken cancellationToken)
    {
        var round = SnapshotDevicesAsync(sw, link, devices, dns, cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var late = Task.Delay(ResyncBeforeLinkConnectedLimit, _time, limit.Token);
        if (await Task.WhenAny(round, late).ConfigureAwait(false) != round)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            SwitchingLog.ResyncSlow(_logger, sw.Name, link.Name, ResyncBeforeLinkConnectedLimit.TotalSeconds, devices.Count);
            DeclareConnected(sw, link);
            await round.ConfigureAwait(false);
            return;
        }

        await limit.CancelAsync().ConfigureAwait(false);
        await round.ConfigureAwait(false);
        try
        {
            // The replies are queued on the loop before the round ends; a query behind them returns once they are applied.
            await sw.Calls.QueryAsync(static _ => true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            // Stopping.
        }
    }

    /// <summary>EventLinkConnected for the switch, when <paramref name="link"/> is still up and active.</summary>
    private void DeclareConnected(SwitchRuntime sw, CstaTcpLink link)
    {
        if (link.State == LinkState.Up && ReferenceEquals(sw.Group.ActiveLink, link))
        {
            _server.SetLinkState(sw.Name, true, $"active link {link.Name}");
        }
    }

    /// <summary>
    /// SnapshotDevice for every device in <paramref name="devices"/> on <paramref name="link"/>, at most
    /// <see cref="MaxConcurrentGetDeviceId"/> at once, each bounded by <see cref="GetDeviceIdTimeout"/>. Records and
    /// logs the summary; stops quietly when the link goes down or the service stops.
    /// </summary>
    private async Task SnapshotDevicesAsync(SwitchRuntime sw, CstaTcpLink link, IReadOnlyList<string> devices, IReadOnlyList<string> dns, CancellationToken cancellationToken)
    {
        var dnOf = new Dictionary<string, string>(devices.Count, StringComparer.Ordinal);
        for (var i = 0; i < devices.Count; i++)
        {
            dnOf[devices[i]] = dns[i];
        }

        var map = Volatile.Read(ref sw.DeviceIds);
        var answered = 0;
        var connections = 0;
        var failed = 0;
        try
        {
            await Parallel.ForEachAsync(devices, FanOut(cancellationToken), async (device, ct) =>
            {
                try
                {
                    var answer = await link.RequestAsync(w => CstaXmlEncoder.WriteSnapshotDevice(w, sw.Flavour, device), GetDeviceIdTimeout, ct).ConfigureAwait(false);
                    if (answer is CstaSnapshotDeviceResponse snapshot)
                    {
                        Interlocked.Increment(ref answered);
                        Interlocked.Add(ref connections, snapshot.Items.Count);
                        await sw.Calls.PostAsync(CallHostInput.Snapshot(link.Name, dnOf[device], map?.ToDns(snapshot) ?? snapshot), ct).ConfigureAwait(false);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                        SwitchingLog.SnapshotRefused(_logger, sw.Name, link.Name, device, answer.Element);
                    }
                }
                catch (TimeoutException)
                {
                    Interlocked.Increment(ref failed);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
        {
            SwitchingLog.NoLinkUp(_logger, sw.Name, $"SnapshotDevice stopped on link {link.Name}: {ex.Message}");
            return;
        }

        var summary = new SwitchSnapshotSummary(link.Name, devices.Count, answered, connections, failed);
        Volatile.Write(ref sw.LastSnapshot, summary);
        SwitchingLog.SnapshotsTaken(_logger, sw.Name, link.Name, answered, devices.Count, connections, failed);
    }

    /// <summary>
    /// DMCC: resolves every DN of the plan with GetDeviceId on <paramref name="link"/> (at most
    /// <see cref="MaxConcurrentGetDeviceId"/> at once). A DN the switch refuses (CSTAErrorCode) or does not answer
    /// within <see cref="GetDeviceIdTimeout"/> is logged and published as EventHardwareError naming the DN and the
    /// error, and is left unmonitored; the others go on. Returns null when the link went down meanwhile.
    /// </summary>
    private async Task<DeviceIdMap?> ResolveDeviceIdsAsync(SwitchRuntime sw, CstaTcpLink link, CancellationToken cancellationToken)
    {
        var map = new DeviceIdMap(link.Name);
        Volatile.Write(ref sw.DeviceIds, map);
        var session = sw.Session;
        var cmName = session.CmName.Length > 0 ? session.CmName : null;
        var cmAddress = session.CmAddress.Length > 0 ? session.CmAddress : null;
        if (cmName is null && cmAddress is null)
        {
            OnHardwareError(sw.Name, HardwareErrorRecord.FromSession(
                link.Name, "device-id-config", $"Switch {sw.Name}: profile {sw.Profile.Id} needs GetDeviceId but neither Switches:N:Session:CmName nor CmAddress is set: no DN is monitored.", "GetDeviceId", DateTimeOffset.UtcNow));
            return null;
        }

        var dns = DnsOf(sw).ToList();
        var failed = 0;
        var down = 0;
        try
        {
            await Parallel.ForEachAsync(dns, FanOut(cancellationToken), async (dn, ct) =>
            {
                if (Volatile.Read(ref down) != 0)
                {
                    return;
                }

                string? cause = null;
                string? detail = null;
                try
                {
                    var answer = await link.RequestAsync(w => CstaXmlEncoder.WriteGetDeviceId(w, cmName, dn, cmAddress), GetDeviceIdTimeout, ct).ConfigureAwait(false);
                    switch (answer)
                    {
                        case CstaGetDeviceIdResponse { Device.Length: > 0 } resolved:
                            map.Add(dn, resolved.Device);
                            SwitchingLog.LinkTraceDeviceId(_linkTrace, sw.Name, link.Name, dn, resolved.Device);
                            return;
                        case CstaErrorResponse error:
                            cause = "device-id-refused";
                            detail = $"CSTAErrorCode {error.Category}/{error.Value}";
                            break;
                        default:
                            cause = "device-id-refused";
                            detail = $"unexpected answer {answer.Element}";
                            break;
                    }
                }
                catch (TimeoutException)
                {
                    cause = "device-id-timeout";
                    detail = $"no answer within {GetDeviceIdTimeout.TotalSeconds} s";
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // The link went down: the next active-link change resolves again.
                    Interlocked.Exchange(ref down, 1);
                    return;
                }

                var n = Interlocked.Increment(ref failed);
                SwitchingLog.DeviceIdRefused(_logger, sw.Name, dn, link.Name, cause, detail);
                if (n <= MaxDeviceIdHardwareErrors)
                {
                    OnHardwareError(sw.Name, HardwareErrorRecord.FromSession(
                        link.Name,
                        cause,
                        $"GetDeviceId for DN {dn} (switchName {cmName ?? "-"}, switchIPInterface {cmAddress ?? "-"}) failed on link {link.Name}: {detail}; DN {dn} is not monitored.",
                        "GetDeviceId/" + dn,
                        DateTimeOffset.UtcNow));
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        if (down != 0)
        {
            SwitchingLog.NoLinkUp(_logger, sw.Name, $"GetDeviceId stopped after {map.Count} DNs: link {link.Name} went down");
            return null;
        }

        SwitchingLog.DeviceIdsResolved(_logger, sw.Name, map.Count, dns.Count, link.Name, failed);
        return map;
    }
}
