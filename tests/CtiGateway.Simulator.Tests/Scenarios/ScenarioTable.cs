using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator.Tests.Scenarios;

/// <summary>
/// The call scenarios of shared/reference/callmodels.md (all but CM-RP-* and CM-AGENT-STATE, which come with the
/// agents and routing issue, and CM-UDATA-*, whose triggers never reach the switch) plus the simulator's own cases for
/// the services of issue 9 that no scenario uses (SIM-*), each as the CSTA requests a gateway sends for its T-Library
/// triggers (or a switch-side trigger) and the CSTA events every monitored party receives. Event form: see
/// <see cref="ScenarioRun.Describe"/>; parties A, B, C, Q (ACD queue), X (external number), T1 (trunk).
/// </summary>
internal static class ScenarioTable
{
    /// <summary>The callmodels.md scenario ids the table must cover.</summary>
    public static readonly string[] CallModelIds =
    [
        "CM-BASIC-INTERNAL", "CM-BASIC-INTERNAL-ABANDON", "CM-BASIC-INTERNAL-BUSY", "CM-BASIC-INBOUND", "CM-BASIC-INBOUND-ABANDON",
        "CM-BASIC-OUTBOUND", "CM-OUTBOUND-BUSY", "CM-RELEASE-BY-A", "CM-RELEASE-BY-B", "CM-HOLD-RETRIEVE", "CM-XFER-2STEP",
        "CM-XFER-SINGLE-STEP", "CM-XFER-MUTE", "CM-CONF-2STEP", "CM-CONF-SINGLE-STEP", "CM-REDIRECT",
    ];

