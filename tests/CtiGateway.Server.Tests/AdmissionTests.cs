using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

public sealed class AdmissionTests
{
    [Fact]
    public async Task ConnectionOverMaxClients_GetsNoMoreLicenseWithReferenceIdZero_AndIsClosed()
    {
        await using var server = await TestServer.StartAsync(o => o.MaxClients = 2);
        await using var first = await server.ConnectRegisteredAsync();
        var second = await server.ConnectRegisteredAsync();

        await using (var third = await server.ConnectAsync())
        {
            var messages = await third.ReadUntilClosedAsync();
            var error = Assert.Single(messages);
            Assert.Equal(MessageType.EventError, error.Type);
            Assert.Equal(0, error.ReferenceID);
            Assert.Equal((int)ErrorCode.TERR_NOMORE_LICENSE, error.ErrorCode);
            Assert.Equal("Too many clients (max 2)", error.ErrorMessage);
        }

        Assert.Equal(2, server.Server.ClientCount);
        var line = await server.Logs.WaitForAsync(1005);
        Assert.Contains("max 2", line.Message, StringComparison.Ordinal);

        // A freed slot takes the next connection.
        await second.DisposeAsync();
        await TestServer.EventuallyAsync(() => server.Server.ClientCount == 1, "the second client is gone");
        await using var fourth = await server.ConnectRegisteredAsync();
        Assert.Equal(2, server.Server.ClientCount);
        Assert.Equal(1, server.Server.ClientsRejected);
    }

    [Fact]
    public async Task AddressOutsideTheAllowList_IsRefusedBeforeAnythingIsRead()
    {
        await using var server = await TestServer.StartAsync(o => o.AllowedClients = ["10.0.0.0/8"]);

        // The server resets a refused connection at once, so the reset can surface at connect, write or read.
        try
        {
            await using var client = await server.ConnectAsync();
            await client.SendAsync(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 1 });
            Assert.Empty(await client.ReadUntilClosedAsync());
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset })
        {
            // Refused by a reset: what the test expects.
        }

        var line = await server.Logs.WaitForAsync(1004);
        Assert.Contains("127.0.0.1", line.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Server.ClientCount);
        Assert.Equal(0, server.Server.RequestsReceived);
    }

    [Fact]
    public async Task AddressInsideTheAllowList_IsServed()
    {
        await using var server = await TestServer.StartAsync(o => o.AllowedClients = ["10.0.0.0/8", "127.0.0.0/8"]);
        await using var client = await server.ConnectRegisteredAsync();
        Assert.Equal(MessageType.EventServerInfo, (await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer))).Type);
    }

    [Fact]
    public async Task Tls_RoundTripWithASelfSignedCertificateFromPemFiles()
    {
        var folder = Directory.CreateTempSubdirectory("ctigw-tls-");
        try
        {
            var (certPath, keyPath, thumbprint) = WriteSelfSignedPem(folder.FullName);
            await using var server = await TestServer.StartAsync(o =>
            {
                o.Tls.CertificatePemFile = certPath;
                o.Tls.KeyPemFile = keyPath;
            });
            await server.Logs.WaitForAsync(1000, e => e.Message.Contains("TLS True", StringComparison.Ordinal));
            await using var client = await TestClient.ConnectAsync(server.EndPoint, thumbprint);

            var link = await client.RequestAsync(new TlibMessage(MessageType.RequestRegisterClient) { ReferenceID = 7 });
            var info = await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 8 });

            Assert.Equal(MessageType.EventLinkDisconnected, link.Type);
            Assert.Equal(MessageType.EventServerInfo, info.Type);
            Assert.True(Assert.Single(server.Server.GetClients()).Tls);

            // A plain-TCP client on the TLS port gets no T-Library answer.
            await using var plain = await server.ConnectAsync();
            await plain.SendAsync(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 9 });
            Assert.DoesNotContain(await plain.ReadUntilClosedAsync(), m => m.ReferenceID == 9);
            await server.Logs.WaitForAsync(1014);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    internal static (string CertPath, string KeyPath, string Thumbprint) WriteSelfSignedPem(string folder)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(folder, "server.crt.pem");
        var keyPath = Path.Combine(folder, "server.key.pem");
        File.WriteAllText(certPath, cert.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath, cert.GetCertHashString());
    }
}
