using System.Globalization;
using CtiGateway.Protocol;
using CtiGateway.Protocol.Tests.WireFormat;

namespace CtiGateway.Server.Tests.WireFormat;

/// <summary>
/// Holds the error examples of docs/wire-format.md to a real server: each row's bytes are sent over TCP and the
/// EventError that comes back must carry the documented ReferenceID and exactly the documented ErrorMessage.
/// </summary>
public sealed class WireFormatErrorDocTests
{
    [Fact]
    public async Task FramingErrorExamples_AreTheTextsTheServerSends()
    {
        var rows = DocTable.Rows("## 2. Frames", "The client sends (hex)");
        Assert.True(rows.Count >= 5, $"{WireFormatDocument.RelativePath} section 2 has {rows.Count} framing error examples.");
        await using var server = await TestServer.StartAsync();
        var wrong = new List<string>();
        foreach (var row in rows)
        {
            var bytes = DocTable.Hex(row[0]);
            var documented = DocTable.Code(row[2]);
            await using var client = await server.ConnectAsync();
            await client.SendRawAsync(bytes);
            if (row[1].Contains("FIN", StringComparison.Ordinal))
            {
                client.ShutdownSend();
            }

            // ADDP replies to a valid poll in front of the bad bytes are skipped; the error is the only message.
            var messages = await client.ReadUntilClosedAsync();
            var error = Assert.Single(messages);
            Assert.Equal(MessageType.EventError, error.Type);
            Assert.Equal(0, error.ReferenceID);
            Assert.Equal((int)ErrorCode.TERR_UNKNOWN_ERROR, error.ErrorCode);
            if (error.ErrorMessage != documented)
            {
                wrong.Add($"{row[0]}: the page says '{documented}', the server sent '{error.ErrorMessage}'");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task MessageErrorExamples_AreTheReferenceIdsAndTextsTheServerSends()
    {
        var rows = DocTable.Rows("### 3.1 Attribute", "The client sends (hex)");
        Assert.True(rows.Count >= 4, $"{WireFormatDocument.RelativePath} section 3.1 has {rows.Count} message error examples.");
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectRegisteredAsync();
        var wrong = new List<string>();
        foreach (var row in rows)
        {
            var documentedReferenceId = int.Parse(row[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var documented = DocTable.Code(row[3]);
            await client.SendRawAsync(DocTable.Hex(row[0]));

            var error = await client.ReceiveAsync();

            Assert.Equal(MessageType.EventError, error.Type);
            Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, error.ErrorCode);
            if (error.ReferenceID != documentedReferenceId || error.ErrorMessage != documented)
            {
                wrong.Add($"{row[1]}: the page says ReferenceID {documentedReferenceId} '{documented}', the server sent ReferenceID {error.ReferenceID} '{error.ErrorMessage}'");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));

        // Message errors are not fatal: the connection still answers.
        var info = await client.RequestAsync(new TlibMessage(MessageType.RequestQueryServer) { ReferenceID = 77 });
        Assert.Equal(MessageType.EventServerInfo, info.Type);
    }

    [Fact]
    public async Task VersionAndUnknownMessageExamples_AreTheAnswersTheServerSends()
    {
        var rows = DocTable.Rows("## 4. Versioning", "The client sends (hex)");
        Assert.True(rows.Count >= 3, $"{WireFormatDocument.RelativePath} section 4 has {rows.Count} examples.");
        await using var server = await TestServer.StartAsync();
        var wrong = new List<string>();
        foreach (var row in rows)
        {
            var documentedReferenceId = int.Parse(row[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var documentedCode = int.Parse(row[3].Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture);
            Assert.Equal(Enum.GetName((ErrorCode)documentedCode), DocTable.Code(row[3]));
            var documented = DocTable.Code(row[4]);
            await using var client = await server.ConnectAsync();
            await client.SendRawAsync(DocTable.Hex(row[0]));

            var error = await client.ReceiveAsync();

            Assert.Equal(MessageType.EventError, error.Type);
            if (error.ReferenceID != documentedReferenceId || error.ErrorCode != documentedCode || error.ErrorMessage != documented)
            {
                wrong.Add($"{row[1]}: the page says ReferenceID {documentedReferenceId}, ErrorCode {documentedCode} '{documented}', " +
                    $"the server sent ReferenceID {error.ReferenceID}, ErrorCode {error.ErrorCode} '{error.ErrorMessage}'");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}
