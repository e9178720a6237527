using System.Buffers;
using System.Text;
using System.Text.Json;
using CtiGateway.Pbx.Csta;

namespace CtiGateway.Pbx.Tests.Csta.Differential;

/// <summary>
/// The UTF-8 scanner (<see cref="CstaXmlDecoder"/>) against the XmlReader path it replaced on the hot path
/// (<see cref="CstaXmlReaderDecoder"/>, the decoder before issue 9): on real captures, on everything the simulated switch
/// sends, on hand-written edge cases and on mutations of all of these, both accept and refuse the same bodies and give
/// equal records; the scanner only ever throws <see cref="CstaDialectException"/>, with the byte offset for XML that is
/// not well-formed.
/// </summary>
public sealed class CstaDecoderDifferentialTests
{
    private static readonly string[] Causes = ["bad-xml", "xml-dtd", "xml-too-deep", "xml-too-large", "missing-element"];

    [Fact]
    public void SimulatedSwitchTrafficDecodesToTheSameRecords()
    {
        var bodies = SimulatedSwitchTraffic.Bodies(seed: 9, steps: 2500);
        var roots = new HashSet<string>(StringComparer.Ordinal);
        foreach (var body in bodies)
        {
            Assert.True(CstaXmlDecoder.TryDecodeUtf8(body, out _), "the simulator writes UTF-8: the scanner must take every body");
            var outcome = AssertSameOutcome(body);
            Assert.True(outcome.Message is not null, $"a body of the simulator was refused: {outcome.Error?.Message}\n{Encoding.UTF8.GetString(body)}");
            roots.Add(outcome.Message.GetType().Name + "/" + outcome.Message.Element);
        }

        Assert.True(bodies.Count > 5_000, $"only {bodies.Count} bodies");

        // The operator reached every kind of message the switch sends.
        Assert.Empty(new[]
        {
            "CstaCallEvent/DeliveredEvent", "CstaCallEvent/EstablishedEvent", "CstaCallEvent/ConnectionClearedEvent", "CstaCallEvent/HeldEvent",
            "CstaCallEvent/RetrievedEvent", "CstaCallEvent/TransferedEvent", "CstaCallEvent/ConferencedEvent", "CstaCallEvent/DivertedEvent",
            "CstaCallEvent/OriginatedEvent", "CstaCallEvent/ServiceInitiatedEvent", "CstaCallEvent/QueuedEvent", "CstaCallEvent/NetworkReachedEvent",
            "CstaAgentEvent/AgentReadyEvent", "CstaMakeCallResponse/MakeCallResponse", "CstaConsultationCallResponse/ConsultationCallResponse",
            "CstaTransferCallResponse/TransferCallResponse", "CstaTransferCallResponse/SingleStepTransferCallResponse",
            "CstaConferenceCallResponse/ConferenceCallResponse", "CstaSingleStepConferenceCallResponse/SingleStepConferenceCallResponse",
            "CstaSnapshotDeviceResponse/SnapshotDeviceResponse", "CstaGetAgentStateResponse/GetAgentStateResponse", "CstaErrorResponse/CSTAErrorCode",
            "CstaAcknowledgement/AnswerCallResponse", "CstaMonitorStartResponse/MonitorStartResponse", "CstaSystemStatus/SystemStatus",
            "CstaStartApplicationSessionPosResponse/StartApplicationSessionPosResponse", "CstaApplicationSessionResponse/StopApplicationSessionPosResponse",
            "CstaGetDeviceIdResponse/GetDeviceIdResponse", "CstaMaintenanceEvent/OutOfServiceEvent", "CstaMaintenanceEvent/BackInServiceEvent",
            "CstaMonitorEndedEvent/MonitorEndedEvent",
        }.Except(roots));
    }

    [Fact]
    public void CaptureBodiesDecodeToTheSameRecords()
    {
        foreach (var body in CstaCaptures.AllBodies())
        {
            Assert.True(CstaXmlDecoder.TryDecodeUtf8(body, out _));
            Assert.NotNull(AssertSameOutcome(body).Message);
        }
    }

    [Fact]
    public void EdgeCaseBodiesAreAcceptedAndRefusedAlikeWithTheSameRecordsAndCauses()
    {
        var accepted = 0;
        var refused = 0;
        foreach (var body in XmlEdgeBodies.All())
        {
            var outcome = AssertSameOutcome(body, sameCause: true);
            accepted += outcome.Message is null ? 0 : 1;
            refused += outcome.Message is null ? 1 : 0;
        }

        Assert.True(accepted > 100 && refused > 100, $"{accepted} accepted, {refused} refused");
    }

    [Fact]
    public void FramesCutAtEveryByteOffsetDecodeAsWhenWhole()
    {
        // One stream of real frames and a frame of each kind the simulator sends.
        var bodies = CstaCaptures.AllBodies()
            .Concat(SimulatedSwitchTraffic.Bodies(seed: 3, steps: 300).DistinctBy(b => RootOf(b)))
            .ToList();
        var writer = new ArrayBufferWriter<byte>();
        for (var i = 0; i < bodies.Count; i++)
        {
            CstaFrameWriter.Write(i, bodies[i], writer);
        }

        var stream = writer.WrittenSpan.ToArray();
        var expected = bodies.Select(b => Json(CstaXmlReaderDecoder.Decode(new ReadOnlySequence<byte>(b)))).ToList();
        for (var cut = 0; cut <= stream.Length; cut++)
        {
            var buffer = Segmented.Split(stream, cut);
            for (var i = 0; i < bodies.Count; i++)
            {
                Assert.True(CstaFrameReader.TryReadFrame(ref buffer, out var frame));
                Assert.Equal(i, frame.InvokeId);
                Assert.Equal(expected[i], Json(CstaXmlDecoder.Decode(frame.Xml)));
            }

            Assert.True(buffer.IsEmpty);
        }
    }

