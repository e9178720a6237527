namespace CtiGateway.Orchestration.Tests.Support;

/// <summary>Waiting for the one session of a test to end.</summary>
internal static class IxnTestRun
{
    public static async Task<string> EndOf(OrchestrationRig rig)
    {
        await rig.RunUntilAsync(() => !rig.Ended.IsEmpty, "the session to end", maxVirtual: TimeSpan.FromMinutes(1));
        return Assert.Single(rig.Ended.Keys);
    }
}
