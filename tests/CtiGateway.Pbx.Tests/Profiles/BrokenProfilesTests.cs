using System.Text;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Pbx.Tests.Profiles;

/// <summary>Profiles with mistakes: exactly one <c>LINE:COL: message</c> per mistake, at the value concerned, never stopping at the first.</summary>
public sealed class BrokenProfilesTests
{
    /// <summary>A valid TCP profile body after the id line, reused by cases that break one part.</summary>
    private const string ValidTcpTail = """
          "model": "m",
          "firmware": { "min": "1", "max": "2" },
          "transport": { "kind": "tcp", "port": 1040 },
          "framing": { "kind": "csta-xml-tcp" },
          "dialect": { "kind": "csta-xml", "namespace": "http://www.ecma-international.org/standards/ecma-323/csta/ed4", "event-invoke-id": "9999" },
          "keep-alive": { "kpl-interval": 10, "kpl-tolerance": 3, "method": "SystemStatus" },
          "numbering-plan": [ { "from": "5001", "to": "5099", "type": "extension" } ],
          "services": [ "MakeCall" ]
        }
        """;

    [Fact]
    public void ManyMistakesInOneFileGiveOneLineEach()
    {
        const string json = """
            {
              "id": "bad-one",
              "model": 5,
              "firmware": { "min": "1" },
              "colour": "blue",
              "transport": { "kind": "tcp", "port": 99999 },
              "framing": { "kind": "lapb", "t1-ms": 0, "n1": 135, "n2": 0, "k": 8 },
              "dialect": { "kind": "csta-xml", "namespace": "urn:x", "event-invoke-id": "99" },
              "keep-alive": { "kpl-interval": 10, "kpl-tolerance": 3, "method": "ResetApplicationSessionTimer" },
              "quirks": ["nope"],
              "numbering-plan": [
                { "from": "5001", "to": "5099", "type": "extension" },
                { "from": "5050", "to": "5060", "type": "acd-queue" }
              ],
              "services": ["MakeCall", "Teleport"]
            }
            """;

        AssertProblems("bad-one.json", json,
            "3:12: model: expected a string, got a number",
            "4:15: firmware: missing required property 'max'",
            "5:3: profile: unknown property 'colour'",
            "6:41: transport.port: 99999 is out of range: must be 1-65535",
            "7:24: framing.kind: 'lapb' needs transport kind 'serial', but transport.kind is 'tcp'",
            "7:41: framing.t1-ms: 0 is out of range: T1 must be greater than 0 and at most 600000 ms",
            "7:61: framing.n2: 0 is out of range: N2 must be 1-255",
            "7:69: framing.k: 8 is out of range: k must be 1-7 with modulo-8 sequence numbers",
            "8:49: dialect.namespace: 'urn:x' is not an ECMA-323 CSTA namespace (http://www.ecma-international.org/standards/ecma-323/csta/edN)",
            "8:77: dialect.event-invoke-id: '99' is not 4 ASCII digits",
            "9:69: keep-alive.method: 'ResetApplicationSessionTimer' needs dialect.application-session",
            "10:14: quirks: unknown quirk 'nope'",
            "13:5: numbering-plan[1]: 5050-5060 (acd-queue) overlaps 5001-5099 (extension) at line 12",
            "15:28: services: unknown service 'Teleport'");
    }