    public static IReadOnlyList<SimScenario> All { get; } =
    [
        new("CM-BASIC-INTERNAL", ["A", "B"], [.. BasicInternal()]),
        new("CM-BASIC-INTERNAL-ABANDON", ["A", "B"],
        [
            Setup("A: TMakeCall(A, B) = MakeCall(A, B)", MakeCall("A", "B")),
            Step("A: TReleaseCall = ClearConnection(A@1)", Clear("A", 1),
                ("A", ["ConnectionCleared A@1 null normalClearing by=A"]),
                ("B", ["ConnectionCleared A@1 alerting normalClearing by=A", "ConnectionCleared B@1 null normalClearing by=B"])),
        ]),
        new("CM-BASIC-INTERNAL-BUSY", ["A", "B"],
        [
            Setup("B: MakeCall(B, C) (B is busy)", MakeCall("B", "C")),
            Step("A: TMakeCall(A, B) = MakeCall(A, B)", MakeCall("A", "B"),
                ("A", ["ServiceInitiated A@2 initiated makeCall by=A to=B", "Originated A@2 connected newCall by=A from=A to=B", "Failed B@2 fail busy by=B from=A to=B"])),
            Step("A: TReleaseCall = ClearConnection(A@2)", Clear("A", 2),
                ("A", ["ConnectionCleared A@2 null normalClearing by=A"])),
        ]),
        new("CM-BASIC-INBOUND", ["B"],
        [
            Step("switch: inbound call from X to B", Inbound("B"),
                ("B", ["Delivered B@1 alerting newCall by=B from=X to=B"])),
            Step("B: TAnswerCall = AnswerCall(B@1)", Answer("B", 1),
                ("B", ["Established B@1 connected newCall by=B from=X to=B"])),
        ]),
        new("CM-BASIC-INBOUND-ABANDON", ["B"],
        [
            Step("switch: inbound call from X to B", Inbound("B"),
                ("B", ["Delivered B@1 alerting newCall by=B from=X to=B"])),
            Step("switch: the caller hangs up", FarEndHangsUp(1),
                ("B", ["ConnectionCleared X@1 alerting normalClearing by=X", "ConnectionCleared B@1 null normalClearing by=B"])),
        ]),
        new("CM-BASIC-OUTBOUND", ["A"],
        [
            Step("A: TMakeCall(A, X) = MakeCall(A, X)", MakeCall("A", "X"),
                ("A", ["ServiceInitiated A@1 initiated makeCall by=A to=X", "Originated A@1 connected newCall by=A from=A to=X", "NetworkReached X@1 connected normal by=T1 from=A to=X"])),
            Step("switch: the far end answers", FarEndAnswers(1),
                ("A", ["Established X@1 connected normal by=X from=A to=X"])),
        ]),
        new("CM-OUTBOUND-BUSY", ["A"],
        [
            Setup("switch: the network reports X busy", NetworkBusy()),
            Step("A: TMakeCall(A, X) = MakeCall(A, X)", MakeCall("A", "X"),
                ("A",
                [
                    "ServiceInitiated A@1 initiated makeCall by=A to=X", "Originated A@1 connected newCall by=A from=A to=X",
                    "NetworkReached X@1 connected normal by=T1 from=A to=X", "Failed X@1 fail busy by=X from=A to=X",
                ])),
            Step("A: TReleaseCall = ClearConnection(A@1)", Clear("A", 1),
                ("A", ["ConnectionCleared A@1 null normalClearing by=A"])),
        ]),
        new("CM-RELEASE-BY-A", ["A", "B"],
        [
            .. BasicInternalSetup(),
            Step("A: TReleaseCall = ClearConnection(A@1)", Clear("A", 1),
                ("A", ["ConnectionCleared A@1 null normalClearing by=A"]),
                ("B", ["ConnectionCleared A@1 connected normalClearing by=A", "ConnectionCleared B@1 null normalClearing by=B"])),
        ]),
        new("CM-RELEASE-BY-B", ["A", "B"],
        [
            .. BasicInternalSetup(),
            Step("B: TReleaseCall = ClearConnection(B@1)", Clear("B", 1),
                ("A", ["ConnectionCleared B@1 connected normalClearing by=B", "ConnectionCleared A@1 null normalClearing by=A"]),
                ("B", ["ConnectionCleared B@1 null normalClearing by=B"])),
        ]),
        new("CM-HOLD-RETRIEVE", ["A", "B"],
        [
            .. BasicInternalSetup(),
            Step("B: THoldCall = HoldCall(B@1)", Hold("B", 1),
                ("A", ["Held B@1 connected normal by=B"]),
                ("B", ["Held B@1 hold normal by=B"])),
            Step("B: TRetrieveCall = RetrieveCall(B@1)", Retrieve("B", 1),
                ("A", ["Retrieved B@1 connected normal by=B"]),
                ("B", ["Retrieved B@1 connected normal by=B"])),
        ]),
        new("CM-XFER-2STEP", ["A", "B", "C"],
        [
            .. BasicInternalSetup(),
            .. ConsultC(),
            Step("C: TAnswerCall = AnswerCall(C@2)", Answer("C", 2),
                ("B", ["Established C@2 connected newCall by=C from=B to=C"]),
                ("C", ["Established C@2 connected newCall by=C from=B to=C"])),
            Step("B: TCompleteTransfer = TransferCall(B@1, B@2)", Transfer("B"),
                ("A", ["Transfered B@1 connected transfer by=B other=C sec=B@2 list=A@1>A@3,C@2>C@3"]),
                ("B", ["Transfered B@1 null transfer by=B other=C sec=B@2 list=A@1>A@3,C@2>C@3"]),
                ("C", ["Transfered B@1 connected transfer by=B other=C sec=B@2 list=A@1>A@3,C@2>C@3"])),
        ]),
        new("CM-XFER-SINGLE-STEP", ["A", "B", "C"],
        [
            .. BasicInternalSetup(),
            Step("B: TSingleStepTransfer = SingleStepTransferCall(B@1, C)", SingleStepTransfer("B", 1, "C"),
                ("A",
                [
                    "Transfered B@1 connected singleStepTransfer by=B other=C list=A@1>A@1,->C@1",
                    "Delivered C@1 connected singleStepTransfer by=C from=A to=B last=B",
                ]),
                ("B", ["Transfered B@1 null singleStepTransfer by=B other=C list=A@1>A@1,->C@1"]),
                ("C", ["Delivered C@1 alerting singleStepTransfer by=C from=A to=B last=B"])),
            Step("C: TAnswerCall = AnswerCall(C@1)", Answer("C", 1),
                ("A", ["Established C@1 connected newCall by=C from=A to=B"]),
                ("C", ["Established C@1 connected newCall by=C from=A to=B"])),
        ]),
        new("CM-XFER-MUTE", ["A", "B", "C"],
        [
            .. BasicInternalSetup(),
            .. ConsultC("B: TMuteTransfer(B@1, C), 1 of 2 = ConsultationCall(B@1, C)"),
            Step("B: TMuteTransfer(B@1, C), 2 of 2 = TransferCall(B@1, B@2) before C answers", Transfer("B"),
                ("A", ["Transfered B@1 connected transfer by=B other=C sec=B@2 list=A@1>A@3,C@2>C@3"]),
                ("B", ["Transfered B@1 null transfer by=B other=C sec=B@2 list=A@1>A@3,C@2>C@3"]),
                ("C", ["Transfered B@1 alerting transfer by=B other=C sec=B@2 list=A@1>A@3,C@2>C@3"])),
            Step("C: TAnswerCall = AnswerCall(C@3)", Answer("C", 3),
                ("A", ["Established C@3 connected newCall by=C from=A to=C"]),
                ("C", ["Established C@3 connected newCall by=C from=A to=C"])),
        ]),
        new("CM-CONF-2STEP", ["A", "B", "C"], [.. Conference2Step()]),
        new("CM-CONF-SINGLE-STEP", ["A", "B", "C"],
        [
            .. BasicInternalSetup(),
            Step("B: TSingleStepConference = SingleStepConferenceCall(B@1, C)", SingleStepConference("B", 1, "C"),
                ("A",
                [
                    "Delivered C@1 connected singleStepConference by=C from=A to=B",
                    "Conferenced B@1 connected singleStepConference by=B other=C list=A@1>A@1,B@1>B@1,C@1>C@1",
                ]),
                ("B",
                [
                    "Delivered C@1 connected singleStepConference by=C from=A to=B",
                    "Conferenced B@1 connected singleStepConference by=B other=C list=A@1>A@1,B@1>B@1,C@1>C@1",
                ]),
                ("C",
                [
                    "Delivered C@1 alerting singleStepConference by=C from=A to=B",
                    "Conferenced B@1 alerting singleStepConference by=B other=C list=A@1>A@1,B@1>B@1,C@1>C@1",
                ])),
            Step("C: TAnswerCall = AnswerCall(C@1)", Answer("C", 1),
                ("A", ["Established C@1 connected newCall by=C from=A to=B"]),
                ("B", ["Established C@1 connected newCall by=C from=A to=B"]),
                ("C", ["Established C@1 connected newCall by=C from=A to=B"])),
        ]),
        new("CM-REDIRECT", ["A", "B", "C"],
        [
            Setup("A: TMakeCall(A, B) = MakeCall(A, B)", MakeCall("A", "B")),
            Step("B: TRedirectCall = DeflectCall(B@1, C)", Deflect("B", 1, "C"),
                ("A", ["Diverted B@1 connected redirected by=B from=A to=B other=C", "Delivered C@1 connected redirected by=C from=A to=B last=B"]),
                ("B", ["Diverted B@1 null redirected by=B from=A to=B other=C"]),
                ("C", ["Delivered C@1 alerting redirected by=C from=A to=B last=B"])),
            Step("C: TAnswerCall = AnswerCall(C@1)", Answer("C", 1),
                ("A", ["Established C@1 connected newCall by=C from=A to=B"]),
                ("C", ["Established C@1 connected newCall by=C from=A to=B"])),
        ]),
        new("SIM-SINGLE-STEP-CONFERENCE-SILENT", ["A", "B", "C"],
        [
            .. BasicInternalSetup(),
            Step("B: TSingleStepConference (silent) = SingleStepConferenceCall(B@1, C, silent)", SingleStepConference("B", 1, "C", CstaParticipationType.Silent),
                ("A",
                [
                    "Established C@1 connected singleStepConference by=C from=A to=B",
                    "Conferenced B@1 connected singleStepConference by=B other=C list=A@1>A@1,B@1>B@1,C@1>C@1",
                ]),
                ("B",
                [
                    "Established C@1 connected singleStepConference by=C from=A to=B",
                    "Conferenced B@1 connected singleStepConference by=B other=C list=A@1>A@1,B@1>B@1,C@1>C@1",
                ]),
                ("C",
                [
                    "Established C@1 connected singleStepConference by=C from=A to=B",
                    "Conferenced B@1 connected singleStepConference by=B other=C list=A@1>A@1,B@1>B@1,C@1>C@1",
                ])),
        ]),
        new("SIM-ALTERNATE", ["A", "B", "C"],
        [
            .. BasicInternalSetup(),
            .. ConsultC(),
            Setup("C: AnswerCall(C@2)", Answer("C", 2)),
            Step("B: TAlternateCall = AlternateCall(B@1, B@2)", Alternate("B"),
                ("A", ["Retrieved B@1 connected alternate by=B"]),
                ("B", ["Held B@2 hold alternate by=B", "Retrieved B@1 connected alternate by=B"]),
                ("C", ["Held B@2 connected alternate by=B"])),
        ]),
        new("SIM-RECONNECT", ["A", "B", "C"],
        [
            .. BasicInternalSetup(),
            .. ConsultC(),
            Step("B: TReconnectCall = ReconnectCall(B@2, B@1) while C rings", Reconnect("B"),
                ("A", ["Retrieved B@1 connected normal by=B"]),
                ("B", ["ConnectionCleared B@2 null normalClearing by=B", "Retrieved B@1 connected normal by=B"]),
                ("C", ["ConnectionCleared B@2 alerting normalClearing by=B", "ConnectionCleared C@2 null normalClearing by=C"])),
        ]),
        new("SIM-DELETE-FROM-CONFERENCE", ["A", "B", "C"],
        [
            .. Conference2Step(check: false),
            Step("B: TDeleteFromConference(C) = ClearConnection(C@3)", Clear("C", 3),
                ("A", ["ConnectionCleared C@3 connected normalClearing by=C"]),
                ("B", ["ConnectionCleared C@3 connected normalClearing by=C"]),
                ("C", ["ConnectionCleared C@3 null normalClearing by=C"])),
        ]),
        new("SIM-SEND-DTMF", ["A", "B"],
        [
            .. BasicInternalSetup(),
            Step("B: TSendDTMF = GenerateDigits(B@1, 12#)", Digits("B", 1, "12#")),
        ]),
        new("SIM-SINGLE-STEP-TRANSFER-EXTERNAL", ["A", "B"],
        [
            .. BasicInternalSetup(),
            Step("B: TSingleStepTransfer = SingleStepTransferCall(B@1, X)", SingleStepTransfer("B", 1, "X"),
                ("A",
                [
                    "Transfered B@1 connected singleStepTransfer by=B other=X list=A@1>A@1,->X@1",
                    "NetworkReached X@1 connected normal by=T1 from=A to=B last=B",
                ]),
                ("B", ["Transfered B@1 null singleStepTransfer by=B other=X list=A@1>A@1,->X@1"])),
            Step("switch: the far end answers", FarEndAnswers(1),
                ("A", ["Established X@1 connected normal by=X from=A to=B"])),
        ]),
        new("SIM-ACD-QUEUE", ["A", "B", "Q"],
        [
            Step("A: TMakeCall(A, Q) = MakeCall(A, Q)", MakeCall("A", "Q"),
                ("A", ["ServiceInitiated A@1 initiated makeCall by=A to=Q", "Originated A@1 connected newCall by=A from=A to=Q", "Queued Q@1 connected newCall by=Q from=A to=Q"]),
                ("Q", ["Queued Q@1 queued newCall by=Q from=A to=Q"])),
            Step("switch: the queue distributes to the first free ready agent (B)", Distribute("B"),
                ("A", ["Diverted Q@1 connected distributed by=Q from=A to=Q other=B", "Delivered B@1 connected distributed by=B from=A to=Q last=Q"]),
                ("B", ["Delivered B@1 alerting distributed by=B from=A to=Q last=Q"]),
                ("Q", ["Diverted Q@1 null distributed by=Q from=A to=Q other=B"])),
            Step("B: TAnswerCall = AnswerCall(B@1)", Answer("B", 1),
                ("A", ["Established B@1 connected newCall by=B from=A to=Q"]),
                ("B", ["Established B@1 connected newCall by=B from=A to=Q"])),
        ], NeedsQueue: true),
    ];

