namespace CtiGateway.Server.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        Assert.Empty(new TServerOptions().Validate());
    }

    [Fact]
    public void Validate_ReturnsOneLinePerProblemWithTheKeyPath()
    {
        var options = new TServerOptions
        {
            Host = "not-an-address",
            Port = 70000,
            MaxClients = 0,
            MaxFrameSize = 100,
            ClientQueueBytes = 0,
            AllowedClients = ["10.0.0.0/8", "10.0.0.0/33", "banana"],
            Tls = new TServerTlsOptions { CertificatePemFile = "/nonexistent/cert.pem" },
            Addp = new TServerAddpOptions { TimeoutSeconds = -1, RemoteTimeoutSeconds = 3601, Trace = "loud" },
            ApplicationName = " ",
        };

        var problems = options.Validate().ToList();

        string[] expected =
        [
            "TServer:Host: 'not-an-address' is not an IP address",
            "TServer:Port: 70000 is out of range 0-65535",
            "TServer:MaxClients: 0 is out of range 1-",
            "TServer:MaxFrameSize: 100 is out of range 1024-16777216 bytes",
            "TServer:ClientQueueBytes: 0 is out of range 1-",
            "TServer:AllowedClients:1: '10.0.0.0/33' is not a CIDR range",
            "TServer:AllowedClients:2: 'banana' is not a CIDR range",
            "TServer:Tls:CertificatePemFile: file '/nonexistent/cert.pem' does not exist",
            "TServer:Tls:KeyPemFile: is empty but the certificate file is set",
            "TServer:Addp:TimeoutSeconds: -1 is out of range 0-3600",
            "TServer:Addp:RemoteTimeoutSeconds: 3601 is out of range 0-3600",
            "TServer:Addp:Trace: 'loud' is not one of off, local, remote, full",
            "TServer:ApplicationName: must not be empty",
        ];
        Assert.Equal(expected.Length, problems.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.StartsWith(expected[i], problems[i], StringComparison.Ordinal);
            Assert.DoesNotContain('\n', problems[i]);
        }
    }

    [Fact]
    public void Validate_UsesTheGivenSectionAndChecksTheQueueAgainstTheFrameSize()
    {
        var problems = new TServerOptions { ClientQueueBytes = 2048 }.Validate("Gateway:TServer").ToList();

        var line = Assert.Single(problems);
        Assert.StartsWith("Gateway:TServer:ClientQueueBytes: 2048 is below MaxFrameSize (65536)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ChecksTheClientLimitsAndDeadlines()
    {
        var options = new TServerOptions
        {
            MaxClientsPerAddress = 0,
            RegistrationTimeoutSeconds = 0,
            FrameTimeoutSeconds = 3601,
            MaxDnsPerClient = 0,
        };

        string[] expected =
        [
            "TServer:MaxClientsPerAddress: 0 is out of range 1-100000 (set it to MaxClients for no limit per address)",
            "TServer:RegistrationTimeoutSeconds: 0 is out of range 1-3600 seconds",
            "TServer:FrameTimeoutSeconds: 3601 is out of range 1-3600 seconds",
            "TServer:MaxDnsPerClient: 0 is out of range 1-10000000",
        ];
        Assert.Equal(expected, options.Validate());
        Assert.Empty(new TServerOptions { MaxClientsPerAddress = 100_000, RegistrationTimeoutSeconds = 1, FrameTimeoutSeconds = 3600, MaxDnsPerClient = 10_000_000 }.Validate());
    }

    [Fact]
    public void Validate_AcceptsSingleAddressesLocalhostAndAnyHost()
    {
        Assert.Empty(new TServerOptions { Host = "localhost", AllowedClients = ["192.168.1.20", "::1", "fd00::/8"] }.Validate());
        Assert.Empty(new TServerOptions { Host = "*" }.Validate());
        Assert.Empty(new TServerOptions { Host = "::" }.Validate());
    }

    [Fact]
    public void Validate_LoadsThePemFiles()
    {
        var folder = Directory.CreateTempSubdirectory("ctigw-pem-");
        try
        {
            var (cert, key, _) = AdmissionTests.WriteSelfSignedPem(folder.FullName);
            Assert.Empty(new TServerOptions { Tls = { CertificatePemFile = cert, KeyPemFile = key } }.Validate());

            var problem = Assert.Single(new TServerOptions { Tls = { CertificatePemFile = cert, KeyPemFile = cert } }.Validate());
            Assert.StartsWith("TServer:Tls: cannot load", problem, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Constructor_RefusesInvalidOptionsListingEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TlibServer(new TServerOptions { Port = -1, MaxClients = 0 }, new LogCapture()));
        Assert.Contains("TServer:Port", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TServer:MaxClients", ex.Message, StringComparison.Ordinal);
    }
}
