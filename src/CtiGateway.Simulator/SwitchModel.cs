using System.Globalization;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator;

/// <summary>
/// The simulated switch: devices of a <see cref="SwitchingPlan"/>, calls with callIDs, connections and their
/// states, device monitors, and the CSTA services. Not thread-safe: one caller at a time (the server holds a lock).
/// Services return the answer; the events they raise queue up in order and are taken with
/// <see cref="DrainEvents"/> (so a response can be sent before its events). Timed behaviour (scripted traffic)
/// runs from <see cref="RunDue"/>, with the time taken from the <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class SwitchModel
{
    private readonly SwitchingPlan _plan;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, SimCall> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimMonitor> _monitors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SimMonitor>> _monitorsByDevice = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SimCall>> _callsByStation = new(StringComparer.Ordinal);
    private readonly List<SimEventRecord> _events = [];
    private readonly PriorityQueue<Action, (DateTimeOffset Due, long Sequence)> _schedule = new();
    private long _nextCall;
    private long _nextMonitor;
    private long _nextRegister;
    private long _scheduleSequence;

    public SwitchModel(SwitchingPlan plan, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(time);
        _plan = plan;
        _time = time;
    }

    /// <summary>The switching plan.</summary>
    public SwitchingPlan Plan => _plan;

    /// <summary>The lock every user of the model holds around a call (the model is not thread-safe).</summary>
    public Lock Sync { get; } = new();

    /// <summary>The devices with an active monitor (one entry per monitor), as plan DNs.</summary>
    public IReadOnlyList<string> MonitoredDevices => [.. _monitors.Values.Select(m => m.DeviceId)];

    /// <summary>Calls in progress.</summary>
    public int CallCount => _calls.Count;

    /// <summary>Takes the events raised since the last call, in order.</summary>
    public IReadOnlyList<SimEventRecord> DrainEvents()
    {
        var taken = _events.ToArray();
        _events.Clear();
        return taken;
    }

    /// <summary>Ends every monitor of <paramref name="owner"/> (its link closed).</summary>
    public void RemoveMonitorsOf(object owner)
    {
        foreach (var monitor in _monitors.Values.Where(m => ReferenceEquals(m.Owner, owner)).ToList())
        {
            RemoveMonitor(monitor.MonitorCrossRefId);
        }
    }

    /// <summary>MonitorStart on a device of the plan.</summary>
    public SimServiceResult MonitorStart(string deviceId, object? owner)
    {
        if (!_plan.TryGet(deviceId, out _))
        {
            return SimServiceResult.Error(SimErrors.Operation, SimErrors.InvalidDeviceId, $"MonitorStart: device {deviceId} is not in the switching plan.");
        }

        if (RefusedMonitor(deviceId) is { } refused)
        {
            return refused;
        }

        var crossRef = (++_nextMonitor).ToString(CultureInfo.InvariantCulture);
        var monitor = new SimMonitor(crossRef, deviceId, owner);
        _monitors.Add(crossRef, monitor);
        if (!_monitorsByDevice.TryGetValue(deviceId, out var ofDevice))
        {
            ofDevice = new List<SimMonitor>(1);
            _monitorsByDevice.Add(deviceId, ofDevice);
        }

        ofDevice.Add(monitor);
        return SimServiceResult.MonitorStarted(crossRef);
    }

    /// <summary>MonitorStop of a monitor cross reference.</summary>
    public SimServiceResult MonitorStop(string crossRefId) =>
        RemoveMonitor(crossRefId)
            ? SimServiceResult.Ok("MonitorStopResponse")
            : SimServiceResult.Error(SimErrors.Operation, SimErrors.InvalidMonitorCrossRefId, $"MonitorStop: monitorCrossRefID {crossRefId} is not active.");

    /// <summary>Active monitors, all devices together.</summary>
    public int MonitorCount => _monitors.Count;

    /// <summary>The monitors of one device, in the order started (an index, so raising an event costs nothing per idle device).</summary>
    private IReadOnlyList<SimMonitor> MonitorsOf(string deviceId) =>
        _monitorsByDevice.TryGetValue(deviceId, out var monitors) ? monitors : [];

    private bool RemoveMonitor(string crossRefId)
    {
        if (!_monitors.Remove(crossRefId, out var monitor))
        {
            return false;
        }

        var ofDevice = _monitorsByDevice[monitor.DeviceId];
        ofDevice.Remove(monitor);
        if (ofDevice.Count == 0)
        {
            _monitorsByDevice.Remove(monitor.DeviceId);
        }

        return true;
    }

    /// <summary>
    /// Adds a connection to a call and, for a station of the plan, remembers the call under the station (pruning calls
    /// that ended), so <see cref="IsBusy"/> looks at the station's own calls instead of every call.
    /// </summary>
    private void AddConnection(SimCall call, SimConnection connection)
    {
        call.Connections.Add(connection);
        if (!_plan.TryGet(connection.DeviceId, out var device) || device.Kind != SimDeviceKind.Extension)
        {
            return;
        }

        if (!_callsByStation.TryGetValue(connection.DeviceId, out var calls))
        {
            calls = new List<SimCall>(1);
            _callsByStation.Add(connection.DeviceId, calls);
        }

        calls.RemoveAll(c => !IsLive(c));
        if (!calls.Contains(call))
        {
            calls.Add(call);
        }
    }

    private bool IsLive(SimCall call) => _calls.TryGetValue(call.CallId, out var live) && ReferenceEquals(live, call);

    /// <summary>SystemRegister: a new sysStatRegisterID.</summary>
    public SimServiceResult SystemRegister() =>
        SimServiceResult.Registered((++_nextRegister).ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// MakeCall from a station to any number. Raises ServiceInitiated and Originated for the caller, then Delivered
    /// (caller and called) when the called device is a known idle device, Queued at an ACD queue, NetworkReached for
    /// an external number (<see cref="SwitchingPlan.IsExternalNumber"/>; then Failed busy when the network reports
    /// it busy, see <see cref="SetNetworkBusy"/>), or Failed (busy, destNotObtainable).
    /// </summary>
    public SimServiceResult MakeCall(string callingDevice, string calledDirectoryNumber)
    {
        if (!_plan.TryGet(callingDevice, out var caller) || caller.Kind != SimDeviceKind.Extension)
        {
            return SimServiceResult.Error(SimErrors.Operation, SimErrors.InvalidCallingDeviceId, $"MakeCall: calling device {callingDevice} is not a station of the switching plan.");
        }

        if (IsBusy(callingDevice))
        {
            return SimServiceResult.Error(SimErrors.StateIncompatibility, SimErrors.InvalidCallingDeviceState, $"MakeCall: calling device {callingDevice} already has an active call.");
        }

        var call = NewCall(callingDevice, calledDirectoryNumber);
        var a = new SimConnection(call.CallId, callingDevice, SimConnectionState.Initiated);
        AddConnection(call, a);
        var response = SimServiceResult.CallMade(a.Id);

        Raise(call, CstaEventType.ServiceInitiated, a, callingDevice, null, calledDirectoryNumber, "makeCall");
        a.State = SimConnectionState.Connected;
        Raise(call, CstaEventType.Originated, a, callingDevice, callingDevice, calledDirectoryNumber, "newCall");
        Offer(call, calledDirectoryNumber, a);
        return response;
    }

    /// <summary>AnswerCall of an alerting connection: Established to every party.</summary>
    public SimServiceResult AnswerCall(CstaConnectionId connection)
    {
        if (!TryFind(connection, "AnswerCall", out var call, out var c, out var error))
        {
            return error;
        }

        if (!_plan.TryGet(c.DeviceId, out _))
        {
            return SimServiceResult.Error(
                SimErrors.Operation,
                SimErrors.RequestIncompatibleWithObject,
                $"AnswerCall: {c.DeviceId} is an external party of call {call.CallId}; only the network can answer for it.");
        }

        if (c.State != SimConnectionState.Alerting)
        {
            return WrongState("AnswerCall", c, "alerting");
        }

        c.State = SimConnectionState.Connected;
        Raise(call, CstaEventType.Established, c, c.DeviceId, call.CallingDevice, call.CalledDevice, "newCall");
        AnswerTrunkPeers(call);
        return SimServiceResult.Ok("AnswerCallResponse");
    }

    /// <summary>
    /// ClearConnection: ConnectionCleared for the connection; when one party is left, the call ends and that party's
    /// connection is cleared too.
    /// </summary>
    public SimServiceResult ClearConnection(CstaConnectionId connection)
    {
        if (!TryFind(connection, "ClearConnection", out var call, out var c, out var error))
        {
            return error;
        }

        Clear(call, c);
        var left = call.Connections.Where(x => x.State != SimConnectionState.Null).ToList();
        if (left.Count == 1)
        {
            Clear(call, left[0]);
        }

        EndIfEmpty(call);
        return SimServiceResult.Ok("ClearConnectionResponse");
    }

    /// <summary>ClearCall: ConnectionCleared for every connection of the call.</summary>
    public SimServiceResult ClearCall(CstaConnectionId connection)
    {
        if (!_calls.TryGetValue(connection.CallId, out var call))
        {
            return SimServiceResult.Error(SimErrors.Operation, SimErrors.InvalidConnectionId, $"ClearCall: call {connection.CallId} does not exist.");
        }

        foreach (var c in call.Connections.Where(x => x.State != SimConnectionState.Null).ToList())
        {
            Clear(call, c);
        }

        EndIfEmpty(call);
        return SimServiceResult.Ok("ClearCallResponse");
    }

    /// <summary>HoldCall of a connected connection: Held to every party.</summary>
    public SimServiceResult HoldCall(CstaConnectionId connection)
    {
        if (!TryFind(connection, "HoldCall", out var call, out var c, out var error))
        {
            return error;
        }

        if (c.State != SimConnectionState.Connected)
        {
            return WrongState("HoldCall", c, "connected");
        }

        c.State = SimConnectionState.Held;
        Raise(call, CstaEventType.Held, c, c.DeviceId, null, null, "normal");
        return SimServiceResult.Ok("HoldCallResponse");
    }

    /// <summary>RetrieveCall of a held connection: Retrieved to every party.</summary>
    public SimServiceResult RetrieveCall(CstaConnectionId connection)
    {
        if (!TryFind(connection, "RetrieveCall", out var call, out var c, out var error))
        {
            return error;
        }

        if (c.State != SimConnectionState.Held)
        {
            return WrongState("RetrieveCall", c, "held");
        }

        c.State = SimConnectionState.Connected;
        Raise(call, CstaEventType.Retrieved, c, c.DeviceId, null, null, "normal");
        return SimServiceResult.Ok("RetrieveCallResponse");
    }

    /// <summary>SnapshotDevice: the calls at a device with the device's local connection state in each.</summary>
    public SimServiceResult SnapshotDevice(string deviceId)
    {
        if (!_plan.TryGet(deviceId, out _))
        {
            return SimServiceResult.Error(SimErrors.Operation, SimErrors.InvalidDeviceId, $"SnapshotDevice: device {deviceId} is not in the switching plan.");
        }

        var items = new List<SimSnapshotItem>();
        foreach (var call in _calls.Values)
        {
            var c = call.Find(deviceId);
            if (c is not null && c.State != SimConnectionState.Null)
            {
                items.Add(new SimSnapshotItem(c.Id, StateText(c.State)));
            }
        }

        return SimServiceResult.SnapshotTaken(items);
    }

    /// <summary>The local connection state text of ECMA-269 (null, initiated, alerting, connected, hold, fail).</summary>
    public static string StateText(SimConnectionState state) => state switch
    {
        SimConnectionState.Null => "null",
        SimConnectionState.Initiated => "initiated",
        SimConnectionState.Alerting => "alerting",
        SimConnectionState.Connected => "connected",
        SimConnectionState.Held => "hold",
        SimConnectionState.Failed => "fail",
        SimConnectionState.Queued => "queued",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown connection state."),
    };

    /// <summary>The state of <paramref name="deviceId"/>'s connection in call <paramref name="callId"/>, or null.</summary>
    public SimConnectionState? ConnectionState(string callId, string deviceId) =>
        _calls.TryGetValue(callId, out var call) ? call.Find(deviceId)?.State : null;

    private SimCall NewCall(string calling, string called)
    {
        var call = new SimCall((++_nextCall).ToString("X32", CultureInfo.InvariantCulture), calling, called);
        _calls.Add(call.CallId, call);
        return call;
    }

    /// <summary>
    /// Rings the called device (Delivered), queues the call at an ACD queue (Queued), sends it out over the trunk to an
    /// external number (NetworkReached; then Failed with cause busy when the network reports that number busy), or
    /// fails the call at the caller (Failed: busy for a busy station, destNotObtainable for an unknown number). A
    /// Failed event goes to the caller's side only: a busy station is not told about the attempt. Returns the called
    /// device's new connection, or null when the call failed.
    /// </summary>
    private SimConnection? Offer(SimCall call, string calledDevice, SimConnection caller, string cause = "newCall", string? lastRedirection = null)
    {
        if (!_plan.TryGet(calledDevice, out _) && TryOfferOverTrunk(call, calledDevice, caller, lastRedirection, out var overTrunk))
        {
            return overTrunk;
        }

        if (!_plan.TryGet(calledDevice, out _) && _plan.IsExternalNumber(calledDevice))
        {
            var outbound = new SimConnection(call.CallId, calledDevice, SimConnectionState.Alerting);
            AddConnection(call, outbound);
            Raise(call, CstaEventType.NetworkReached, outbound, TrunkGroup, call.CallingDevice, call.CalledDevice, "normal", lastRedirection: lastRedirection);
            if (!_busyNumbers.Contains(calledDevice))
            {
                return outbound;
            }

            call.Connections.Remove(outbound);
            caller.State = SimConnectionState.Failed;
            Raise(call, CstaEventType.Failed, outbound, calledDevice, call.CallingDevice, call.CalledDevice, "busy", lastRedirection: lastRedirection);
            return null;
        }

        if (!_plan.TryGet(calledDevice, out _) || IsBusy(calledDevice))
        {
            var failCause = _plan.TryGet(calledDevice, out _) ? "busy" : "destNotObtainable";
            caller.State = SimConnectionState.Failed;
            var failed = new SimConnection(call.CallId, calledDevice, SimConnectionState.Null);
            Raise(call, CstaEventType.Failed, failed, calledDevice, call.CallingDevice, calledDevice, failCause, lastRedirection: lastRedirection);
            return null;
        }

        var queue = _plan.TryGet(calledDevice, out var device) && device.Kind == SimDeviceKind.AcdQueue;
        var b = new SimConnection(call.CallId, calledDevice, queue ? SimConnectionState.Queued : SimConnectionState.Alerting);
        AddConnection(call, b);
        Raise(call, queue ? CstaEventType.Queued : CstaEventType.Delivered, b, calledDevice, call.CallingDevice, call.CalledDevice, cause, lastRedirection: lastRedirection);
        return b;
    }

    private bool IsBusy(string deviceId)
    {
        if (!_plan.TryGet(deviceId, out var device) || device.Kind != SimDeviceKind.Extension)
        {
            return false;
        }

        if (!_callsByStation.TryGetValue(deviceId, out var calls))
        {
            return false;
        }

        calls.RemoveAll(c => !IsLive(c));
        if (calls.Count == 0)
        {
            _callsByStation.Remove(deviceId);
            return false;
        }

        foreach (var call in calls)
        {
            var c = call.Find(deviceId);
            if (c is not null && c.State is SimConnectionState.Initiated or SimConnectionState.Alerting or SimConnectionState.Connected or SimConnectionState.Failed)
            {
                return true;
            }
        }

        return false;
    }

    private void Clear(SimCall call, SimConnection c)
    {
        Raise(call, CstaEventType.ConnectionCleared, c, c.DeviceId, null, null, "normalClearing", clearing: c);
        c.State = SimConnectionState.Null;
        ClearTrunkPeer(c);
    }

    private void EndIfEmpty(SimCall call)
    {
        if (call.Connections.TrueForAll(x => x.State == SimConnectionState.Null))
        {
            _calls.Remove(call.CallId);
        }
    }

    private bool TryFind(CstaConnectionId id, string service, out SimCall call, out SimConnection connection, out SimServiceResult error)
    {
        connection = null!;
        error = null!;
        if (_calls.TryGetValue(id.CallId, out call!))
        {
            var found = call.Find(id.DeviceId);
            if (found is not null && found.State != SimConnectionState.Null)
            {
                connection = found;
                return true;
            }
        }

        error = SimServiceResult.Error(
            SimErrors.Operation, SimErrors.InvalidConnectionId, $"{service}: connection (callID {id.CallId}, deviceID {id.DeviceId}) does not exist.");
        return false;
    }

    private static SimServiceResult WrongState(string service, SimConnection c, string needed) =>
        SimServiceResult.Error(
            SimErrors.StateIncompatibility,
            SimErrors.InvalidObjectState,
            $"{service}: connection (callID {c.Id.CallId}, deviceID {c.DeviceId}) is {StateText(c.State)}, not {needed}.");

    /// <summary>
    /// Raises one event to the monitors of every device in the call (and of the event's own device, except for Failed,
    /// whose failing device is not in the call), each with the monitored device's local connection state.
    /// <paramref name="clearing"/> is reported as null to its own device.
    /// </summary>
    private void Raise(
        SimCall call, CstaEventType type, SimConnection connection, string? subject, string? calling, string? called, string cause, SimConnection? clearing = null, string? lastRedirection = null, string? other = null)
    {
        if (_automaticDistribution && MayFreeOrQueue(type))
        {
            RequestDistribution();
        }

        var devices = call.Connections.Where(c => c.State != SimConnectionState.Null || ReferenceEquals(c, clearing)).Select(c => c.DeviceId).ToList();
        if (type != CstaEventType.Failed && !devices.Contains(connection.DeviceId))
        {
            devices.Add(connection.DeviceId);
        }

        foreach (var deviceId in devices)
        {
            var own = call.Find(deviceId);
            var local = own is null || ReferenceEquals(own, clearing) ? SimConnectionState.Null : own.State;
            if (type == CstaEventType.Failed && deviceId == connection.DeviceId)
            {
                local = SimConnectionState.Failed;
            }

            foreach (var monitor in MonitorsOf(deviceId))
            {
                _events.Add(new SimEventRecord(monitor, new CstaCallEvent(EventElement(type), "")
                {
                    Type = type,
                    MonitorCrossRefId = monitor.MonitorCrossRefId,
                    Connection = connection.Id,
                    SubjectDevice = subject,
                    CallingDevice = calling,
                    CalledDevice = called,
                    LastRedirectionDevice = lastRedirection,
                    OtherDevice = other,
                    LocalConnectionInfo = StateText(local),
                    Cause = cause,
                }));
            }
        }
    }

    private static string EventElement(CstaEventType type) => type + "Event";
}