    private static IEnumerable<ScenarioStep> BasicInternal(bool check = true)
    {
        yield return Step("A: TMakeCall(A, B) = MakeCall(A, B)", MakeCall("A", "B"), check,
            ("A", ["ServiceInitiated A@1 initiated makeCall by=A to=B", "Originated A@1 connected newCall by=A from=A to=B", "Delivered B@1 connected newCall by=B from=A to=B"]),
            ("B", ["Delivered B@1 alerting newCall by=B from=A to=B"]));
        yield return Step("B: TAnswerCall = AnswerCall(B@1)", Answer("B", 1), check,
            ("A", ["Established B@1 connected newCall by=B from=A to=B"]),
            ("B", ["Established B@1 connected newCall by=B from=A to=B"]));
    }

    private static IEnumerable<ScenarioStep> BasicInternalSetup() => BasicInternal(check: false);

    private static IEnumerable<ScenarioStep> ConsultC(string trigger = "B: TInitiateTransfer/TInitiateConference(B@1, C) = ConsultationCall(B@1, C)")
    {
        yield return Step(trigger, Consult("B", 1, "C"),
            ("A", ["Held B@1 connected consultation by=B"]),
            ("B",
            [
                "Held B@1 hold consultation by=B", "ServiceInitiated B@2 initiated consultation by=B to=C",
                "Originated B@2 connected consultation by=B from=B to=C", "Delivered C@2 connected consultation by=C from=B to=C",
            ]),
            ("C", ["Delivered C@2 alerting consultation by=C from=B to=C"]));
    }

