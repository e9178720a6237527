using System.Net.Sockets;
using System.Text.RegularExpressions;
using CtiGateway.Cli.Tests.Support;
using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Cli.Tests;

/// <summary><c>ctigw simulate</c> as a real process: the listening line, SIGTERM exit 0, and the exit-2 and exit-1 cases.</summary>
public sealed partial class SimulateCommandTests
{
    [Fact(Timeout = TestTimeout.Test)]
    public async Task ListensOnTheChosenPortAndExitsZeroOnSigterm()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM is a POSIX signal.");
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        await using var ctigw = CtigwProcess.Start("simulate", "--profile", Profile("osv-v10.json"), "--listen", "127.0.0.1:0", "--calls-per-second", "2");

        var line = await ctigw.ReadLineUntilAsync(l => l.StartsWith("simulator listening on ", StringComparison.Ordinal), ct);
        var match = ListeningLine().Match(line);
        Assert.True(match.Success, line);
        Assert.EndsWith("(profile osv-v10)", line, StringComparison.Ordinal);
        var port = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(port, 1, 65535);
        using (var client = new TcpClient())
        {
            await client.ConnectAsync("127.0.0.1", port, ct);
        }

        await ctigw.TerminateAsync(ct);
        var exit = await ctigw.WaitForExitAsync(ct);

        Assert.True(exit == 0, ctigw.Stderr);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task AnInvalidProfileListsEveryProblemAndExitsTwo()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        var folder = Directory.CreateTempSubdirectory("ctigw-simulate-");
        try
        {
            var broken = Path.Combine(folder.FullName, "broken.json");
            await File.WriteAllTextAsync(broken, "{\n  \"id\": \"broken\",\n  \"model\": 5\n", ct);

            var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "simulate", "--profile", broken, "--listen", "127.0.0.1:0");

