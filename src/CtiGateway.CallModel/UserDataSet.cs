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

    /// <summary>The calls sharing the set (one, or two under the joint policy).</summary>
    public List<Call> Owners { get; } = new(1);

    public bool IsEmpty => Current.Count == 0;

    public void Replace(KeyValueList next) => Current = next;
}
