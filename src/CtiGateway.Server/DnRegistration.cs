namespace CtiGateway.Server;

/// <summary>
/// The clients registered on one DN. Readers take the recipient array without a lock (copy-on-write); the rare
/// register/unregister copies it under the lock. An emptied registration is marked removed so a concurrent
/// register retries with a fresh one.
/// </summary>
internal sealed class DnRegistration
{
    private readonly Lock _lock = new();
    private ClientConnection[] _recipients = [];

    public DnRegistration(string dn)
    {
        DN = dn;
    }

    public string DN { get; }

    /// <summary>The registered clients (a snapshot; never mutated).</summary>
    public ClientConnection[] Recipients => Volatile.Read(ref _recipients);

    /// <summary>Adds <paramref name="client"/>; false when this registration was removed (retry with a new one).</summary>
    public bool TryAdd(ClientConnection client, out int count)
    {
        lock (_lock)
        {
            var current = _recipients;
            if (IsRemoved)
            {
                count = 0;
                return false;
            }

            if (Array.IndexOf(current, client) < 0)
            {
                var copy = new ClientConnection[current.Length + 1];
                current.CopyTo(copy, 0);
                copy[^1] = client;
                Volatile.Write(ref _recipients, copy);
                count = copy.Length;
            }
            else
            {
                count = current.Length;
            }

            return true;
        }
    }

    /// <summary>Removes <paramref name="client"/>; <paramref name="nowEmpty"/> tells the caller to drop the registration.</summary>
    public bool Remove(ClientConnection client, out bool nowEmpty)
    {
        lock (_lock)
        {
            var current = _recipients;
            var i = Array.IndexOf(current, client);
            if (i < 0)
            {
                nowEmpty = false;
                return false;
            }

            var copy = new ClientConnection[current.Length - 1];
            Array.Copy(current, 0, copy, 0, i);
            Array.Copy(current, i + 1, copy, i, current.Length - i - 1);
            Volatile.Write(ref _recipients, copy);
            nowEmpty = copy.Length == 0;
            IsRemoved = nowEmpty;
            return true;
        }
    }

    private bool IsRemoved { get; set; }
}
