using System.Buffers;
using System.Globalization;
using CtiGateway.Pbx.Csta;
using CtiGateway.Simulator;

namespace CtiGateway.Pbx.Tests.Csta.Differential;

/// <summary>
/// The CSTA-XML bodies the simulated switch sends, for the decoder's differential tests. A seeded random operator drives
/// the simulator's <see cref="SwitchModel"/> on the demo switching plan (calls made, answered, held, retrieved, consulted,
/// transferred, conferenced, deflected, single-step transferred and conferenced, cleared; agent states; snapshots;
/// stations out of service and back, monitors the switch ends;
/// requests the switch refuses) while scripted inbound traffic runs on the virtual clock. Every answer and event is
/// written by <see cref="CstaSwitchXmlWriter"/> the way the simulator's links write it: OSV style (ed4, plain DNs) and
/// DMCC style (ed3, device ids), plus the ECMA-354 session answers, GetDeviceIdResponse and SystemStatus.
/// </summary>
internal static class SimulatedSwitchTraffic
{
    private static readonly string[] Stations = [.. Enumerable.Range(5001, 14).Select(n => n.ToString(CultureInfo.InvariantCulture))];

    private static readonly string[] Destinations = [.. Stations, "4001", "3001", "7001", "7002", "0302118840555", "99"];

    private static readonly string[] AgentStates = ["loggedOn", "ready", "notReady", "workingAfterCall", "loggedOff", "busy"];

