using System.Text;

namespace CtiGateway.Protocol;

/// <summary>
/// A T-Library message: a message type plus typed attributes, in the order they were set. At most one value per
/// attribute id. The common attributes have typed properties; every attribute is reachable through
/// <see cref="TryGet"/> and the Set methods.
/// </summary>
public sealed class TlibMessage
{
    private TlibAttribute[] _attributes;
    private int _count;

    /// <summary>Creates an empty message of <paramref name="type"/>.</summary>
    public TlibMessage(MessageType type, int capacity = 8)
    {
        Type = type;
        _attributes = new TlibAttribute[Math.Max(capacity, 1)];
    }

    /// <summary>The message type id.</summary>
    public MessageType Type { get; set; }

    /// <summary>The reference name of the message type.</summary>
    public string Name => MessageCatalog.GetName(Type);

    /// <summary>Number of attributes.</summary>
    public int Count => _count;

    /// <summary>The attributes, in order.</summary>
    public ReadOnlySpan<TlibAttribute> Attributes => _attributes.AsSpan(0, _count);

    /// <summary>Sets an attribute, replacing any value with the same id.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is <c>default(AttributeValue)</c>.</exception>
    public TlibMessage Set(AttributeId id, AttributeValue value)
    {
        if (value.IsEmpty)
        {
            throw new ArgumentException($"Attribute {AttributeCatalog.GetName(id)} needs a value: default(AttributeValue) holds none.", nameof(value));
        }

        for (var i = 0; i < _count; i++)
        {
            if (_attributes[i].Id == id)
            {
                _attributes[i] = new TlibAttribute(id, value);
                return this;
            }
        }

        if (_count == _attributes.Length)
        {
            Array.Resize(ref _attributes, _count * 2);
        }

        _attributes[_count++] = new TlibAttribute(id, value);
        return this;
    }

    /// <summary>Appends an attribute without looking for an existing one (decoder path; ids are unique there).</summary>
    internal void AddUnchecked(AttributeId id, AttributeValue value)
    {
        if (_count == _attributes.Length)
        {
            Array.Resize(ref _attributes, _count * 2);
        }

        _attributes[_count++] = new TlibAttribute(id, value);
    }

    /// <summary>
    /// Appends an attribute from its value's parts, unchecked (decoder path: the tag is valid and the parts match it).
    /// Built in place from registers, it spares the struct copies and the by-reference write barrier of
    /// <see cref="AddUnchecked(AttributeId, AttributeValue)"/>.
    /// </summary>
    internal void AddUnchecked(AttributeId id, AttributeValueType type, long scalar, int micro, object? reference)
    {
        if (_count == _attributes.Length)
        {
            Array.Resize(ref _attributes, _count * 2);
        }

        _attributes[_count++] = new TlibAttribute(id, AttributeValue.Create(type, scalar, micro, reference));
    }

    /// <summary>Sets a String attribute.</summary>
    public TlibMessage Set(AttributeId id, string value) => Set(id, AttributeValue.FromString(value));

    /// <summary>Sets an Int attribute.</summary>
    public TlibMessage Set(AttributeId id, int value) => Set(id, AttributeValue.FromInt(value));

    /// <summary>Sets a Long attribute.</summary>
    public TlibMessage Set(AttributeId id, long value) => Set(id, AttributeValue.FromLong(value));

    /// <summary>Sets a key-value list attribute.</summary>
    public TlibMessage Set(AttributeId id, KeyValueList value) => Set(id, AttributeValue.FromList(value));

    /// <summary>Sets a mask attribute.</summary>
    public TlibMessage Set(AttributeId id, TlibMask value) => Set(id, AttributeValue.FromMask(value));

    /// <summary>Sets a time attribute.</summary>
    public TlibMessage Set(AttributeId id, TlibTime value) => Set(id, AttributeValue.FromTime(value));

    /// <summary>Sets a Binary attribute.</summary>
    public TlibMessage Set(AttributeId id, byte[] value) => Set(id, AttributeValue.FromBinary(value));

