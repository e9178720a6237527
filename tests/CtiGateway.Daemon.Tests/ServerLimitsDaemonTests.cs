using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CtiGateway.Protocol;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// Issue 8, items 1-3, against a real ctigatewayd: the memory behind a client's queue, client slots (registration
/// deadline, frame deadline, per-address limit) and the DN limit per client.
/// </summary>
public sealed class ServerLimitsDaemonTests
{
    private const string ReadyPattern = @"ready: T-Library server on \S+, port (\d+)";
    private const string Config = """{ "TServer": { "Host": "127.0.0.1", "Port": 0 }, "Logging": { "Level": "Information" } }""";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan IoTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FourClientsFloodingAddpPollsWithoutReading_AreEachCutOff_AndRssGrowthStaysUnderFourQueueBoundsPlus64MB()
    {
        const int QueueBytes = 4 * 1024 * 1024;
        const int Flooders = 4;
        const long Limit = (Flooders * (long)QueueBytes) + (64L * 1024 * 1024);
        using var config = new TempConfig(Config);
        var control = ControlClient.NewSocketPath();
        var (daemon, port) = await StartAsync(config, control, $"--TServer:ClientQueueBytes={QueueBytes}");
        await using var running = daemon;

        // A client that behaves: served before the flood and after it.
        await using var good = await TlibEventRecorder.ConnectAsync(port, IoTimeout);
        await good.RequestAsync(RegisterClient("good"), MessageType.EventLinkDisconnected, IoTimeout);
        await good.RequestAsync(new TlibMessage(MessageType.RequestQueryServer), MessageType.EventServerInfo, IoTimeout);

        // The flooders register first (so that no other limit is what cuts them), then send ADDP polls and never read.
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < Flooders; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
                sockets.Add(socket);
                await socket.ConnectAsync(IPAddress.Loopback, port, TestContext.Current.CancellationToken);
                await SendAsync(socket, RegisterClient($"flooder-{i}"));
                await ReadOneMessageAsync(socket);
            }

