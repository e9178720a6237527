using System.Globalization;
using CtiGateway.Protocol;

namespace CtiGateway.Switching.Tests.Calls;

/// <summary>
/// Issue 9 acceptance "Concurrent user data": the two parties' clients change one call's user data at the same time
/// (Attach, Update, DeletePair pipelined from two sockets) while a third client, on a DN not on the call
/// (CM-UDATA-THIRDPARTY), updates and deletes it too. Both parties see every EventAttachedDataChanged in the same order,
/// each one the previous data with one request applied, and end with the model's data.
/// </summary>
public sealed class ConcurrentUserDataTests
{
    private static readonly TimeSpan Timeout = CallRig.Timeout;

    [Fact]
    public async Task TwoPartiesAndAThirdDnChangingUserDataAtOnceSeeOneOrderOfChangesAndEndWithTheModelsData()
    {
        await using var rig = await CallRig.StartAsync();
        var a = await rig.ClientAsync("desk-a", "5001");
        var b = await rig.ClientAsync("desk-b", "5002");
        var c = await rig.ClientAsync("router-c", "5050");
        var callId = rig.PlaceCall("5001", "5002");
        await rig.WaitForSameTablesAsync("the call 5001-5002");
        var connId = (await rig.CallAsync(callId)).ConnId;
        await a.WaitForAsync(m => m.Type == MessageType.EventEstablished && m.ConnID == connId, Timeout, "EventEstablished at 5001");
        await b.WaitForAsync(m => m.Type == MessageType.EventEstablished && m.ConnID == connId, Timeout, "EventEstablished at 5002");

        // Each party: 100 rounds of Attach {Xi}, Update {shared, X-round}, and every third round DeletePair of the previous
        // round's key. The third DN: 30 Updates {third}, with DeleteUserData (all) half way.
        var scripts = new Dictionary<CallClient, (string Dn, List<TlibMessage> Requests)>
        {
            [a] = ("5001", PartyScript("5001", connId, "a")),
            [b] = ("5002", PartyScript("5002", connId, "b")),
            [c] = ("5050", ThirdPartyScript("5050", connId)),
        };
        var sent = new Dictionary<CallClient, List<int>>();
        foreach (var client in scripts.Keys)
        {
            sent[client] = [];
        }

        await Task.WhenAll(scripts.Select(s => Task.Run(() => SendInChunksAsync(s.Key, s.Value.Requests, sent[s.Key]))));

        // Every request gets exactly one answer: its EventAttachedDataChanged, or EventError (a DeletePair whose key the
        // third DN's DeleteUserData took first).
        foreach (var (client, references) in sent)
        {
            await client.WaitUntilAsync(log => references.All(r => log.Any(m => m.ReferenceID == r)), Timeout, $"answers to all {references.Count} requests");
        }

        var succeeded = new Dictionary<string, List<TlibMessage>>(StringComparer.Ordinal);
        foreach (var (client, (dn, requests)) in scripts)
        {
            succeeded[dn] = [];
            for (var i = 0; i < requests.Count; i++)
            {
                var answers = client.AnswersTo(sent[client][i]);
                Assert.True(answers.Count == 1, $"{client.Name} request {i} ({requests[i].Type}) answered {answers.Count} times: {string.Join(", ", answers.Select(CallClient.Describe))}");
                var answer = answers[0];
                if (answer.Type == MessageType.EventError)
                {
                    Assert.Equal(MessageType.RequestDeletePair, requests[i].Type);
                    Assert.Equal((int)ErrorCode.TERR_INVALID_ATTR, answer.ErrorCode);
                    continue;
                }

                Assert.Equal(MessageType.EventAttachedDataChanged, answer.Type);
                Assert.Equal(connId, answer.ConnID);
                Assert.Equal(dn, answer.ThirdPartyDN);
                succeeded[dn].Add(requests[i]);
            }
        }

        Assert.True(succeeded["5001"].Count >= 200 && succeeded["5002"].Count >= 200, "most party requests succeed");
        Assert.Equal(30, succeeded["5050"].Count);

        // Both parties get one event per successful request of anyone, in one order.
        var total = succeeded.Values.Sum(s => s.Count);
        IReadOnlyList<TlibMessage> Changes(IReadOnlyList<TlibMessage> log) =>
            [.. log.Where(m => m.Type == MessageType.EventAttachedDataChanged && m.ConnID == connId)];
        await a.WaitUntilAsync(log => Changes(log).Count >= total, Timeout, $"{total} EventAttachedDataChanged at 5001");
        await b.WaitUntilAsync(log => Changes(log).Count >= total, Timeout, $"{total} EventAttachedDataChanged at 5002");
        var seenByA = Changes(a.Log());
        var seenByB = Changes(b.Log());
        Assert.Equal(total, seenByA.Count);
        Assert.Equal(total, seenByB.Count);
        Assert.All(seenByA, m => Assert.Equal("5001", m.ThisDN));
        Assert.All(seenByB, m => Assert.Equal("5002", m.ThisDN));
        Assert.Equal(seenByA.Select(Change), seenByB.Select(Change));

        // That order is one where each request applies to the data the previous event carried: replay it.
        var next = succeeded.Keys.ToDictionary(dn => dn, _ => 0, StringComparer.Ordinal);
        var data = new KeyValueList();
        foreach (var evt in seenByA)
        {
            var requester = evt.ThirdPartyDN!;
            var request = succeeded[requester][next[requester]++];
            data = Apply(data, request);
            Assert.Equal(data.ToString(), evt.UserData!.ToString());
        }

        // Both end with the model's data; the third DN heard only its own changes, without ThisDN (CM-UDATA-THIRDPARTY).
        var model = (await rig.CallAsync(callId)).UserData;
        Assert.Equal(model.ToString(), seenByA[^1].UserData!.ToString());
        Assert.Equal(model.ToString(), seenByB[^1].UserData!.ToString());
        var heardByC = Changes(c.Log());
        Assert.Equal(30, heardByC.Count);
        Assert.All(heardByC, m =>
        {
            Assert.Equal("5050", m.ThirdPartyDN);
            Assert.Null(m.ThisDN);
            Assert.True(m.ReferenceID is > 0, "the third DN's copy answers its request");
        });
        Assert.Contains(seenByA, m => m.ThirdPartyDN == "5050" && m.UserData!.TryGetValue("third", out _));
    }