    /// <summary>The bodies of <paramref name="steps"/> random operations (and the events they raise), each written both ways.</summary>
    public static List<byte[]> Bodies(int seed, int steps)
    {
        var time = new VirtualTimeProvider();
        var model = new SwitchModel(SwitchingPlan.Demo(), time);
        var bodies = new List<byte[]>();
        foreach (var device in Destinations.Where(d => d.Length == 4))
        {
            Write(bodies, model.MonitorStart(device, owner: null));
        }

        model.StartInboundTraffic(new InboundTrafficOptions
        {
            TargetDn = "4001",
            CallsPerSecond = 2,
            AnswerDelay = TimeSpan.FromSeconds(1),
            HoldTime = TimeSpan.FromSeconds(8),
            AbandonFraction = 0.2,
            TransferFraction = 0.3,
            TransferTo = "5012",
        });

        // Half the agents not ready, so that calls for the ACD queue wait there (QueuedEvent) until one is.
        for (var dn = 5001; dn <= 5020; dn += 2)
        {
            Write(bodies, model.SetAgentState(dn.ToString(CultureInfo.InvariantCulture), "notReady"));
        }

        var random = new Random(seed);
        var connections = new List<CstaConnectionId>();
        for (var step = 0; step < steps; step++)
        {
            // Now and then deflect the call that rang last (a DivertedEvent), or consult from a connected party and
            // transfer or conference; else a random operation.
            var result = random.Next(10) switch
            {
                0 when connections.Count > 0 => model.DeflectCall(connections[^1], random.Next(4) == 0 ? "4001" : Stations[random.Next(Stations.Length)]),
                1 when connections.FirstOrDefault(c => model.ConnectionState(c.CallId, c.DeviceId) == SimConnectionState.Connected) is { CallId: not null } connected
                    => ConsultAndMerge(model, random, connected, bodies),
                _ => Operate(model, random, connections),
            };
            Write(bodies, result);
            Maintain(model, step, bodies);
            time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 1200)));
            model.RunDue();
            foreach (var record in model.DrainEvents())
            {
                Write(bodies, record.Message, connections);
            }
        }

        AddSessionAndSystemMessages(bodies);
        return bodies;
    }

    /// <summary>
    /// Now and then (by step, so the random operations stay the same) a station goes out of service and comes back, or
    /// the switch ends its monitors, which are started again: OutOfServiceEvent, BackInServiceEvent, MonitorEndedEvent.
    /// </summary>
    private static void Maintain(SwitchModel model, int step, List<byte[]> bodies)
    {
        var station = Stations[step / 200 % Stations.Length];
        switch (step % 200)
        {
            case 50:
                model.SetOutOfService(station, cause: step % 400 == 50 ? SwitchModel.MaintenanceCause : "normal");
                break;
            case 120:
                model.SetOutOfService(station, outOfService: false);
                break;
            case 170 when step % 400 == 170:
                model.EndMonitors(station);
                Write(bodies, model.MonitorStart(station, owner: null));
                break;
            default:
                break;
        }
    }

    /// <summary>ConsultationCall from a connected party, then TransferCall or ConferenceCall of the two calls.</summary>
    private static SimServiceResult ConsultAndMerge(SwitchModel model, Random random, CstaConnectionId connected, List<byte[]> bodies)
    {
        var consult = model.ConsultationCall(connected, Stations[random.Next(Stations.Length)]);
        if (consult.ResultConnection is not { } initiated)
        {
            return consult;
        }

        Write(bodies, consult);
        return random.Next(2) == 0 ? model.TransferCall(connected, initiated) : model.ConferenceCall(connected, initiated);
    }

    private static SimServiceResult Operate(SwitchModel model, Random random, List<CstaConnectionId> connections)
    {
        var station = Stations[random.Next(Stations.Length)];
        var destination = Destinations[random.Next(Destinations.Length)];
        var c1 = connections.Count > 0 ? connections[random.Next(connections.Count)] : new CstaConnectionId("FF01", station);
        var c2 = connections.Count > 0 ? connections[random.Next(connections.Count)] : new CstaConnectionId("FF02", station);
        return random.Next(22) switch
        {
            0 => model.MakeCall(station, "0302118840" + random.Next(100, 999).ToString(CultureInfo.InvariantCulture)),
            1 or 2 => model.MakeCall(station, destination),
            3 or 4 => model.AnswerCall(c1),
            5 => model.ClearConnection(c1),
            6 => model.ClearCall(c1),
            7 => model.HoldCall(c1),
            8 => model.RetrieveCall(c1),
            9 => model.ConsultationCall(c1, destination),
            10 => model.TransferCall(c1, c2),
            11 => model.ConferenceCall(c1, c2),
            12 => model.AlternateCall(c1, c2),
            13 => model.ReconnectCall(c1, c2),
            14 => model.SingleStepTransferCall(c1, destination),
            15 => model.SingleStepConferenceCall(c1, destination, silent: random.Next(2) == 0),
            16 => model.DeflectCall(c1, destination),
            17 => model.GenerateDigits(c1, "12#"),
            18 => model.SnapshotDevice(random.Next(3) == 0 ? "4001" : station),
            19 => model.SetAgentState(station, AgentStates[random.Next(AgentStates.Length)], random.Next(2) == 0 ? "A" + station : null, random.Next(2) == 0 ? "4001" : null),
            20 => model.GetAgentState(station),
            _ => model.AnswerCall(new CstaConnectionId("NOSUCHCALL", station)),
        };
    }

    private static void Write(List<byte[]> bodies, SimServiceResult result)
    {
        bodies.Add(Body(w => CstaSwitchXmlWriter.WriteResult(w, CstaNamespaces.Ed4, result)));
        bodies.Add(Body(w => CstaSwitchXmlWriter.WriteResult(w, CstaNamespaces.Ed3, result.WithDevices(DmccDevice))));
    }

    private static void Write(List<byte[]> bodies, CstaMessage message, List<CstaConnectionId> connections)
    {
        switch (message)
        {
            case CstaCallEvent callEvent:
                Track(callEvent, connections);
                bodies.Add(Body(w => CstaSwitchXmlWriter.WriteEvent(w, CstaNamespaces.Ed4, callEvent)));
                bodies.Add(Body(w => CstaSwitchXmlWriter.WriteEvent(w, CstaNamespaces.Ed3, callEvent.WithDevices(DmccDevice))));
                break;
            case CstaAgentEvent agentEvent:
                bodies.Add(Body(w => CstaSwitchXmlWriter.WriteAgentEvent(w, CstaNamespaces.Ed4, agentEvent)));
                bodies.Add(Body(w => CstaSwitchXmlWriter.WriteAgentEvent(w, CstaNamespaces.Ed3, agentEvent)));
                break;
            case CstaMaintenanceEvent maintenance:
                bodies.Add(Body(w => CstaSwitchXmlWriter.WriteMaintenanceEvent(w, CstaNamespaces.Ed4, maintenance)));
                bodies.Add(Body(w => CstaSwitchXmlWriter.WriteMaintenanceEvent(w, CstaNamespaces.Ed3, maintenance with { Device = DmccDevice(maintenance.Device) })));
                break;
            case CstaMonitorEndedEvent ended:
                bodies.Add(Body(w => CstaSwitchXmlWriter.WriteMonitorEnded(w, CstaNamespaces.Ed4, ended)));
                bodies.Add(Body(w => CstaSwitchXmlWriter.WriteMonitorEnded(w, CstaNamespaces.Ed3, ended)));
                break;
            default:
                throw new InvalidOperationException($"The simulated switch raised {message.Element}, which this corpus does not write.");
        }
    }

    /// <summary>Keeps the connections the events name (for the next operations), dropping cleared ones.</summary>
    private static void Track(CstaCallEvent callEvent, List<CstaConnectionId> connections)
    {
        if (callEvent.Type == CstaEventType.ConnectionCleared)
        {
            connections.Remove(callEvent.Connection);
            return;
        }

        if (callEvent.Type == CstaEventType.Delivered)
        {
            // Last in the list: the one to deflect next.
            connections.Remove(callEvent.Connection);
            connections.Add(callEvent.Connection);
            return;
        }

        foreach (var connection in new[] { callEvent.Connection, callEvent.SecondaryOldCall }
            .Concat(callEvent.Connections.Select(c => c.NewConnection)).OfType<CstaConnectionId>())
        {
            if (!connections.Contains(connection))
            {
                connections.Add(connection);
            }
        }

        if (connections.Count > 40)
        {
            connections.RemoveRange(0, connections.Count - 40);
        }
    }

    private static void AddSessionAndSystemMessages(List<byte[]> bodies)
    {
        bodies.Add(Body(w => CstaSwitchXmlWriter.WriteStartApplicationSessionPosResponse(w, "469421A9364D46D6444524AE41BEAD72-0", CstaNamespaces.Ed3 + "/priv7", 180)));
        bodies.Add(Body(w => CstaSwitchXmlWriter.WriteResetApplicationSessionTimerPosResponse(w, 120)));
        bodies.Add(Body(w => CstaSwitchXmlWriter.WriteSessionNegResponse(w, "StartApplicationSessionNegResponse", "invalidApplicationInfo")));
        bodies.Add(Body(w => CstaSwitchXmlWriter.WriteSessionNegResponse(w, "ResetApplicationSessionTimerNegResponse", "invalidSessionID")));
        bodies.Add(Body(w => CstaSwitchXmlWriter.WriteEmptySessionResponse(w, "StopApplicationSessionPosResponse")));
        bodies.Add(Body(w => CstaSwitchXmlWriter.WriteGetDeviceIdResponse(w, "5001:CM1:0.0.0.0:0")));
        foreach (var status in new[] { "normal", "messagesLost", "disabled", "initializing" })
        {
            bodies.Add(Body(w => CstaSwitchXmlWriter.WriteSystemStatus(w, CstaNamespaces.Ed4, status, "27ss")));
            bodies.Add(Body(w => CstaSwitchXmlWriter.WriteSystemStatus(w, CstaNamespaces.Ed3, status)));
        }
    }

    /// <summary>A station's DMCC device id, as the simulator's DMCC links write it (extension:switch:address:0).</summary>
    private static string DmccDevice(string device) =>
        device.Length == 4 && device[0] is '5' or '7' ? device + ":CM1:0.0.0.0:0" : device;

    private static byte[] Body(Action<IBufferWriter<byte>> write)
    {
        var writer = new ArrayBufferWriter<byte>(1024);
        write(writer);
        return writer.WrittenSpan.ToArray();
    }
}
