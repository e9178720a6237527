using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Simulator.Tests.Scenarios;

/// <summary>
/// A simulator serving one firmware profile (its dialect, start-up and services, from <see cref="CstaSimulatorOptions.ForProfile"/>)
/// and one gateway-side CSTA link to it over loopback TCP, written with the gateway's own encoder and decoder. The
/// parties A, B, C, D are the first four extensions of the profile's numbering plan, Q its ACD queue, X the external
/// number <see cref="External"/>. Requests name stations as the profile wants (DMCC device ids from GetDeviceId when
/// the AES is strict); events are read back per monitored party and described with party names and call numbers
/// (1 for the first callID seen, 2 for the next, ...), so a scenario reads the same on every profile.
/// </summary>
internal sealed class ScenarioRun : IAsyncDisposable
{
    /// <summary>The external number of the scenarios (X): 12 digits, reached over the trunk.</summary>
    public const string External = "302118840100";

    private const string CmName = "CM1";

    private readonly CstaSimulatorServer _server;
    private readonly CstaTestClient _client;
    private readonly Dictionary<string, string> _dn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _device = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _partyOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _monitorParty = new(StringComparer.Ordinal);
    private readonly List<string> _calls = [];
    private readonly List<CstaCallEvent> _pending = [];
    private int _invokeId;

    private ScenarioRun(FirmwareProfile profile, CstaSimulatorServer server, CstaTestClient client, CstaDialectFlavour flavour)
    {
        Profile = profile;
        _server = server;
        _client = client;
        Flavour = flavour;
        var first = profile.NumberingPlan.First(r => r.Type == DnType.Extension).From;
        var start = long.Parse(first, CultureInfo.InvariantCulture);
        foreach (var (party, offset) in new[] { ("A", 0), ("B", 1), ("C", 2), ("D", 3) })
        {
            Name(party, (start + offset).ToString(CultureInfo.InvariantCulture).PadLeft(first.Length, '0'));
        }

        if (profile.NumberingPlan.FirstOrDefault(r => r.Type == DnType.AcdQueue) is { } queue)
        {
            Name("Q", queue.From);
        }

        _partyOf[External] = "X";
    }

    /// <summary>The profile the simulator plays.</summary>
    public FirmwareProfile Profile { get; }

    /// <summary>The dialect flavour of the link.</summary>
    public CstaDialectFlavour Flavour { get; }

    /// <summary>Whether the plan has an ACD queue (party Q).</summary>
    public bool HasQueue => _dn.ContainsKey("Q");