            var baseline = ReadRss(daemon.Id);
            var peak = baseline;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, ReadRss(daemon.Id));
                    if (peak - baseline > Limit)
                    {
                        // Over the bound already: stop the flood now instead of letting the daemon grow further.
                        await stop.CancelAsync();
                        return;
                    }

                    await Task.Delay(50, TestContext.Current.CancellationToken);
                }
            }, TestContext.Current.CancellationToken);

            var floods = sockets.Select(s => Task.Run(() => FloodAddpPollsAsync(s, stop.Token), TestContext.Current.CancellationToken)).ToArray();
            var allDone = Task.WhenAll(floods);
            await Task.WhenAny(allDone, Task.Delay(TimeSpan.FromMinutes(3), stop.Token));
            var growthMb = (peak - baseline) / (1024.0 * 1024.0);
            Assert.True(peak - baseline <= Limit, $"RSS grew by {growthMb:0.0} MB (limit {Limit / (1024 * 1024)} MB) while {Flooders} clients flooded ADDP polls");
            Assert.True(allDone.IsCompleted, "not every flooder was cut off within 3 minutes");
            var outcomes = await allDone;
            Assert.All(outcomes, o => Assert.StartsWith("cut:", o, StringComparison.Ordinal));

            // Every flooder counted as a slow client, the good one is still connected and served.
            using var status = await ControlClient.WaitForStatusAsync(
                control, s => s.GetProperty("clients").GetProperty("slowCut").GetInt64() == Flooders && s.GetProperty("clients").GetProperty("connected").GetInt32() == 1, IoTimeout);
            await good.RequestAsync(new TlibMessage(MessageType.RequestQueryServer), MessageType.EventServerInfo, IoTimeout);
            peak = Math.Max(peak, ReadRss(daemon.Id));
            await stop.CancelAsync();
            await sampler;
            Assert.True(peak - baseline <= Limit, $"RSS grew by {(peak - baseline) / (1024.0 * 1024.0):0.0} MB (limit {Limit / (1024 * 1024)} MB)");
            // The log line comes by another path (the daemon's stdout) than the status: wait for it too.
            await daemon.WaitForLineAsync(@"\[1006\].*slow reader|slow reader.*\[1006\]", IoTimeout);
            TestContext.Current.TestOutputHelper?.WriteLine($"RSS baseline {baseline / 1024} KiB, peak growth {growthMb:0.0} MB, limit {Limit / (1024 * 1024)} MB; {string.Join("; ", outcomes)}");
        }
        finally
        {
            foreach (var s in sockets)
            {
                s.Dispose();
            }
        }
    }

    [Fact]
    public async Task IdleConnectionsAreClosedAtTheRegistrationDeadline_AndANewClientThenGetsASlot()
    {
        using var config = new TempConfig(Config);
        var control = ControlClient.NewSocketPath();
        var (daemon, port) = await StartAsync(config, control, "--TServer:MaxClients=4", "--TServer:RegistrationTimeoutSeconds=3");
        await using var running = daemon;

        // Four connections that never send a byte take every slot: a fifth is refused (the deadline is 3 s, long enough
        // for five connects on a loaded machine).
        var idle = new List<TlibEventRecorder>();
        try
        {
            var opened = Stopwatch.StartNew();
            for (var i = 0; i < 4; i++)
            {
                idle.Add(await TlibEventRecorder.ConnectAsync(port, IoTimeout));
            }

            await using (var refused = await TlibEventRecorder.ConnectAsync(port, IoTimeout))
            {
                var error = await refused.WaitForAsync(m => m.Type == MessageType.EventError, IoTimeout, "EventError of a full server");
                Assert.Equal((int)ErrorCode.TERR_NOMORE_LICENSE, error.ErrorCode);
                Assert.Equal("Too many clients (max 4)", error.ErrorMessage);
            }

            // Each idle connection is told why and closed by the deadline.
            foreach (var connection in idle)
            {
                await connection.WaitForCloseAsync(IoTimeout);
                var error = Assert.Single(connection.Received);
                Assert.Equal(MessageType.EventError, error.Type);
                Assert.Equal((int)ErrorCode.TERR_TIMEOUT, error.ErrorCode);
                Assert.Contains("RequestRegisterClient", error.ErrorMessage, StringComparison.Ordinal);
                Assert.Contains("TServer:RegistrationTimeoutSeconds", error.ErrorMessage, StringComparison.Ordinal);
            }

            Assert.True(opened.Elapsed >= TimeSpan.FromSeconds(3), $"all closed within {opened.Elapsed.TotalSeconds:0.0} s of opening, before the 3 s deadline");
            await daemon.WaitForLineAsync(@"\[1202\] Client \d+ \(127\.0\.0\.1:\d+\) closed: no RequestRegisterClient within 3 s", IoTimeout);
            using (await ControlClient.WaitForStatusAsync(control, s => s.GetProperty("clients").GetProperty("registrationTimeouts").GetInt64() == 4, IoTimeout))
            {
            }

            // The slots are free again: a client registers, and it outlives the deadline (checked against an idle
            // connection opened after it, which the deadline closes while the registered client stays).
            await using var client = await TlibEventRecorder.ConnectAsync(port, IoTimeout);
            await client.RequestAsync(RegisterClient("after-idle"), MessageType.EventLinkDisconnected, IoTimeout);
            await using var later = await TlibEventRecorder.ConnectAsync(port, IoTimeout);
            await later.WaitForCloseAsync(IoTimeout);
            await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer), MessageType.EventServerInfo, IoTimeout);
            Assert.Null(client.ClosedReason);
        }
        finally
        {
            foreach (var connection in idle)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SlowlorisSendersAreCutByTheFrameDeadline_WhileAnotherClientIsServed()
    {
        using var config = new TempConfig(Config);
        var control = ControlClient.NewSocketPath();
        var (daemon, port) = await StartAsync(config, control, "--TServer:FrameTimeoutSeconds=2");
        await using var running = daemon;
        await using var good = await TlibEventRecorder.ConnectAsync(port, IoTimeout);
        await good.RequestAsync(RegisterClient("good"), MessageType.EventLinkDisconnected, IoTimeout);

        // Registered clients (the registration deadline is not what cuts them) that trickle one byte of a frame every
        // 500 ms: the 60-odd-byte frame would take half a minute.
        var frame = Encode(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 77, Extensions = new KeyValueList().Add("padding", new string('p', 40)) });
        var senders = new List<TlibEventRecorder>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var s = await TlibEventRecorder.ConnectAsync(port, IoTimeout);
                senders.Add(s);
                await s.RequestAsync(RegisterClient($"slowloris-{i}"), MessageType.EventLinkDisconnected, IoTimeout);
            }

            using var stop = new CancellationTokenSource();
            var sent = new int[senders.Count];
            var started = Stopwatch.StartNew();
            var trickles = senders.Select((s, i) => Task.Run(async () =>
            {
                try
                {
                    for (var b = 0; b < frame.Length && s.ClosedReason is null; b++)
                    {
                        await s.SendRawAsync(frame.AsMemory(b, 1));
                        sent[i] = b + 1;
                        await Task.Delay(500, stop.Token);
                    }
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // Cut off (or the test is over).
                }
            }, TestContext.Current.CancellationToken)).ToArray();

            foreach (var s in senders)
            {
                await s.WaitForCloseAsync(IoTimeout);
                var error = s.Received.Single(m => m.Type == MessageType.EventError);
                Assert.Equal((int)ErrorCode.TERR_TIMEOUT, error.ErrorCode);
                Assert.Contains("TServer:FrameTimeoutSeconds", error.ErrorMessage, StringComparison.Ordinal);
                Assert.DoesNotContain(s.Received, m => m.ReferenceID == 77);
            }

            Assert.True(started.Elapsed >= TimeSpan.FromSeconds(2), $"all cut within {started.Elapsed.TotalSeconds:0.0} s of the first byte, before the 2 s deadline");
            Assert.All(sent, n => Assert.True(n < frame.Length, $"a sender completed its frame ({n} of {frame.Length} bytes) before the cut"));
            await stop.CancelAsync();
            await Task.WhenAll(trickles);

            await daemon.WaitForLineAsync(@"\[1203\] Client \d+ \(127\.0\.0\.1:\d+\) closed: a frame was not completed within 2 s", IoTimeout);
            using (await ControlClient.WaitForStatusAsync(control, s => s.GetProperty("clients").GetProperty("frameTimeouts").GetInt64() == senders.Count, IoTimeout))
            {
            }
            await good.RequestAsync(new TlibMessage(MessageType.RequestQueryServer), MessageType.EventServerInfo, IoTimeout);
            Assert.Null(good.ClosedReason);
        }
        finally
        {
            foreach (var s in senders)
            {
                await s.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task PerAddressLimitRefusesTheNextConnectionFromThatAddress_WhileItsOthersAndOtherAddressesWork()
    {
        using var config = new TempConfig(Config);
        var control = ControlClient.NewSocketPath();
        var (daemon, port) = await StartAsync(config, control, "--TServer:MaxClientsPerAddress=3", "--TServer:MaxClients=50");
        await using var running = daemon;

        var clients = new List<TlibEventRecorder>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var c = await TlibEventRecorder.ConnectAsync(port, IoTimeout);
                clients.Add(c);
                await c.RequestAsync(RegisterClient($"desk-{i}"), MessageType.EventLinkDisconnected, IoTimeout);
            }

            await using (var fourth = await TlibEventRecorder.ConnectAsync(port, IoTimeout))
            {
                await fourth.WaitForCloseAsync(IoTimeout);
                var error = Assert.Single(fourth.Received);
                Assert.Equal(MessageType.EventError, error.Type);
                Assert.Equal(0, error.ReferenceID);
                Assert.Equal((int)ErrorCode.TERR_NOMORE_LICENSE, error.ErrorCode);
                Assert.Equal("Too many connections from 127.0.0.1 (max 3 per address, TServer:MaxClientsPerAddress)", error.ErrorMessage);
            }

            await daemon.WaitForLineAsync(@"\[1200\] Connection from 127\.0\.0\.1:\d+ rejected: too many connections from that address \(max 3, TServer:MaxClientsPerAddress\)", IoTimeout);

            // The three are still served, and another address still gets in.
            foreach (var c in clients)
            {
                await c.RequestAsync(new TlibMessage(MessageType.RequestQueryServer), MessageType.EventServerInfo, IoTimeout);
            }

            await using (var other = await TlibEventRecorder.ConnectAsync(port, IoTimeout, IPAddress.Parse("127.0.0.2")))
            {
                await other.RequestAsync(RegisterClient("other-host"), MessageType.EventLinkDisconnected, IoTimeout);
                await other.RequestAsync(new TlibMessage(MessageType.RequestQueryServer), MessageType.EventServerInfo, IoTimeout);
            }

            // A closed connection gives its address a slot back.
            await clients[0].DisposeAsync();
            clients.RemoveAt(0);
            using (await ControlClient.WaitForStatusAsync(control, s => s.GetProperty("clients").GetProperty("connected").GetInt32() == 2, IoTimeout))
            {
            }

            var again = await TlibEventRecorder.ConnectAsync(port, IoTimeout);
            clients.Add(again);
            await again.RequestAsync(RegisterClient("desk-again"), MessageType.EventLinkDisconnected, IoTimeout);
            Assert.All(clients, c => Assert.Null(c.ClosedReason));
        }
        finally
        {
            foreach (var c in clients)
            {
                await c.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task RegisteringPastTheDnLimitGetsEventError_AndTheConnectionStillServesRequests()
    {
        const int Limit = 100;
        using var config = new TempConfig(Config);
        var control = ControlClient.NewSocketPath();
        var (daemon, port) = await StartAsync(config, control, $"--TServer:MaxDnsPerClient={Limit}");
        await using var running = daemon;
        await using var client = await TlibEventRecorder.ConnectAsync(port, IoTimeout);
        await client.RequestAsync(RegisterClient("recorder"), MessageType.EventLinkDisconnected, IoTimeout);

        for (var i = 1; i <= Limit; i++)
        {
            await client.SendAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = Dn(i), ReferenceID = 10_000 + i });
        }

        await client.WaitForAsync(m => m.Type == MessageType.EventRegistered && m.ReferenceID == 10_000 + Limit, IoTimeout, "the last EventRegistered");
        Assert.Equal(Limit, client.Received.Count(m => m.Type == MessageType.EventRegistered));

        var refused = await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = Dn(Limit + 1) }, MessageType.EventError, IoTimeout);
        Assert.Equal((int)ErrorCode.TERR_NOMORE_LICENSE, refused.ErrorCode);
        Assert.Equal(Dn(Limit + 1), refused.ThisDN);
        Assert.Equal($"Cannot register DN {Dn(Limit + 1)}: this client has registered {Limit} DNs, the most allowed (TServer:MaxDnsPerClient)", refused.ErrorMessage);
        await daemon.WaitForLineAsync(@"\[1204\] Client \d+ \(127\.0\.0\.1:\d+\) refused DN dn-00101: 100 DNs registered, the limit of TServer:MaxDnsPerClient", IoTimeout);

        // The connection stays usable: requests are served, a DN it holds registers again, and a freed place is taken.
        await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer), MessageType.EventServerInfo, IoTimeout);
        await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = Dn(5) }, MessageType.EventRegistered, IoTimeout);
        await client.RequestAsync(new TlibMessage(MessageType.RequestUnregisterAddress) { ThisDN = Dn(1) }, MessageType.EventUnregistered, IoTimeout);
        await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterAddress) { ThisDN = Dn(Limit + 1) }, MessageType.EventRegistered, IoTimeout);
        using var status = await ControlClient.WaitForStatusAsync(control, s => s.GetProperty("dns").GetProperty("registered").GetInt32() == Limit, IoTimeout);
        Assert.Null(client.ClosedReason);
    }

    private static string Dn(int i) => $"dn-{i:D5}";

    private static async Task<(ManagedProcess Daemon, int Port)> StartAsync(TempConfig config, string control, params string[] overrides)
    {
        // Under journald every line carries its event id ("<4>Category[1006] ..."), which the tests match.
        var daemon = ManagedProcess.Start(
            RepoPaths.DaemonDll,
            ["--config", config.Path, $"--Control:Socket={control}", .. overrides],
            new Dictionary<string, string> { ["JOURNAL_STREAM"] = "8:12345" });
        try
        {
            var ready = await daemon.WaitForLineAsync(ReadyPattern, StartTimeout);
            return (daemon, int.Parse(ready.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }
    }

    private static TlibMessage RegisterClient(string application)
    {
        var register = new TlibMessage(MessageType.RequestRegisterClient);
        register.Set(AttributeId.ApplicationName, application);
        register.Set(AttributeId.ProtocolVersion, TlibWire.ProtocolVersion);
        return register;
    }

    private static byte[] Encode(TlibMessage message)
    {
        var w = new ArrayBufferWriter<byte>();
        TlibMessageWriter.Write(message, w);
        return w.WrittenSpan.ToArray();
    }

    private static async Task SendAsync(Socket socket, TlibMessage message)
    {
        using var cts = new CancellationTokenSource(IoTimeout);
        await socket.SendAsync(Encode(message), SocketFlags.None, cts.Token);
    }

    // Reads until one whole T-Library message has arrived (the answer to RequestRegisterClient).
    private static async Task ReadOneMessageAsync(Socket socket)
    {
        using var cts = new CancellationTokenSource(IoTimeout);
        var buffer = new byte[1 << 16];
        var filled = 0;
        while (true)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cts.Token);
            if (n == 0)
            {
                throw new IOException("closed before the answer to RequestRegisterClient");
            }

            filled += n;
            var seq = new ReadOnlySequence<byte>(buffer, 0, filled);
            if (TlibFrameReader.TryReadFrame(ref seq, out var frame) && frame.Kind == FrameKind.Message)
            {
                return;
            }
        }
    }

    // Sends ADDP polls as fast as the socket takes them and never reads; ends when the daemon cuts the connection.
    private static async Task<string> FloodAddpPollsAsync(Socket socket, CancellationToken ct)
    {
        var writer = new ArrayBufferWriter<byte>(12 * 4096);
        for (uint i = 0; i < 4096; i++)
        {
            TlibMessageWriter.WriteAddp(FrameKind.AddpPoll, i, writer);
        }

        var polls = writer.WrittenMemory;
        long sent = 0;
        try
        {
            while (true)
            {
                sent += await socket.SendAsync(polls, SocketFlags.None, ct);
            }
        }
        catch (SocketException ex)
        {
            return $"cut: {ex.SocketErrorCode} after {sent / 12} polls";
        }
        catch (OperationCanceledException)
        {
            return $"not cut after {sent / 12} polls";
        }
    }

    // The resident set of a process in bytes (VmRSS of /proc/PID/status).
    private static long ReadRss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"no VmRSS in /proc/{pid}/status");
    }
}
