using CtiGateway.Protocol;

namespace CtiGateway.Switching;

/// <summary>
/// The events that answer a client request on its DN, still to come: the first of each type published to
/// <see cref="Dn"/> (on <see cref="ConnId"/> when set), or with <c>oneReply</c> only the first of them, carries
/// <see cref="ReferenceId"/> (rule 11 of the reference call models). It expires at <see cref="ExpiresAt"/> (a
/// <see cref="TimeProvider"/> timestamp) or when the switch refuses.
/// </summary>
internal sealed class ReplyExpectation(string dn, int referenceId, IReadOnlyList<MessageType> events, ConnId? connId, long expiresAt, bool oneReply = false)
{
    private readonly List<MessageType> _remaining = [.. events];

    public string Dn { get; } = dn;

    public int ReferenceId { get; } = referenceId;

    public ConnId? ConnId { get; } = connId;

    public long ExpiresAt { get; set; } = expiresAt;

    public bool IsSpent => _remaining.Count == 0;

    /// <summary>Stamps <paramref name="evt"/> when it is one of the events still expected; true when it was.</summary>
    public bool TryStamp(string dn, TlibMessage evt)
    {
        if (!string.Equals(dn, Dn, StringComparison.Ordinal) || evt.ReferenceID is > 0)
        {
            return false;
        }

        var i = _remaining.IndexOf(evt.Type);
        if (i < 0 || (ConnId is { } id && evt.Type != MessageType.EventDialing && evt.ConnID is { } got && got != id))
        {
            return false;
        }

        if (oneReply)
        {
            _remaining.Clear();
        }
        else
        {
            _remaining.RemoveAt(i);
        }

        evt.ReferenceID = ReferenceId;
        return true;
    }

    public void Spend() => _remaining.Clear();
}
