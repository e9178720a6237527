namespace CtiGateway.CallModel.Tests;

public sealed class DeviceNumberTests
{
    [Theory]
    [InlineData("5001", "5001")]
    [InlineData("N<3021061290002>;noa=nk", "3021061290002")]
    [InlineData("N<7868772298>Line71001;displayNumber=7868772298;uid=FF00010000000000EC6114647E570000", "7868772298")]
    [InlineData("N<+17867100000>;uid=FF00010000000000CFB6706408000000", "+17867100000")]
    [InlineData("302118840100;noa=nk", "302118840100")]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData(";noa=nk", null)]
    public void Device_identifiers_reduce_to_their_DN(string? deviceId, string? dn) => Assert.Equal(dn, DeviceNumber.ToDn(deviceId));

    [Fact]
    public void A_plain_DN_is_not_copied()
    {
        var dn = "5001";
        Assert.Same(dn, DeviceNumber.ToDn(dn));
    }

    [Theory]
    [InlineData("00000000000000000000000000000001", 1L)]
    [InlineData("42", 42L)]
    [InlineData("FF00010000000000EC6114647E570000", unchecked((long)0xEC6114647E570000UL))]
    [InlineData("not a number", 0L)]
    public void CallIDs_become_numbers_for_AttributeCallID(string callId, long number) => Assert.Equal(number, CallIdNumbers.From(callId));
}
