using System.Collections;
using System.Text;

namespace CtiGateway.Protocol;

/// <summary>
/// A T-Library key-value list (TKVList): UserData, Reasons, Extensions. Keys are strings; values are String, Int,
/// Binary, List or Unicode. Order is kept and duplicate keys are allowed, as in TKVList.
/// </summary>
public sealed class KeyValueList : IEnumerable<KeyValuePair<string, KeyValue>>, IEquatable<KeyValueList>
{
    private readonly List<KeyValuePair<string, KeyValue>> _pairs;

    /// <summary>Creates an empty list.</summary>
    public KeyValueList()
    {
        _pairs = [];
    }

    /// <summary>Creates an empty list with room for <paramref name="capacity"/> pairs.</summary>
    public KeyValueList(int capacity)
    {
        _pairs = new List<KeyValuePair<string, KeyValue>>(capacity);
    }

    /// <summary>Number of pairs.</summary>
    public int Count => _pairs.Count;

    /// <summary>The pair at <paramref name="index"/>.</summary>
    public KeyValuePair<string, KeyValue> this[int index] => _pairs[index];

    /// <summary>Adds a pair.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is <c>default(KeyValue)</c>.</exception>
    public KeyValueList Add(string key, KeyValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfEmpty(value);
        _pairs.Add(new KeyValuePair<string, KeyValue>(key, value));
        return this;
    }

    /// <summary>Adds a String pair.</summary>
    public KeyValueList Add(string key, string value) => Add(key, KeyValue.FromString(value));

    /// <summary>Adds an Int pair.</summary>
    public KeyValueList Add(string key, int value) => Add(key, KeyValue.FromInt(value));

    /// <summary>Adds a Binary pair.</summary>
    public KeyValueList Add(string key, byte[] value) => Add(key, KeyValue.FromBinary(value));

    /// <summary>Adds a nested list.</summary>
    public KeyValueList Add(string key, KeyValueList value) => Add(key, KeyValue.FromList(value));

    /// <summary>Adds a Unicode pair.</summary>
    public KeyValueList AddUnicode(string key, string value) => Add(key, KeyValue.FromUnicode(value));

    /// <summary>Replaces the first pair with <paramref name="key"/>, or adds it.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is <c>default(KeyValue)</c>.</exception>
    public KeyValueList Set(string key, KeyValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfEmpty(value);
        var i = IndexOf(key);
        if (i < 0)
        {
            return Add(key, value);
        }

        _pairs[i] = new KeyValuePair<string, KeyValue>(key, value);
        return this;
    }

    /// <summary>Removes every pair with <paramref name="key"/>; returns how many were removed.</summary>
    public int Remove(string key)
    {
        var kept = 0;
        for (var i = 0; i < _pairs.Count; i++)
        {
            if (!string.Equals(_pairs[i].Key, key, StringComparison.Ordinal))
            {
                _pairs[kept++] = _pairs[i];
            }
        }

        var removed = _pairs.Count - kept;
        _pairs.RemoveRange(kept, removed);
        return removed;
    }

    /// <summary>Removes all pairs.</summary>
    public void Clear() => _pairs.Clear();

    /// <summary>Index of the first pair with <paramref name="key"/>, or -1.</summary>
    public int IndexOf(string key)
    {
        for (var i = 0; i < _pairs.Count; i++)
        {
            if (string.Equals(_pairs[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Finds the first value with <paramref name="key"/>.</summary>
    public bool TryGetValue(string key, out KeyValue value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _pairs[i].Value : default;
        return i >= 0;
    }

    /// <summary>A deep copy.</summary>
    public KeyValueList Clone()
    {
        var copy = new KeyValueList(_pairs.Count);
        foreach (var p in _pairs)
        {
            copy.Add(p.Key, p.Value.Type == KeyValueType.List ? KeyValue.FromList(p.Value.AsList().Clone()) : p.Value);
        }

        return copy;
    }

    /// <inheritdoc />
    public List<KeyValuePair<string, KeyValue>>.Enumerator GetEnumerator() => _pairs.GetEnumerator();

    IEnumerator<KeyValuePair<string, KeyValue>> IEnumerable<KeyValuePair<string, KeyValue>>.GetEnumerator() => _pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _pairs.GetEnumerator();

    /// <inheritdoc />
    public bool Equals(KeyValueList? other)
    {
        if (other is null || other._pairs.Count != _pairs.Count)
        {
            return false;
        }

        for (var i = 0; i < _pairs.Count; i++)
        {
            if (!string.Equals(_pairs[i].Key, other._pairs[i].Key, StringComparison.Ordinal) || !_pairs[i].Value.Equals(other._pairs[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as KeyValueList);

    /// <inheritdoc />
    public override int GetHashCode() => _pairs.Count;

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder("{");
        for (var i = 0; i < _pairs.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(_pairs[i].Key).Append('=').Append(_pairs[i].Value.ToString());
        }

        return sb.Append('}').ToString();
    }

    private static void ThrowIfEmpty(KeyValue value)
    {
        if (value.IsEmpty)
        {
            throw new ArgumentException("A key-value pair needs a value: default(KeyValue) holds none.", nameof(value));
        }
    }
}
