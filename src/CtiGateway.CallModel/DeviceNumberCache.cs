namespace CtiGateway.CallModel;

/// <summary>
/// Reduces device identifiers to DNs exactly as <see cref="DeviceNumber.ToDn"/> does, but hands out one string per DN:
/// a DN cut out of a longer identifier (OSV's <c>N&lt;5001&gt;;noa=nk</c>, <c>5001;param=x</c>) is looked up by its
/// characters among the DNs seen before, so an OSV event costs no new strings once its devices are known. A plain DN
/// is returned as it is, as before. Bounded: at <see cref="Capacity"/> DNs the cache is emptied (keeping its table)
/// and fills again. One per call model, so single-threaded.
/// </summary>
internal sealed class DeviceNumberCache
{
    /// <summary>Most DNs kept (the DNs of a large switch plus the network numbers of its live calls).</summary>
    public const int Capacity = 16_384;

    private readonly Dictionary<string, string> _dns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _byText;

    public DeviceNumberCache() => _byText = _dns.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>DNs held now.</summary>
    public int Count => _dns.Count;

    /// <summary>The DN <paramref name="deviceId"/> names, or null (see <see cref="DeviceNumber.ToDn"/>).</summary>
    public string? ToDn(string? deviceId)
    {
        if (string.IsNullOrEmpty(deviceId))
        {
            return null;
        }

        if (deviceId.Length > 2 && deviceId[0] == 'N' && deviceId[1] == '<')
        {
            var close = deviceId.IndexOf('>', 2);
            if (close > 2)
            {
                return Intern(deviceId.AsSpan(2, close - 2));
            }
        }

        var semicolon = deviceId.IndexOf(';');
        return semicolon switch
        {
            0 => null,
            > 0 => Intern(deviceId.AsSpan(0, semicolon)),
            _ => deviceId,
        };
    }

    private string Intern(ReadOnlySpan<char> dn)
    {
        if (_byText.TryGetValue(dn, out var known))
        {
            return known;
        }

        if (_dns.Count >= Capacity)
        {
            _dns.Clear();
        }

        var text = dn.ToString();
        _dns.Add(text, text);
        return text;
    }
}
