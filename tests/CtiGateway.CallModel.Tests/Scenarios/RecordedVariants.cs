using CtiGateway.Pbx.Csta;
using CtiGateway.Testing.CallModels;

namespace CtiGateway.CallModel.Tests;

/// <summary>The recorded variants of shared scenarios that only the in-memory suite replays.</summary>
internal static class RecordedVariants
{
    public static IReadOnlyList<RecordedVariant> All { get; } =
    [
        new(
            "CM-BASIC-OUTBOUND/far-end-delivered",
            CallModelScenarios.Get("CM-BASIC-OUTBOUND"),
            "recorded, OSV style: the far end reported by a DeliveredEvent at the external number instead of NetworkReached",
            [
                d =>
                {
                    Outbound.Dial(d);
                    d.Inject(Outbound.Event(CstaEventType.Delivered, d, "B", "alerting", "newCall"), "A");
                },
                d => d.Inject(Outbound.Event(CstaEventType.Established, d, "B", "connected", "newCall"), "A"),
            ]),
        new(
            "CM-OUTBOUND-BUSY/recorded",
            CallModelScenarios.Get("CM-OUTBOUND-BUSY"),
            "recorded: ServiceInitiated, Originated, NetworkReached (reported by the model's ApplyNetworkReached), Failed (busy), ConnectionCleared",
            [
                d =>
                {
                    Outbound.Dial(d);
                    Outbound.NetworkReached(d);
                    d.Inject(Outbound.Event(CstaEventType.Failed, d, "B", "fail", "busy"), "A");
                },
                d => d.Inject(Outbound.Event(CstaEventType.ConnectionCleared, d, "A", "null", "normalClearing"), "A"),
            ]),
        new(
            "CM-CONF-SINGLE-STEP/conferenced-first",
            CallModelScenarios.Get("CM-CONF-SINGLE-STEP"),
            "recorded: ConferencedEvent without secondaryOldCall (addedParty C) before C's DeliveredEvent, then Established at C",
            [SingleStepConference.Add, SingleStepConference.Answer]),
    ];

    /// <summary>The recorded outbound call (A dials an external B), in the simulator's event form.</summary>
    private static class Outbound
    {
        private const string CallId = "00000000000000000000000000000F01";

        public static CstaCallEvent Event(CstaEventType type, ScenarioDriver d, string party, string local, string cause) =>
            new(type + "Event", SwitchRig.Ed4)
            {
                Type = type,
                MonitorCrossRefId = "",
                Connection = new CstaConnectionId(CallId, d.Dn(party)),
                SubjectDevice = d.Dn(party),
                CallingDevice = type is CstaEventType.ConnectionCleared or CstaEventType.ServiceInitiated ? null : d.Dn("A"),
                CalledDevice = type == CstaEventType.ConnectionCleared ? null : d.Dn("B"),
                LocalConnectionInfo = local,
                Cause = cause,
            };

        public static void Dial(ScenarioDriver d)
        {
            d.Inject(Event(CstaEventType.ServiceInitiated, d, "A", "initiated", "makeCall"), "A");
            d.Inject(Event(CstaEventType.Originated, d, "A", "connected", "newCall"), "A");
        }

        public static void NetworkReached(ScenarioDriver d) =>
            d.Do((m, s) => Assert.Equal(CallEventOutcome.Applied, m.ApplyNetworkReached(new CstaConnectionId(CallId, "T101"), d.Dn("B"), s)));
    }

    /// <summary>The recorded single-step conference: B adds C to ConnID 1, then C answers.</summary>
    private static class SingleStepConference
    {
        public static void Add(ScenarioDriver d)
        {
            var callId = d.CallIdOf(1);
            CstaConnectionId Leg(string party) => new(callId, d.Dn(party));
            d.Inject(
                new CstaCallEvent("ConferencedEvent", SwitchRig.Ed4)
                {
                    Type = CstaEventType.Conferenced,
                    MonitorCrossRefId = "",
                    Connection = Leg("B"),
                    SubjectDevice = d.Dn("B"),
                    OtherDevice = d.Dn("C"),
                    LocalConnectionInfo = "connected",
                    Cause = "singleStepConference",
                    Connections =
                    [
                        new(Leg("A"), Leg("A"), d.Dn("A")),
                        new(Leg("B"), Leg("B"), d.Dn("B")),
                        new(Leg("C"), null, d.Dn("C")),
                    ],
                },
                "A",
                "B");
            d.Inject(Arrival(d, CstaEventType.Delivered, "alerting"), "A", "B", "C");
        }

        public static void Answer(ScenarioDriver d) => d.Inject(Arrival(d, CstaEventType.Established, "connected"), "A", "B", "C");

        private static CstaCallEvent Arrival(ScenarioDriver d, CstaEventType type, string local) =>
            new(type + "Event", SwitchRig.Ed4)
            {
                Type = type,
                MonitorCrossRefId = "",
                Connection = new CstaConnectionId(d.CallIdOf(1), d.Dn("C")),
                SubjectDevice = d.Dn("C"),
                CallingDevice = d.Dn("A"),
                CalledDevice = d.Dn("B"),
                LocalConnectionInfo = local,
                Cause = "singleStepConference",
            };
    }
}
