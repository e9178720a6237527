using CtiGateway.Protocol;

namespace CtiGateway.CallModel.Tests;

/// <summary>The calls sharing one user-data set: kept in the order they joined, one or many.</summary>
public sealed class UserDataSetTests
{
    private static Call NewCall(ulong connId) => new(new ConnId(connId), connId.ToString(System.Globalization.CultureInfo.InvariantCulture), "uuid", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Owners_keep_their_order_and_the_next_one_takes_the_first_place()
    {
        var set = new UserDataSet();
        Assert.Equal(0, set.OwnerCount);
        var original = NewCall(1);
        var consult = NewCall(2);
        var second = NewCall(3);
        set.AddOwner(original);
        set.AddOwner(consult);
        set.AddOwner(second);
        Assert.Equal(3, set.OwnerCount);
        Assert.Equal([original, consult, second], Enumerable.Range(0, set.OwnerCount).Select(set.OwnerAt));

        set.RemoveOwner(consult);
        Assert.Equal([original, second], Enumerable.Range(0, set.OwnerCount).Select(set.OwnerAt));

        set.RemoveOwner(original);
        Assert.Equal([second], Enumerable.Range(0, set.OwnerCount).Select(set.OwnerAt));

        set.RemoveOwner(original);
        Assert.Equal(1, set.OwnerCount);
        set.RemoveOwner(second);
        Assert.Equal(0, set.OwnerCount);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => set.OwnerAt(0));
        Assert.Contains("0 owner(s)", error.Message, StringComparison.Ordinal);

        set.AddOwner(consult);
        Assert.Same(consult, set.OwnerAt(0));
    }
}
