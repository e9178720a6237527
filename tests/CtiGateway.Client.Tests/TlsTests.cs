using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CtiGateway.Client.Tests.Support;

namespace CtiGateway.Client.Tests;

public sealed class TlsTests
{
    [Fact(Timeout = TestTimeout.Test)]
    public async Task ConnectsOverTlsWithACallbackThatTrustsTheTestCertificate()
    {
        var ct = TestTimeout.Token(TestContext.Current.CancellationToken);
        using var certificate = SelfSigned("fake-tserver");
        await using var server = new FakeTServer(certificate);
        var options = ClientTestKit.Options(server.EndPoint);
        options.Tls = new TServerTlsOptions
        {
            Enabled = true,
            TargetHost = "fake-tserver",
            RemoteCertificateValidation = (_, cert, _, _) => cert is not null && cert.GetCertHashString() == certificate.GetCertHashString(),
        };
        await using var client = new TServerClient(options);

        Assert.Equal(MessageType.EventLinkConnected, (await client.ConnectAsync(ct)).Type);
        Assert.Equal(MessageType.EventRegistered, (await client.RegisterAddressAsync("5001", ct)).Type);
    }

    [Fact(Timeout = TestTimeout.Test)]
    public async Task UntrustedCertificateFailsTheConnect()
    {
        using var certificate = SelfSigned("fake-tserver");
        await using var server = new FakeTServer(certificate);
        var options = ClientTestKit.Options(server.EndPoint);
        options.Tls = new TServerTlsOptions { Enabled = true, TargetHost = "fake-tserver" };
        await using var client = new TServerClient(options);

        var error = await Assert.ThrowsAsync<TServerConnectionException>(() => client.ConnectAsync(TestTimeout.Token(TestContext.Current.CancellationToken)));

        Assert.Contains(server.EndPoint.ToString(), error.Message, StringComparison.Ordinal);
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