            Assert.Equal(2, exit);
            Assert.Empty(stdout);
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(lines);
            Assert.All(lines, l => Assert.Matches(@"^" + Regex.Escape(broken) + @":\d+:\d+: .+", l));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task AMissingProfileFileExitsTwo()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        var missing = Path.Combine(Path.GetTempPath(), $"ctigw-simulate-missing-{Guid.NewGuid():N}.json");

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "simulate", "--profile", missing, "--listen", "127.0.0.1:0");

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Equal($"{missing}:1:1: cannot read the profile: no such file", stderr);
    }

    [Theory(Timeout = TestTimeout.Test)]
    [InlineData("serial-lapb-csta.json")]
    [InlineData("serial-bsc-csta.json")]
    public async Task ASerialProfileWithListenExitsTwoAskingForSerial(string file)
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "simulate", "--profile", Profile(file), "--listen", "127.0.0.1:0");

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("ctigw: profile ", stderr, StringComparison.Ordinal);
        Assert.Contains("serial", stderr, StringComparison.Ordinal);
        Assert.Contains("--serial DEVICE", stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task TheDmccProfilePlaysAnAesThatWantsAnApplicationSessionAndTrafficOptionsArePrinted()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "SIGTERM is a POSIX signal.");
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        await using var ctigw = CtigwProcess.Start(
            "simulate", "--profile", Profile("avaya-aes-dmcc-8.json"), "--listen", "127.0.0.1:0",
            "--calls-per-second", "0.5", "--answer-delay", "1", "--hold-time", "4", "--abandon-rate", "0.25", "--transfer-rate", "0.5",
            "--transfer-to", "5020", "--routing-timeout", "3");
        var line = await ctigw.ReadLineUntilAsync(l => l.StartsWith("simulator listening on ", StringComparison.Ordinal), ct);
        Assert.EndsWith("(profile avaya-aes-dmcc-8)", line, StringComparison.Ordinal);
        var port = int.Parse(ListeningLine().Match(line).Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var traffic = await ctigw.ReadLineUntilAsync(l => l.StartsWith("traffic: ", StringComparison.Ordinal), ct);
        Assert.Equal(
            "traffic: inbound calls to 3001 at 0.5/s, answer after 1 s, hold 4 s, abandon rate 0.25, transfer rate 0.5 to 5020, routing timeout 3 s then 4001",
            traffic);

        using (var client = new TcpClient())
        {
            await client.ConnectAsync("127.0.0.1", port, ct);
            var stream = client.GetStream();
            var body = new System.Buffers.ArrayBufferWriter<byte>();
            CtiGateway.Pbx.Csta.CstaXmlEncoder.WriteStartApplicationSession(body, "test", "http://www.ecma-international.org/standards/ecma-323/csta/ed3/priv7", 80);
            var frame = new System.Buffers.ArrayBufferWriter<byte>();
            CtiGateway.Pbx.Csta.CstaFrameWriter.Write(1, body.WrittenSpan, frame);
            await stream.WriteAsync(frame.WrittenMemory, ct);

            // An AES sends nothing first: the first frame is the answer to StartApplicationSession.
            var header = new byte[8];
            await stream.ReadExactlyAsync(header, ct);
            var length = (header[2] << 8) | header[3];
            var xml = new byte[length - 8];
            await stream.ReadExactlyAsync(xml, ct);
            Assert.Equal("0001", System.Text.Encoding.ASCII.GetString(header, 4, 4));
            var started = Assert.IsType<CtiGateway.Pbx.Csta.CstaStartApplicationSessionPosResponse>(CtiGateway.Pbx.Csta.CstaXmlDecoder.Decode(xml));
            Assert.Equal(80, started.ActualSessionDuration);
        }

        await ctigw.TerminateAsync(ct);
        Assert.True(await ctigw.WaitForExitAsync(ct) == 0, ctigw.Stderr);
    }

    [Theory(Timeout = TestTimeout.Test)]
    [InlineData("--abandon-rate", "1.5", "--abandon-rate: 1.5 must be a fraction from 0 to 1.")]
    [InlineData("--hold-time", "-1", "--hold-time: -1 must be a number of seconds from 0 to 86400.")]
    [InlineData("--calls-per-second", "lots", "--calls-per-second must be a number, not 'lots'.")]
    [InlineData("--transfer-rate", "0.5", "traffic options: Inbound traffic TransferTo 9999 is not in the switching plan.")]
    public async Task BadTrafficOptionsAreBadUsageNamingTheOption(string option, string value, string message)
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        string[] extra = option == "--transfer-rate" ? ["--transfer-to", "9999", "--calls-per-second", "1"] : [];
        var (exit, _, stderr) = await CtigwProcess.RunAsync(ct, ["simulate", "--profile", Profile("osv-v10.json"), "--listen", "127.0.0.1:0", option, value, .. extra]);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Theory(Timeout = TestTimeout.Test)]
    [InlineData("avaya-aes-dmcc-8.json", "--aes-user", "--aes-user and --aes-password go together.")]
    [InlineData("osv-v10.json", "--aes-user", "--aes-user and --aes-password go together.")]
    [InlineData("osv-v10.json", "both", "--aes-user and --aes-password need a profile with dialect.application-session; osv-v10 has none.")]
    public async Task AesCredentialsNeedEachOtherAndASessionProfile(string profile, string given, string message)
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);
        string[] credentials = given == "both" ? ["--aes-user", "cti", "--aes-password", "secret"] : [given, "cti"];

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, ["simulate", "--profile", Profile(profile), "--listen", "127.0.0.1:0", .. credentials]);

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("ctigw: " + message, stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task NeitherListenNorSerialIsBadUsage()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "simulate", "--profile", Profile("osv-v10.json"));

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("ctigw: simulate needs exactly one of --listen HOST:PORT or --serial DEVICE.", stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task SerialSimulationOnAMissingDeviceNamesItAndExitsOne()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken, 30);

        var (exit, stdout, stderr) = await CtigwProcess.RunAsync(ct, "simulate", "--profile", Profile("serial-lapb-csta.json"), "--serial", "/dev/ctigw-no-such-tty");

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.StartsWith("ctigw: cannot open serial device /dev/ctigw-no-such-tty: ", stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^simulator listening on 127\.0\.0\.1:(?<port>\d+) \(profile [a-z0-9-]+\)$")]
    private static partial Regex ListeningLine();

    private static string Profile(string file) => RepoFiles.InRepo("firmware-profiles", file);
}