    [Fact]
    public void SerialSettingsOutOfTheirSetsAndTcpOnlyProperties()
    {
        const string json = """
            {
              "id": "serial-bad",
              "model": "m",
              "firmware": { "min": "1", "max": "2" },
              "transport": { "kind": "serial", "baud": 12345, "data-bits": 9, "parity": "weird", "stop-bits": 3, "flow-control": "pigeon", "port": 1 },
              "framing": { "kind": "bsc", "sender-timeout-ms": 0, "receiver-timeout-ms": 35000, "start-retries": 15, "query-retries": 32, "nak-retries": 256 },
              "dialect": { "kind": "csta-xml", "namespace": "http://www.ecma-international.org/standards/ecma-323/csta/ed4", "event-invoke-id": "9999" },
              "keep-alive": { "kpl-interval": 601, "kpl-tolerance": 11, "method": "Ping" },
              "numbering-plan": [],
              "services": []
            }
            """;

        AssertProblems("serial-bad.json", json,
            "5:44: transport.baud: 12345 is not a standard baud rate (110, 300, 600, 1200, 2400, 4800, 9600, 14400, 19200, 28800, 38400, 57600, 115200, 230400)",
            "5:64: transport.data-bits: 9 is out of range: must be 5-8",
            "5:77: transport.parity: 'weird' is not one of none, even, odd, mark, space",
            "5:99: transport.stop-bits: 3 is not one of 1, 1.5, 2",
            "5:118: transport.flow-control: 'pigeon' is not one of none, xon-xoff, rts-cts",
            "5:128: transport: unknown property 'port'",
            "6:14: framing: missing required property 'max-block'",
            "6:52: framing.sender-timeout-ms: 0 is out of range: the sender timeout must be greater than 0 and at most 600000 ms",
            "6:142: framing.nak-retries: 256 is out of range: must be 0-255",
            "8:35: keep-alive.kpl-interval: 601 is out of range: kpl-interval is 0-600 seconds (0 disables)",
            "8:57: keep-alive.kpl-tolerance: 11 is out of range: must be 0-10",
            "8:71: keep-alive.method: 'Ping' is not one of SystemStatus, RequestSystemStatus, ResetApplicationSessionTimer");
    }

    [Fact]
    public void WrongTypesDuplicatesAndMissingProperties()
    {
        const string json = """
            {
              "id": "Not-Matching",
              "firmware": "V10",
              "transport": { "kind": "tcp", "port": "1040", "tls": "yes", "tls": true },
              "framing": { "kind": "csta-xml-tcp", "max-frame": 1.5 },
              "dialect": { "kind": "csta-xml", "namespace": "http://www.ecma-international.org/standards/ecma-323/csta/ed4", "event-invoke-id": 9999,
                "application-session": { "requested-duration-s": 80, "reset-at": 1 } },
              "keep-alive": [],
              "quirks": "agent-events-not-reported-poll-agent-state",
              "numbering-plan": [ { "from": "5099", "to": "5001", "type": "extension" }, { "from": "50a1", "to": "5002", "type": "pbx" }, 7 ],
              "services": [ "MakeCall", "MakeCall", 3 ]
            }
            """;

        AssertProblems("wrong-types.json", json,
            "1:1: profile: missing required property 'model'",
            "2:9: id: 'Not-Matching' must be lowercase letters, digits, '.' and '-'",
            "3:15: firmware: expected an object, got a string",
            "4:41: transport.port: expected an integer, got a string",
            "4:56: transport.tls: expected a boolean, got a string",
            "4:63: transport: duplicate property 'tls'",
            "5:53: framing.max-frame: expected an integer, got 1.5",
            "6:133: dialect.event-invoke-id: expected a string, got a number",
            "7:28: dialect.application-session: missing required property 'protocol-version'",
            "7:70: dialect.application-session.reset-at: 1 is out of range: must be a fraction of the session duration, greater than 0 and less than 1",
            "8:17: keep-alive: expected an object, got an array",
            "9:13: quirks: expected an array of strings, got a string",
            "10:47: numbering-plan[0].to: '5001' must have as many digits as from '5099' and not be below it",
            "10:88: numbering-plan[1].from: '50a1' is not a DN of 1-32 digits",
            "10:118: numbering-plan[1].type: 'pbx' is not one of extension, acd-position, acd-queue, route-point, trunk",
            "10:127: numbering-plan[2]: expected an object, got a number",
            "11:29: services: duplicate service 'MakeCall'",
            "11:41: services: expected a string, got a number");
    }

