using CtiGateway.Protocol;

namespace CtiGateway.CallModel;

/// <summary>
/// A call's user data. Copy on write: <see cref="Current"/> is never changed in place, so an event may carry it as
/// it is and keeps what it carried. Under <see cref="ConsultUserDataPolicy.Joint"/> one set belongs to two calls.
/// </summary>
internal sealed class UserDataSet
{
    private static readonly KeyValueList EmptyList = new(0);

    public UserDataSet(KeyValueList? initial = null) => Current = initial ?? EmptyList;

    /// <summary>The data now (never changed once published).</summary>
    public KeyValueList Current { get; private set; }

    // The calls sharing the set, in the order they joined it: usually one, so a field, and a list only when more share
    // it (consultations under the joint policy). A call then costs the garbage collector no extra objects to promote.
    private Call? _owner;
    private List<Call>? _jointOwners;

    /// <summary>How many calls share the set.</summary>
    public int OwnerCount => (_owner is null ? 0 : 1) + (_jointOwners?.Count ?? 0);

    /// <summary>The <paramref name="index"/>th call sharing the set, in the order they joined it.</summary>
    public Call OwnerAt(int index) => index == 0 && _owner is not null
        ? _owner
        : _jointOwners is { } more && index >= 1 && index - 1 < more.Count
            ? more[index - 1]
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"The set has {OwnerCount} owner(s).");

    /// <summary>Adds a call sharing the set.</summary>
    public void AddOwner(Call call)
    {
        // Invariant: _jointOwners holds calls only while _owner is set.
        if (_owner is null)
        {
            _owner = call;
        }
        else
        {
            (_jointOwners ??= new List<Call>(1)).Add(call);
        }
    }

    /// <summary>The call no longer shares the set.</summary>
    public void RemoveOwner(Call call)
    {
        if (!ReferenceEquals(_owner, call))
        {
            _jointOwners?.Remove(call);
            return;
        }

        if (_jointOwners is { Count: > 0 } more)
        {
            _owner = more[0];
            more.RemoveAt(0);
        }
        else
        {
            _owner = null;
        }
    }

    public bool IsEmpty => Current.Count == 0;

    public void Replace(KeyValueList next) => Current = next;

    /// <summary>Empties the set and forgets its owners (its call is being reused).</summary>
    public void Reset()
    {
        Current = EmptyList;
        _owner = null;
        _jointOwners = null;
    }
}