    private static IEnumerable<ScenarioStep> Conference2Step(bool check = true)
    {
        foreach (var step in BasicInternalSetup())
        {
            yield return step;
        }

        foreach (var step in ConsultC())
        {
            yield return check ? step : step with { Expect = null };
        }

        yield return Step("C: TAnswerCall = AnswerCall(C@2)", Answer("C", 2), check,
            ("B", ["Established C@2 connected newCall by=C from=B to=C"]),
            ("C", ["Established C@2 connected newCall by=C from=B to=C"]));
        yield return Step("B: TCompleteConference = ConferenceCall(B@1, B@2)", Conference("B"), check,
            ("A", ["Conferenced B@1 connected conference by=B other=C sec=B@2 list=B@1>B@3,A@1>A@3,C@2>C@3"]),
            ("B", ["Conferenced B@1 connected conference by=B other=C sec=B@2 list=B@1>B@3,A@1>A@3,C@2>C@3"]),
            ("C", ["Conferenced B@1 connected conference by=B other=C sec=B@2 list=B@1>B@3,A@1>A@3,C@2>C@3"]));
    }

    private static ScenarioStep Step(string trigger, Func<ScenarioRun, Task> act, params (string Party, string[] Events)[] expect) =>
        Step(trigger, act, check: true, expect);