    [Fact]
    public void IdMustMatchTheFileName()
    {
        AssertProblems("other-name.json", "{\n  \"id\": \"osv-v10\",\n" + ValidTcpTail,
            "2:9: id: 'osv-v10' does not match the file name 'other-name.json'");
    }

    [Fact]
    public void AMisspeltPropertyGetsASuggestion()
    {
        AssertProblems("misspelt.json", "{\n  \"id\": \"misspelt\",\n" + ValidTcpTail.Replace("\"kpl-tolerance\"", "\"kpl-tollerance\"", StringComparison.Ordinal),
            "8:17: keep-alive: missing required property 'kpl-tolerance'",
            "8:39: keep-alive: unknown property 'kpl-tollerance' (did you mean 'kpl-tolerance'?)");
    }

    [Fact]
    public void TheValidTailIsValid()
    {
        AssertProblems("tail.json", "{\n  \"id\": \"tail\",\n" + ValidTcpTail);
    }

    [Fact]
    public void HardwareErrorSettingsAreCheckedAtTheirValueAndDefaultWhenAbsent()
    {
        var tail = ValidTcpTail.Replace(
            "\"services\": [ \"MakeCall\" ]",
            "\"services\": [ \"MakeCall\" ],\n  \"hardware-errors\": { \"events-per-second\": 0, \"drop-errors-per-second\": -1, \"drop-window-s\": \"ten\", \"drop-rate\": 5 }",
            StringComparison.Ordinal);
        AssertProblems("storm.json", "{\n  \"id\": \"storm\",\n" + tail,
            "11:45: hardware-errors.events-per-second: 0 is out of range: at least 1 and at most 10000 EventHardwareError per second per link and cause",
            "11:74: hardware-errors.drop-errors-per-second: -1 is out of range: 0 (never drop) to 1000000 hardware errors per second",
            "11:95: hardware-errors.drop-window-s: expected an integer, got a string",
            "11:102: hardware-errors: unknown property 'drop-rate'");

        var valid = ValidTcpTail.Replace(
            "\"services\": [ \"MakeCall\" ]",
            "\"services\": [ \"MakeCall\" ],\n  \"hardware-errors\": { \"events-per-second\": 3, \"drop-errors-per-second\": 0 }",
            StringComparison.Ordinal);
        var (profile, problems) = FirmwareProfileLoader.Parse("storm.json", Encoding.UTF8.GetBytes("{\n  \"id\": \"storm\",\n" + valid));
        Assert.Empty(problems);
        Assert.Equal(new HardwareErrorSettings(3, 0, TimeSpan.FromSeconds(10)), profile!.HardwareErrors);
        var (plain, _) = FirmwareProfileLoader.Parse("tail.json", Encoding.UTF8.GetBytes("{\n  \"id\": \"tail\",\n" + ValidTcpTail));
        Assert.Same(HardwareErrorSettings.Default, plain!.HardwareErrors);
        Assert.Equal(new HardwareErrorSettings(10, 100, TimeSpan.FromSeconds(10)), HardwareErrorSettings.Default);
    }

    [Fact]
    public void SyntaxErrorsReportTheirOwnPosition()
    {
        AssertProblems("syntax.json", "{\n  \"id\": \"syntax\",\n  \"model\": ,\n}", "3:12: JSON syntax error: ',' is an invalid start of a value");
        AssertProblems("empty.json", "", "1:1: the file is empty: expected a JSON object");
        AssertProblems("comment.json", "{ // no comments\n}", "1:3: JSON syntax error: '/' is invalid after a value. Expected either ',', '}', or ']'");
        AssertProblems("trailing.json", "{\n  \"id\": \"trailing\",\n}", "3:1: JSON syntax error: The JSON object contains a trailing comma at the end which is not supported in this mode");
        AssertProblems("latin1.json", "{\n  \"model\": \"a\uFFFDb\"\n}", "2:14: the file is not valid UTF-8 (byte 0xF9)", replace: ("\uFFFD", 0xF9));
        AssertProblems("root.json", "[]", "1:1: profile: expected an object, got an array");
    }

