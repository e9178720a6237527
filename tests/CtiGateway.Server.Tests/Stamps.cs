using CtiGateway.Protocol;

namespace CtiGateway.Server.Tests;

internal static class Stamps
{
    /// <summary>Every event carries the time, a sequence number and the server start time.</summary>
    public static void AssertStamped(TlibMessage evt, TlibServer server)
    {
        Assert.True(evt.Has(AttributeId.TimeinSecs), $"{evt.Name} lacks TimeinSecs");
        Assert.True(evt.Has(AttributeId.TimeinuSecs), $"{evt.Name} lacks TimeinuSecs");
        Assert.True(evt.EventSequenceNumber is > 0, $"{evt.Name} lacks EventSequenceNumber");
        Assert.Equal(TlibTime.FromDateTimeOffset(server.StartTime), evt.ServerStartTime);
        var age = DateTimeOffset.UtcNow - evt.Time!.Value.ToDateTimeOffset();
        Assert.True(age < TimeSpan.FromMinutes(1) && age > TimeSpan.FromMinutes(-1), $"{evt.Name} time is off by {age}");
    }
}