    private static ScenarioStep Step(string trigger, Func<ScenarioRun, Task> act, bool check, params (string Party, string[] Events)[] expect) =>
        new(trigger, act, check ? expect.ToDictionary(e => e.Party, e => e.Events, StringComparer.Ordinal) : null);

    private static ScenarioStep Setup(string trigger, Func<ScenarioRun, Task> act) => new(trigger, act, null);

    private static Func<ScenarioRun, Task> MakeCall(string from, string to) =>
        r => r.ExpectOkAsync("MakeCallResponse", w => CstaXmlEncoder.WriteMakeCall(w, r.Flavour, r.Device(from), r.Device(to)));

    private static Func<ScenarioRun, Task> Answer(string party, int call) =>
        r => r.ExpectOkAsync("AnswerCallResponse", w => CstaXmlEncoder.WriteAnswerCall(w, r.Flavour, r.Conn(party, call)));

    private static Func<ScenarioRun, Task> Clear(string party, int call) =>
        r => r.ExpectOkAsync("ClearConnectionResponse", w => CstaXmlEncoder.WriteClearConnection(w, r.Flavour, r.Conn(party, call)));

    private static Func<ScenarioRun, Task> Hold(string party, int call) =>
        r => r.ExpectOkAsync("HoldCallResponse", w => CstaXmlEncoder.WriteHoldCall(w, r.Flavour, r.Conn(party, call)));

    private static Func<ScenarioRun, Task> Retrieve(string party, int call) =>
        r => r.ExpectOkAsync("RetrieveCallResponse", w => CstaXmlEncoder.WriteRetrieveCall(w, r.Flavour, r.Conn(party, call)));

