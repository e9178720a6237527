using System.Buffers;
using System.Text;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Simulator.Tests.Scenarios;

/// <summary>
/// The CSTA errors (ECMA-285 category and value) the simulator answers over a real link, per profile: a connection
/// that does not exist, a busy or unknown destination, the wrong states for AlternateCall and ReconnectCall, digits
/// that are not DTMF, an external party that a request cannot act on, and a service the profile does not offer.
/// </summary>
public sealed class ServiceErrorTests
{
    public static TheoryData<string> Profiles() => [.. CallScenarioTests.Profiles];

    /// <summary>A answers B's call (call 1); C calls D (call 2), so C and D are busy.</summary>
    private static async Task<ScenarioRun> TwoCallsAsync(string profile)
    {
        var run = await ScenarioRun.StartAsync(CallScenarioTests.LoadProfile(profile), ["A", "B", "C"]);
        await run.ExpectOkAsync("MakeCallResponse", w => CstaXmlEncoder.WriteMakeCall(w, run.Flavour, run.Device("A"), run.Device("B")));
        await run.ExpectOkAsync("AnswerCallResponse", w => CstaXmlEncoder.WriteAnswerCall(w, run.Flavour, run.Conn("B", 1)));
        await run.ExpectOkAsync("MakeCallResponse", w => CstaXmlEncoder.WriteMakeCall(w, run.Flavour, run.Device("C"), run.Device("D")));
        await run.TakeStepEventsAsync();
        return run;
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task RequestsOnWhatDoesNotExistOrCannotTakeTheCallGetTheEcma285Error(string profile)
    {
        await using var run = await TwoCallsAsync(profile);
        var f = run.Flavour;
        var nowhere = new CstaConnectionId("00000000000000000000000000000099", run.Device("A"));

        await run.ExpectErrorAsync("operation", "invalidConnectionID", w => CstaXmlEncoder.WriteAnswerCall(w, f, nowhere));
        await run.ExpectErrorAsync("operation", "invalidConnectionID", w => CstaXmlEncoder.WriteClearConnection(w, f, run.Conn("C", 1)));
        await run.ExpectErrorAsync("operation", "invalidConnectionID", w => CstaXmlEncoder.WriteGenerateDigits(w, f, nowhere, "1"));

        // A busy destination: C is on call 2.
        await run.ExpectErrorAsync("stateIncompatibility", "invalidDestinationDeviceState", w => CstaXmlEncoder.WriteSingleStepTransferCall(w, f, run.Conn("B", 1), run.Device("C")));
        await run.ExpectErrorAsync("stateIncompatibility", "invalidDestinationDeviceState", w => CstaXmlEncoder.WriteSingleStepConferenceCall(w, f, run.Conn("B", 1), run.Device("C")));

        // An invalid destination: not in the plan and too short to be an external number.
        await run.ExpectErrorAsync("operation", "invalidDestination", w => CstaXmlEncoder.WriteSingleStepTransferCall(w, f, run.Conn("B", 1), "1234"));
        await run.ExpectErrorAsync("operation", "invalidDestination", w => CstaXmlEncoder.WriteSingleStepConferenceCall(w, f, run.Conn("B", 1), "1234"));
        await run.ExpectErrorAsync("operation", "invalidDestination", w => CstaXmlEncoder.WriteSingleStepConferenceCall(w, f, run.Conn("B", 1), ScenarioRun.External));
        await run.ExpectErrorAsync("operation", "invalidDestination", w => CstaXmlEncoder.WriteDeflectCall(w, f, run.Conn("D", 2), "1234"));

        // Wrong states: D rings (not connected), B is not holding anything.
        await run.ExpectErrorAsync("stateIncompatibility", "invalidObjectState", w => CstaXmlEncoder.WriteGenerateDigits(w, f, run.Conn("D", 2), "1"));
        await run.ExpectErrorAsync("stateIncompatibility", "invalidObjectState", w => CstaXmlEncoder.WriteHoldCall(w, f, run.Conn("D", 2)));
        await run.ExpectErrorAsync("operation", "notSameDevice", w => CstaXmlEncoder.WriteAlternateCall(w, f, run.Conn("B", 1), run.Conn("C", 2)));
        await run.ExpectErrorAsync("stateIncompatibility", "invalidObjectState", w => CstaXmlEncoder.WriteSingleStepConferenceCall(w, f, run.Conn("D", 2), run.Device("A")));

        // Characters that are not DTMF (the gateway's encoder refuses them, so the body is written by hand).
        var ns = CstaNamespaces.For(f);
        var b = run.Conn("B", 1);
        var digits = Encoding.UTF8.GetBytes(
            $"<GenerateDigits xmlns=\"{ns}\"><connectionToSendDigits><callID>{b.CallId}</callID><deviceID>{b.DeviceId}</deviceID></connectionToSendDigits><charactersToSend>12x</charactersToSend></GenerateDigits>");
        await run.ExpectErrorAsync("operation", "valueOutOfRange", w => w.Write(digits));
        var participation = Encoding.UTF8.GetBytes(
            $"<SingleStepConferenceCall xmlns=\"{ns}\"><activeCall><callID>{b.CallId}</callID><deviceID>{b.DeviceId}</deviceID></activeCall><deviceToJoin>{run.Device("A")}</deviceToJoin><participationType>loud</participationType></SingleStepConferenceCall>");
        await run.ExpectErrorAsync("operation", "valueOutOfRange", w => w.Write(participation));

        // None of these changed a call: no event went out.
        Assert.Empty(await run.TakeStepEventsAsync());
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task AlternateAndReconnectNeedAHeldAndAnActiveCall(string profile)
    {
        await using var run = await ScenarioRun.StartAsync(CallScenarioTests.LoadProfile(profile), ["A", "B", "C"]);
        var f = run.Flavour;
        await run.ExpectOkAsync("MakeCallResponse", w => CstaXmlEncoder.WriteMakeCall(w, f, run.Device("A"), run.Device("B")));
        await run.ExpectOkAsync("AnswerCallResponse", w => CstaXmlEncoder.WriteAnswerCall(w, f, run.Conn("B", 1)));
        await run.ExpectOkAsync("ConsultationCallResponse", w => CstaXmlEncoder.WriteConsultationCall(w, f, run.Conn("B", 1), run.Device("C")));
        await run.TakeStepEventsAsync();

        // The held and active calls named the wrong way round: call 2 is not held.
        await run.ExpectErrorAsync("stateIncompatibility", "noHeldCall", w => CstaXmlEncoder.WriteAlternateCall(w, f, run.Conn("B", 2), run.Conn("B", 1)));
        await run.ExpectErrorAsync("stateIncompatibility", "noHeldCall", w => CstaXmlEncoder.WriteReconnectCall(w, f, run.Conn("B", 1), run.Conn("B", 2)));

        // With both calls held there is no active call to swap or to drop.
        await run.ExpectOkAsync("HoldCallResponse", w => CstaXmlEncoder.WriteHoldCall(w, f, run.Conn("B", 2)));
        await run.TakeStepEventsAsync();
        await run.ExpectErrorAsync("stateIncompatibility", "noActiveCall", w => CstaXmlEncoder.WriteAlternateCall(w, f, run.Conn("B", 1), run.Conn("B", 2)));
        await run.ExpectErrorAsync("stateIncompatibility", "noActiveCall", w => CstaXmlEncoder.WriteReconnectCall(w, f, run.Conn("B", 2), run.Conn("B", 1)));
        Assert.Empty(await run.TakeStepEventsAsync());
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task TheNetworkAnswersForAnExternalPartyNotTheGateway(string profile)
    {
        await using var run = await ScenarioRun.StartAsync(CallScenarioTests.LoadProfile(profile), ["A"]);
        await run.ExpectOkAsync("MakeCallResponse", w => CstaXmlEncoder.WriteMakeCall(w, run.Flavour, run.Device("A"), run.Device("X")));
        await run.TakeStepEventsAsync();
        await run.ExpectErrorAsync("operation", "requestIncompatibleWithObject", w => CstaXmlEncoder.WriteAnswerCall(w, run.Flavour, run.Conn("X", 1)));
        Assert.Empty(await run.TakeStepEventsAsync());
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task AServiceTheProfileDoesNotOfferIsServiceNotSupported(string profile)
    {
        var loaded = CallScenarioTests.LoadProfile(profile);
        await using var run = await ScenarioRun.StartAsync(
            loaded, ["A", "B"], o => o with { Services = o.Services!.Where(s => s is not ("SingleStepConferenceCall" or "GenerateDigits")).ToHashSet(StringComparer.Ordinal) });
        var f = run.Flavour;
        await run.ExpectOkAsync("MakeCallResponse", w => CstaXmlEncoder.WriteMakeCall(w, f, run.Device("A"), run.Device("B")));
        await run.ExpectOkAsync("AnswerCallResponse", w => CstaXmlEncoder.WriteAnswerCall(w, f, run.Conn("B", 1)));
        await run.TakeStepEventsAsync();
        await run.ExpectErrorAsync("operation", "serviceNotSupported", w => CstaXmlEncoder.WriteSingleStepConferenceCall(w, f, run.Conn("B", 1), run.Device("C")));
        await run.ExpectErrorAsync("operation", "serviceNotSupported", w => CstaXmlEncoder.WriteGenerateDigits(w, f, run.Conn("B", 1), "1"));

        // The shipped profile's list is what the simulator offers: a service outside it is refused too.
        Assert.DoesNotContain("RequestSystemStatus", loaded.Services);
        await run.ExpectErrorAsync("operation", "serviceNotSupported", w => w.Write(Encoding.UTF8.GetBytes($"<RequestSystemStatus xmlns=\"{CstaNamespaces.For(f)}\"/>")));
        Assert.Empty(await run.TakeStepEventsAsync());
    }
}
