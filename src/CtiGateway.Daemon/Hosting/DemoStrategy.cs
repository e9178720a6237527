using CtiGateway.Switching;

namespace CtiGateway.Daemon;

/// <summary>
/// The demo's default routing strategy (CONTRACT.md demo plan: route point 3001 of tel_sw runs it). In the source tree
/// it is <c>packaging/strategies/demo-route.scxml</c>, installed as <c>PREFIX/share/ctigateway/strategies/demo-route.scxml</c>;
/// <see cref="DemoPlan"/> knows both (ctigw strategy try finds it the same way).
/// </summary>
internal static class DemoStrategy
{
    /// <summary>The file in the source tree, relative to the repo root.</summary>
    public const string SourcePath = DemoPlan.Strategy;

    /// <summary>The file in an installation, relative to PREFIX/share/ctigateway.</summary>
    public const string InstalledPath = DemoPlan.InstalledStrategy;

    /// <summary>
    /// The strategy's full path, looked up next to the executable and the current folder and in their parents (the
    /// repo root, or PREFIX/share/ctigateway of an installation); null when it is nowhere.
    /// </summary>
    public static string? Find()
    {
        try
        {
            return DemoPlan.FindStrategy();
        }
        catch (SwitchConfigException)
        {
            return null;
        }
    }
}