    private static Func<ScenarioRun, Task> Consult(string party, int call, string to) =>
        r => r.ExpectOkAsync("ConsultationCallResponse", w => CstaXmlEncoder.WriteConsultationCall(w, r.Flavour, r.Conn(party, call), r.Device(to)));

    /// <summary>TransferCall of the party's held call 1 and active call 2.</summary>
    private static Func<ScenarioRun, Task> Transfer(string party) =>
        r => r.ExpectOkAsync("TransferCallResponse", w => CstaXmlEncoder.WriteTransferCall(w, r.Flavour, r.Conn(party, 1), r.Conn(party, 2)));

    /// <summary>ConferenceCall of the party's held call 1 and active call 2.</summary>
    private static Func<ScenarioRun, Task> Conference(string party) =>
        r => r.ExpectOkAsync("ConferenceCallResponse", w => CstaXmlEncoder.WriteConferenceCall(w, r.Flavour, r.Conn(party, 1), r.Conn(party, 2)));

    /// <summary>AlternateCall of the party's held call 1 and active call 2.</summary>
    private static Func<ScenarioRun, Task> Alternate(string party) =>
        r => r.ExpectOkAsync("AlternateCallResponse", w => CstaXmlEncoder.WriteAlternateCall(w, r.Flavour, r.Conn(party, 1), r.Conn(party, 2)));

    /// <summary>ReconnectCall of the party's active call 2 and held call 1.</summary>
    private static Func<ScenarioRun, Task> Reconnect(string party) =>
        r => r.ExpectOkAsync("ReconnectCallResponse", w => CstaXmlEncoder.WriteReconnectCall(w, r.Flavour, r.Conn(party, 2), r.Conn(party, 1)));

    private static Func<ScenarioRun, Task> Deflect(string party, int call, string to) =>
        r => r.ExpectOkAsync("DeflectCallResponse", w => CstaXmlEncoder.WriteDeflectCall(w, r.Flavour, r.Conn(party, call), r.Device(to)));

    private static Func<ScenarioRun, Task> SingleStepTransfer(string party, int call, string to) =>
        r => r.ExpectOkAsync("SingleStepTransferCallResponse", w => CstaXmlEncoder.WriteSingleStepTransferCall(w, r.Flavour, r.Conn(party, call), r.Device(to)));

    private static Func<ScenarioRun, Task> SingleStepConference(string party, int call, string to, CstaParticipationType? participation = null) =>
        async r =>
        {
            var response = Assert.IsType<CstaSingleStepConferenceCallResponse>(await r.ExpectOkAsync(
                "SingleStepConferenceCallResponse", w => CstaXmlEncoder.WriteSingleStepConferenceCall(w, r.Flavour, r.Conn(party, call), r.Device(to), participation)));
            Assert.Equal(r.Conn(to, call), response.ConferencedCall);
        };

    private static Func<ScenarioRun, Task> Digits(string party, int call, string digits) =>
        r => r.ExpectOkAsync("GenerateDigitsResponse", w => CstaXmlEncoder.WriteGenerateDigits(w, r.Flavour, r.Conn(party, call), digits));

    private static Func<ScenarioRun, Task> Inbound(string to) =>
        r =>
        {
            Assert.NotNull(r.Switch(m => m.DeliverInboundCall(ScenarioRun.External, r.Dn(to))));
            return Task.CompletedTask;
        };

    private static Func<ScenarioRun, Task> FarEndAnswers(int call) =>
        r =>
        {
            Assert.True(r.Switch(m => m.ExternalPartyAnswers(r.CallId(call))));
            return Task.CompletedTask;
        };

    private static Func<ScenarioRun, Task> FarEndHangsUp(int call) =>
        r =>
        {
            Assert.True(r.Switch(m => m.ExternalPartyHangsUp(r.CallId(call))));
            return Task.CompletedTask;
        };

    private static Func<ScenarioRun, Task> NetworkBusy() =>
        r =>
        {
            r.Switch(m =>
            {
                m.SetNetworkBusy(ScenarioRun.External);
                return true;
            });
            return Task.CompletedTask;
        };

    private static Func<ScenarioRun, Task> Distribute(string expectedAgent) =>
        r =>
        {
            Assert.Equal(r.Dn(expectedAgent), r.Switch(m => m.DistributeQueuedCall(r.Dn("Q"))));
            return Task.CompletedTask;
        };
}