    /// <summary>Removes an attribute; returns false when it was not there.</summary>
    public bool Remove(AttributeId id)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_attributes[i].Id == id)
            {
                Array.Copy(_attributes, i + 1, _attributes, i, _count - i - 1);
                _attributes[--_count] = default;
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds an attribute.</summary>
    public bool TryGet(AttributeId id, out AttributeValue value)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_attributes[i].Id == id)
            {
                value = _attributes[i].Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>True when the attribute is present.</summary>
    public bool Has(AttributeId id) => TryGet(id, out _);

    /// <summary>The String value of <paramref name="id"/>, or null when absent or of another type.</summary>
    public string? GetString(AttributeId id) => TryGet(id, out var v) && v.Type == AttributeValueType.String ? v.AsString() : null;

    /// <summary>The Int value of <paramref name="id"/>, or null when absent or of another type.</summary>
    public int? GetInt(AttributeId id) => TryGet(id, out var v) && v.Type == AttributeValueType.Int ? v.AsInt() : null;

    /// <summary>The Long value of <paramref name="id"/>, or null when absent or of another type.</summary>
    public long? GetLong(AttributeId id) => TryGet(id, out var v) && v.Type == AttributeValueType.Long ? v.AsLong() : null;

    /// <summary>The list value of <paramref name="id"/>, or null when absent or of another type.</summary>
    public KeyValueList? GetList(AttributeId id) => TryGet(id, out var v) && v.Type == AttributeValueType.List ? v.AsList() : null;

    private void SetOrRemove(AttributeId id, string? value)
    {
        if (value is null)
        {
            Remove(id);
        }
        else
        {
            Set(id, value);
        }
    }

    private void SetOrRemove(AttributeId id, int? value)
    {
        if (value is null)
        {
            Remove(id);
        }
        else
        {
            Set(id, value.Value);
        }
    }

    private void SetOrRemove(AttributeId id, long? value)
    {
        if (value is null)
        {
            Remove(id);
        }
        else
        {
            Set(id, value.Value);
        }
    }

    private void SetOrRemove(AttributeId id, KeyValueList? value)
    {
        if (value is null)
        {
            Remove(id);
        }
        else
        {
            Set(id, value);
        }
    }

    /// <summary>ReferenceID (2): the client's request id, echoed in the response.</summary>
    public int? ReferenceID { get => GetInt(AttributeId.ReferenceID); set => SetOrRemove(AttributeId.ReferenceID, value); }

    /// <summary>ThisDN (20).</summary>
    public string? ThisDN { get => GetString(AttributeId.ThisDN); set => SetOrRemove(AttributeId.ThisDN, value); }

    /// <summary>OtherDN (24).</summary>
    public string? OtherDN { get => GetString(AttributeId.OtherDN); set => SetOrRemove(AttributeId.OtherDN, value); }

    /// <summary>ThirdPartyDN (28).</summary>
    public string? ThirdPartyDN { get => GetString(AttributeId.ThirdPartyDN); set => SetOrRemove(AttributeId.ThirdPartyDN, value); }

    /// <summary>ConnID (9).</summary>
    public ConnId? ConnID
    {
        get => GetLong(AttributeId.ConnID) is { } v ? new ConnId((ulong)v) : null;
        set => SetOrRemove(AttributeId.ConnID, value is { } c ? (long)c.Value : null);
    }

    /// <summary>CallID (3): the switch's call id.</summary>
    public long? CallID { get => GetLong(AttributeId.CallID); set => SetOrRemove(AttributeId.CallID, value); }

    /// <summary>CallType (54).</summary>
    public CallType? CallType { get => (CallType?)GetInt(AttributeId.CallType); set => SetOrRemove(AttributeId.CallType, (int?)value); }

    /// <summary>CallState (13).</summary>
    public CallState? CallState { get => (CallState?)GetInt(AttributeId.CallState); set => SetOrRemove(AttributeId.CallState, (int?)value); }

    /// <summary>ThisDNRole (23).</summary>
    public DNRole? ThisDNRole { get => (DNRole?)GetInt(AttributeId.ThisDNRole); set => SetOrRemove(AttributeId.ThisDNRole, (int?)value); }

    /// <summary>ErrorCode (46).</summary>
    public int? ErrorCode { get => GetInt(AttributeId.ErrorCode); set => SetOrRemove(AttributeId.ErrorCode, value); }

    /// <summary>ErrorMessage (1).</summary>
    public string? ErrorMessage { get => GetString(AttributeId.ErrorMessage); set => SetOrRemove(AttributeId.ErrorMessage, value); }

    /// <summary>UserData (51).</summary>
    public KeyValueList? UserData { get => GetList(AttributeId.UserData); set => SetOrRemove(AttributeId.UserData, value); }

    /// <summary>Reasons (17).</summary>
    public KeyValueList? Reasons { get => GetList(AttributeId.Reasons); set => SetOrRemove(AttributeId.Reasons, value); }

    /// <summary>Extensions (53).</summary>
    public KeyValueList? Extensions { get => GetList(AttributeId.Extensions); set => SetOrRemove(AttributeId.Extensions, value); }

    /// <summary>EventSequenceNumber (148): the server-wide 64-bit event counter.</summary>
    public long? EventSequenceNumber { get => GetLong(AttributeId.EventSequenceNumber); set => SetOrRemove(AttributeId.EventSequenceNumber, value); }

    /// <summary>ServerStartTime (147).</summary>
    public TlibTime? ServerStartTime
    {
        get => TryGet(AttributeId.ServerStartTime, out var v) && v.Type == AttributeValueType.Time ? v.AsTime() : null;
        set
        {
            if (value is { } t)
            {
                Set(AttributeId.ServerStartTime, t);
            }
            else
            {
                Remove(AttributeId.ServerStartTime);
            }
        }
    }

    /// <summary>The event time: TimeinSecs (86) plus TimeinuSecs (87).</summary>
    public TlibTime? Time
    {
        get => GetInt(AttributeId.TimeinSecs) is { } s ? new TlibTime((uint)s, GetInt(AttributeId.TimeinuSecs) ?? 0) : null;
        set
        {
            if (value is { } t)
            {
                Set(AttributeId.TimeinSecs, unchecked((int)(uint)t.Seconds));
                Set(AttributeId.TimeinuSecs, t.Microseconds);
            }
            else
            {
                Remove(AttributeId.TimeinSecs);
                Remove(AttributeId.TimeinuSecs);
            }
        }
    }

    /// <summary>A copy whose lists are deep copies.</summary>
    public TlibMessage Clone()
    {
        var copy = new TlibMessage(Type, _count);
        foreach (ref readonly var a in Attributes)
        {
            copy.AddUnchecked(a.Id, a.Value.Type == AttributeValueType.List ? AttributeValue.FromList(a.Value.AsList().Clone()) : a.Value);
        }

        return copy;
    }

    /// <summary>Text form: <c>EventName Attr=value ...</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Name);
        foreach (ref readonly var a in Attributes)
        {
            sb.Append(' ').Append(a.Name).Append('=');
            if (a.Id is AttributeId.ConnID or AttributeId.PreviousConnID or AttributeId.TransferConnID or AttributeId.ConferenceConnID
                && a.Value.Type == AttributeValueType.Long)
            {
                sb.Append(new ConnId((ulong)a.Value.AsLong()).ToString());
            }
            else
            {
                sb.Append(a.Value.ToString());
            }
        }

        return sb.ToString();
    }
}