    [Fact]
    public void MutatedBodiesAreAcceptedAndRefusedAlikeAndOnlyWithTypedErrors()
    {
        // Three in four mutations start from a real or simulated CSTA message, the rest from an edge case.
        var messages = CstaCaptures.AllBodies().Concat(SimulatedSwitchTraffic.Bodies(seed: 5, steps: 400).DistinctBy(b => RootOf(b))).ToList();
        var edges = XmlEdgeBodies.All();
        var random = new Random(323);
        var accepted = 0;
        var causes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 150_000; i++)
        {
            var seeds = random.Next(4) == 0 ? edges : messages;
            var body = XmlBodyMutator.Mutate(random, seeds[random.Next(seeds.Count)]);
            var outcome = AssertSameOutcome(body);
            if (outcome.Error is { } error)
            {
                causes[error.Cause] = causes.GetValueOrDefault(error.Cause) + 1;
            }
            else
            {
                accepted++;
            }
        }

        Assert.True(accepted > 10_000, $"only {accepted} mutated bodies were accepted");
        foreach (var cause in Causes.Where(c => c != "xml-too-large"))
        {
            Assert.True(causes.ContainsKey(cause), $"no mutation was refused as {cause}: {string.Join(", ", causes)}");
        }
    }

    /// <summary>
    /// Decodes with both, and checks they agree: equal records, or both refuse with <see cref="CstaDialectException"/>
    /// (the same cause when <paramref name="sameCause"/>; an XML fault of the scanner carries the byte offset).
    /// </summary>
    private static (CstaMessage? Message, CstaDialectException? Error) AssertSameOutcome(byte[] body, bool sameCause = false)
    {
        var reference = Decode(() => CstaXmlReaderDecoder.Decode(new ReadOnlySequence<byte>(body)));
        var scanner = Decode(() => CstaXmlDecoder.Decode(new ReadOnlySequence<byte>(body)));
        var text = Describe(body);
        if (reference.Message is { } expected)
        {
            if (scanner.Error is { } refused && EndsInIncompleteUtf8(body, refused))
            {
                // XmlReader's UTF-8 decoder drops an unfinished multi-byte sequence at the very end of the input; the
                // scanner refuses it like any other bad UTF-8. The one place the scanner is stricter.
                return scanner;
            }

            Assert.True(scanner.Message is not null, $"the scanner refused what XmlReader accepts: {scanner.Error?.Message}\n{text}");
            Assert.Equal(Json(expected), Json(scanner.Message));
            return scanner;
        }

        Assert.True(scanner.Error is not null, $"the scanner accepted what XmlReader refuses ({reference.Error?.Message}):\n{text}");
        Assert.Contains(scanner.Error.Cause, Causes);
        if (sameCause && reference.Error!.Cause != scanner.Error.Cause)
        {
            // The XmlReader path calls any fault of a body that holds "<!DOCTYPE" somewhere a DTD; the scanner names
            // the first fault it meets, which may come before the DOCTYPE.
            var doctype = body.AsSpan().IndexOf("<!DOCTYPE"u8);
            Assert.True(
                reference.Error.Cause == "xml-dtd" && doctype >= 0 && scanner.Error.Offset is >= 0 && scanner.Error.Offset < doctype,
                $"XmlReader: {reference.Error.Message}\nscanner: {scanner.Error.Message}\n{text}");
        }

        if (scanner.Error.Cause == "bad-xml" && scanner.Error.Element.Length == 0 && CstaXmlDecoder.IsForScanner(body))
        {
            Assert.InRange(scanner.Error.Offset, 0, body.Length);
            Assert.Contains($"byte {scanner.Error.Offset}", scanner.Error.Message, StringComparison.Ordinal);
        }

        return scanner;
    }

    /// <summary>Whether the scanner refused the body for a UTF-8 sequence cut off by the body's end.</summary>
    private static bool EndsInIncompleteUtf8(byte[] body, CstaDialectException refused) =>
        refused.Cause == "bad-xml" && refused.Offset >= 0 && refused.Offset < body.Length
        && Rune.DecodeFromUtf8(body.AsSpan((int)refused.Offset), out _, out _) == OperationStatus.NeedMoreData;

    private static (CstaMessage? Message, CstaDialectException? Error) Decode(Func<CstaMessage> decode)
    {
        try
        {
            return (decode(), null);
        }
        catch (CstaDialectException ex)
        {
            return (null, ex);
        }
    }

    private static string Json(CstaMessage message) => message.GetType().Name + JsonSerializer.Serialize(message, message.GetType());

    /// <summary>The kind of message a body holds (record type, element and namespace), to keep one body of each kind.</summary>
    private static string RootOf(byte[] body)
    {
        var message = CstaXmlReaderDecoder.Decode(new ReadOnlySequence<byte>(body));
        return message.GetType().Name + "/" + message.Element + "/" + message.Namespace;
    }

    private static string Describe(byte[] body) => Encoding.UTF8.GetString(body) + "\nhex: " + Convert.ToHexString(body);
}
