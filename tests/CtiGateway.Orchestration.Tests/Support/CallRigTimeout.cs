namespace CtiGateway.Switching.Tests.Calls;

/// <summary>The wait limit the linked TwoSwitchRig and CallClient use (as in CtiGateway.Switching.Tests).</summary>
internal static class CallRig
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
}