    [Fact]
    public void ColumnsCountCharactersNotBytesAndSkipTheByteOrderMark()
    {
        var json = "\uFEFF{\n  \"model\": \"Zürich Öst ☎\", \"id\": 5 }";

        AssertProblems("utf8.json", json,
            "1:1: profile: missing required property 'firmware'",
            "1:1: profile: missing required property 'transport'",
            "1:1: profile: missing required property 'framing'",
            "1:1: profile: missing required property 'dialect'",
            "1:1: profile: missing required property 'keep-alive'",
            "1:1: profile: missing required property 'numbering-plan'",
            "1:1: profile: missing required property 'services'",
            "2:34: id: expected a string, got a number");
    }

    [Fact]
    public void LoadThrowsWithEveryProblemAndAMissingFileIsNamed()
    {
        var folder = Directory.CreateTempSubdirectory("ctigw-profiles-");
        try
        {
            var path = Path.Combine(folder.FullName, "broken.json");
            File.WriteAllText(path, "{\n  \"id\": \"broken\",\n  \"colour\": 1,\n" + ValidTcpTail.Replace("\"port\": 1040", "\"port\": 0", StringComparison.Ordinal));

            var error = Assert.Throws<FirmwareProfileException>(() => FirmwareProfileLoader.Load(path));
            Assert.Equal(
                [$"{path}:3:3: profile: unknown property 'colour'", $"{path}:6:41: transport.port: 0 is out of range: must be 1-65535"],
                error.Problems.Select(p => p.ToString()));

            var missing = Path.Combine(folder.FullName, "missing.json");
            Assert.Equal([$"{missing}:1:1: cannot read the profile: no such file"], FirmwareProfileLoader.Validate(missing).Select(p => p.ToString()));

            var huge = Path.Combine(folder.FullName, "huge.json");
            File.WriteAllBytes(huge, new byte[FirmwareProfileLoader.MaxFileBytes + 1]);
            Assert.Equal(
                [$"{huge}:1:1: the profile is 1048577 bytes, more than the 1048576 allowed"],
                FirmwareProfileLoader.Validate(huge).Select(p => p.ToString()));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void RandomlyDamagedProfilesOnlyEverGiveProblems()
    {
        var originals = RepoFolders.ShippedProfiles().Select(f => (Name: Path.GetFileName(f), Bytes: File.ReadAllBytes(f))).ToList();
        var random = new Random(20261122);
        for (var i = 0; i < 20_000; i++)
        {
            var (name, original) = originals[i % originals.Count];
            var bytes = (byte[])original.Clone();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                bytes[random.Next(bytes.Length)] = (byte)(random.Next(3) switch { 0 => random.Next(256), 1 => '"', _ => "0123456789{}[],:-."[random.Next(18)] });
            }

            var (profile, problems) = FirmwareProfileLoader.Parse(name, bytes);
            Assert.True(profile is null == problems.Count > 0);
            Assert.All(problems, p => Assert.True(p.Line >= 1 && p.Column >= 1 && p.Message.Length > 0));
        }
    }

    private static void AssertProblems(string file, string json, string expected, (string Marker, byte Byte) replace)
    {
        var bytes = Encoding.UTF8.GetBytes(json.Replace(replace.Marker, "\u0001", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)1)] = replace.Byte;
        var (profile, problems) = FirmwareProfileLoader.Parse(file, bytes);
        Assert.Null(profile);
        Assert.Equal([expected], problems.Select(p => $"{p.Line}:{p.Column}: {p.Message}"));
    }

    private static void AssertProblems(string file, string json, params string[] expected)
    {
        var (profile, problems) = FirmwareProfileLoader.Parse(file, Encoding.UTF8.GetBytes(json));
        Assert.Equal(expected, problems.Select(p => $"{p.Line}:{p.Column}: {p.Message}"));
        Assert.All(problems, p => Assert.Equal(file, p.File));
        Assert.Equal(expected.Length == 0, profile is not null);
    }
}