    /// <summary>
    /// Starts a simulator for <paramref name="profile"/> (no SystemStatus heartbeat, so that only the scenario's
    /// frames are on the link), connects, runs the profile's start-up (SystemStatus then SystemRegister, or an ECMA-354
    /// session then GetDeviceId) and monitors <paramref name="monitored"/>.
    /// </summary>
    public static async Task<ScenarioRun> StartAsync(FirmwareProfile profile, IEnumerable<string> monitored, Func<CstaSimulatorOptions, CstaSimulatorOptions>? adjust = null)
    {
        var options = CstaSimulatorOptions.ForProfile(profile) with { HeartbeatInterval = null };
        options = adjust?.Invoke(options) ?? options;
        var server = new CstaSimulatorServer(new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System), options, TimeProvider.System);
        server.Start(new IPEndPoint(IPAddress.Loopback, 0));
        CstaTestClient? client = null;
        try
        {
            client = await CstaTestClient.ConnectAsync(server.LocalEndPoint);
            var run = new ScenarioRun(profile, server, client, options.Flavour);
            await run.StartUpAsync(options);
            foreach (var party in monitored)
            {
                await run.MonitorAsync(party);
            }

            return run;
        }
        catch
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }

            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The DN of a party.</summary>
    public string Dn(string party) => party == "X" ? External : _dn[party];

    /// <summary>How requests name a party: its DMCC device id on a strict AES, else its DN (X: the external number).</summary>
    public string Device(string party) => _device.TryGetValue(party, out var id) ? id : Dn(party);

    /// <summary>The connection of <paramref name="party"/> in call number <paramref name="call"/>, as requests name it.</summary>
    public CstaConnectionId Conn(string party, int call) => new(_calls[call - 1], Device(party));

    /// <summary>The callID of call number <paramref name="call"/>.</summary>
    public string CallId(int call) => _calls[call - 1];

    /// <summary>Runs a switch-side trigger on the model (its events go out before this returns).</summary>
    public T Switch<T>(Func<SwitchModel, T> trigger) => _server.Invoke(trigger);

    /// <summary>Sends a request and returns its answer (a response or CSTAErrorCode); events before it are kept for the step.</summary>
    public async Task<CstaMessage> RequestAsync(Action<IBufferWriter<byte>> write)
    {
        var invokeId = NextInvokeId();
        await _client.SendAsync(invokeId, write);
        return await AnswerAsync(invokeId);
    }

    /// <summary>Sends a request that must get the positive response <paramref name="response"/>.</summary>
    public async Task<CstaMessage> ExpectOkAsync(string response, Action<IBufferWriter<byte>> write)
    {
        var answer = await RequestAsync(write);
        Assert.True(answer.Element == response, $"expected {response}, got {DescribeAnswer(answer)}");
        return answer;
    }

    /// <summary>Sends a request that must get CSTAErrorCode with <paramref name="category"/> and <paramref name="value"/>.</summary>
    public async Task ExpectErrorAsync(string category, string value, Action<IBufferWriter<byte>> write)
    {
        var answer = await RequestAsync(write);
        var error = Assert.IsType<CstaErrorResponse>(answer);
        Assert.Equal((category, value), (error.Category, error.Value));
    }

    /// <summary>
    /// Ends a step: a SnapshotDevice of party A goes out as a barrier (the simulator answers requests in order and
    /// sends each request's events right after its response), and every event received before its response is this
    /// step's. Returns them per monitored party, described.
    /// </summary>
    public async Task<Dictionary<string, List<string>>> TakeStepEventsAsync()
    {
        var invokeId = NextInvokeId();
        await _client.SendAsync(invokeId, w => CstaXmlEncoder.WriteSnapshotDevice(w, Flavour, Device("A")));
        Assert.IsType<CstaSnapshotDeviceResponse>(await AnswerAsync(invokeId));
        var byParty = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var e in _pending)
        {
            var party = _monitorParty[e.MonitorCrossRefId];
            if (!byParty.TryGetValue(party, out var list))
            {
                byParty[party] = list = [];
            }

            list.Add(Describe(e));
        }

        _pending.Clear();
        return byParty;
    }

    /// <summary>
    /// One event as the scenario table writes it: <c>Type Conn local cause</c>, then what is present of by= (the
    /// subject device: alerting, answering, releasing, holding, transferring ... device; the trunk of NetworkReached),
    /// from= (callingDevice), to= (calledDevice), last= (lastRedirectionDevice), other= (newDestination,
    /// transferredToDevice, addedParty), sec= (secondaryOldCall) and list= (old&gt;new connections of a transfer or
    /// conference). Conn is Party@CallNumber.
    /// </summary>
    public string Describe(CstaCallEvent e)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{e.Type} {Conn(e.Connection)} {e.LocalConnectionInfo} {e.Cause}");
        Append("by", e.SubjectDevice);
        Append("from", e.CallingDevice);
        Append("to", e.CalledDevice);
        Append("last", e.LastRedirectionDevice);
        Append("other", e.OtherDevice);
        if (e.SecondaryOldCall is { } secondary)
        {
            text.Append(" sec=").Append(Conn(secondary));
        }

        if (e.Type is CstaEventType.Transfered or CstaEventType.Conferenced)
        {
            text.Append(" list=").AppendJoin(',', e.Connections.Select(i => (i.OldConnection is { } o ? Conn(o) : "-") + ">" + (i.NewConnection is { } n ? Conn(n) : "-")));
        }

        return text.ToString();

        void Append(string name, string? device)
        {
            if (device is not null)
            {
                text.Append(' ').Append(name).Append('=').Append(Party(device));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    private static string DescribeAnswer(CstaMessage message) => message switch
    {
        CstaErrorResponse error => $"CSTAErrorCode {error.Category}/{error.Value}",
        _ => message.Element,
    };

    private void Name(string party, string dn)
    {
        _dn[party] = dn;
        _partyOf[dn] = party;
    }

    private string Party(string device) => _partyOf.TryGetValue(device, out var party) ? party : device;

    private string Conn(CstaConnectionId connection) => $"{Party(connection.DeviceId)}@{CallNumber(connection.CallId)}";

    private int CallNumber(string callId)
    {
        var index = _calls.IndexOf(callId);
        if (index < 0)
        {
            _calls.Add(callId);
            index = _calls.Count - 1;
        }

        return index + 1;
    }

    private int NextInvokeId() => ++_invokeId;

    /// <summary>Reads frames until the answer to <paramref name="invokeId"/>; events go to the step, the switch's SystemStatus is answered.</summary>
    private async Task<CstaMessage> AnswerAsync(int invokeId)
    {
        while (true)
        {
            var (id, message) = await _client.ExpectAsync();
            switch (message)
            {
                case CstaCallEvent e when id == CstaWire.EventInvokeId:
                    Number(e);
                    _pending.Add(e);
                    continue;
                case CstaSystemStatus when id != invokeId:
                    await _client.SendAsync(id, w => CstaXmlEncoder.WriteSystemStatusResponse(w, Flavour));
                    continue;
                default:
                    Assert.True(id == invokeId, $"expected the answer to invoke id {invokeId}, got {message.Element} with invoke id {id}");
                    Number(message);
                    return message;
            }
        }
    }

    /// <summary>Numbers the calls a message names, in the order they appear on the link.</summary>
    private void Number(CstaMessage message)
    {
        switch (message)
        {
            case CstaCallEvent e:
                CallNumber(e.Connection.CallId);
                if (e.SecondaryOldCall is { } secondary)
                {
                    CallNumber(secondary.CallId);
                }

                foreach (var item in e.Connections)
                {
                    if (item.NewConnection is { } n)
                    {
                        CallNumber(n.CallId);
                    }
                }

                break;
            case CstaMakeCallResponse made:
                CallNumber(made.CallingDevice.CallId);
                break;
            case CstaConsultationCallResponse consulted:
                CallNumber(consulted.InitiatedCall.CallId);
                break;
            default:
                break;
        }
    }

    private async Task StartUpAsync(CstaSimulatorOptions options)
    {
        if (options.ApplicationSession is null)
        {
            var (id, message) = await _client.ExpectAsync();
            Assert.IsType<CstaSystemStatus>(message);
            await _client.SendAsync(id, w => CstaXmlEncoder.WriteSystemStatusResponse(w, Flavour));
            if (Profile.Dialect.SystemRegister)
            {
                Assert.IsType<CstaSystemRegisterResponse>(await RequestAsync(w => CstaXmlEncoder.WriteSystemRegister(w, Flavour)));
            }

            return;
        }

        var session = Profile.Dialect.ApplicationSession!;
        Assert.IsType<CstaStartApplicationSessionPosResponse>(await RequestAsync(w => CstaXmlEncoder.WriteStartApplicationSession(
            w, "CtiGateway.Simulator.Tests", session.ProtocolVersion, (int)session.RequestedDuration.TotalSeconds)));
        if (Profile.Dialect.DeviceIds == DeviceIdScheme.GetDeviceId)
        {
            foreach (var party in new[] { "A", "B", "C", "D" })
            {
                var id = Assert.IsType<CstaGetDeviceIdResponse>(await RequestAsync(w => CstaXmlEncoder.WriteGetDeviceId(w, CmName, Dn(party)))).Device;
                _device[party] = id;
                _partyOf[id] = party;
            }
        }
    }

    private async Task MonitorAsync(string party)
    {
        var response = Assert.IsType<CstaMonitorStartResponse>(await RequestAsync(w => CstaXmlEncoder.WriteMonitorStart(w, Flavour, Device(party))));
        _monitorParty[response.MonitorCrossRefId] = party;
    }
}
