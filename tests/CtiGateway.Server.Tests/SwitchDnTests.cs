namespace CtiGateway.Server.Tests;

/// <summary>DNs written DN@switch: the bare DN when the text after the last '@' is a switch the server declared.</summary>
public sealed class SwitchDnTests
{
    [Theory]
    [InlineData("5001@tel_sw", "5001")]
    [InlineData("7778@tel_sw_1", "7778")]
    [InlineData("a@b@tel_sw", "a@b")]
    [InlineData("5001@nowhere", "5001@nowhere")]
    [InlineData("5001", "5001")]
    [InlineData("@tel_sw", "@tel_sw")]
    [InlineData("5001@", "5001@")]
    public async Task TheBareDnIsTheTextBeforeTheLastAtOnlyForADeclaredSwitch(string written, string bare)
    {
        await using var server = new TlibServer(new TServerOptions { Host = "127.0.0.1", Port = 0 }, new LogCapture());
        server.SetLinkState("tel_sw", connected: true, "up");
        server.SetLinkState("tel_sw_1", connected: false, "connecting");
        Assert.Equal(bare, server.BareDn(written));
    }
}
