namespace CtiGateway.CallModel;

/// <summary>
/// Reduces device identifiers to DNs exactly as <see cref="DeviceNumber.ToDn"/> does, but hands out one string per DN:
/// a DN cut out of a longer identifier (OSV's <c>N&lt;5001&gt;;noa=nk</c>, <c>5001;param=x</c>) is looked up by its
/// characters among the DNs seen before, so an OSV event costs no new strings once its devices are known. A DN of the
/// switch's directory, plain or cut out, is the directory's own string (<see cref="DnDirectory.TryGetDn"/>), so the
/// calls the model keeps point at strings that live as long as the directory, never at a frame's copy (fewer objects
/// for the garbage collector to promote; see docs/performance.md). Other plain numbers are returned as they are;
/// numbers outside the switch cut out of an identifier are kept up to <see cref="NetworkCapacity"/>, then forgotten
/// all at once (the table is kept) and learnt again. One per call model, so single-threaded.
/// </summary>
internal sealed class DeviceNumberCache
{
    /// <summary>Most numbers outside the switch kept at once (callers and destinations in the network).</summary>
    public const int NetworkCapacity = 4096;

    private readonly DnDirectory _directory;
    private readonly HashSet<string> _networkDns = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _networkByText;

    public DeviceNumberCache(DnDirectory directory)
    {
        _directory = directory;
        _networkByText = _networkDns.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Numbers outside the switch kept now.</summary>
    public int NetworkCount => _networkDns.Count;

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
            _ => _directory.TryGetDn(deviceId, out var dn) ? dn : deviceId,
        };
    }

    private string Intern(ReadOnlySpan<char> dn)
    {
        if (_directory.TryGetDn(dn, out var known) || _networkByText.TryGetValue(dn, out known))
        {
            return known;
        }

        if (_networkDns.Count >= NetworkCapacity)
        {
            _networkDns.Clear();
        }

        var text = dn.ToString();
        _networkDns.Add(text);
        return text;
    }
}