    private static List<TlibMessage> PartyScript(string dn, ConnId connId, string own)
    {
        var requests = new List<TlibMessage>();
        for (var i = 0; i < 100; i++)
        {
            var key = own + i.ToString(CultureInfo.InvariantCulture);
            requests.Add(Request(MessageType.RequestAttachUserData, dn, connId).Set(AttributeId.UserData, new KeyValueList().Add(key, "v" + key)));
            requests.Add(Request(MessageType.RequestUpdateUserData, dn, connId).Set(AttributeId.UserData, new KeyValueList().Add("shared", key).Add(own + "-round", i)));
            if (i % 3 == 2)
            {
                requests.Add(Request(MessageType.RequestDeletePair, dn, connId).Set(AttributeId.DataKey, own + (i - 1).ToString(CultureInfo.InvariantCulture)));
            }
        }

        return requests;
    }

    private static List<TlibMessage> ThirdPartyScript(string dn, ConnId connId)
    {
        var requests = new List<TlibMessage>();
        for (var i = 0; i < 30; i++)
        {
            requests.Add(i == 15
                ? Request(MessageType.RequestDeleteUserData, dn, connId)
                : Request(MessageType.RequestUpdateUserData, dn, connId).Set(AttributeId.UserData, new KeyValueList().Add("third", i)));
        }

        return requests;
    }

    private static TlibMessage Request(MessageType type, string dn, ConnId connId) => new(type) { ThisDN = dn, ConnID = connId };

    private static async Task SendInChunksAsync(CallClient client, List<TlibMessage> requests, List<int> references)
    {
        for (var i = 0; i < requests.Count; i += 5)
        {
            references.AddRange(await client.SendManyAsync(requests.GetRange(i, Math.Min(5, requests.Count - i))));
            await Task.Yield();
        }
    }

    private static KeyValueList Apply(KeyValueList data, TlibMessage request)
    {
        var next = data.Clone();
        switch (request.Type)
        {
            case MessageType.RequestAttachUserData:
                foreach (var (k, v) in request.UserData!)
                {
                    next.Add(k, v);
                }

                break;
            case MessageType.RequestUpdateUserData:
                foreach (var (k, v) in request.UserData!)
                {
                    next.Set(k, v);
                }

                break;
            case MessageType.RequestDeletePair:
                next.Remove(request.GetString(AttributeId.DataKey)!);
                break;
            default:
                next.Clear();
                break;
        }

        return next;
    }

    private static string Change(TlibMessage m) => $"{m.ThirdPartyDN} {m.UserData}";
}
