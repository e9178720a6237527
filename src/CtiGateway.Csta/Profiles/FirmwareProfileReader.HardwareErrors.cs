using CtiGateway.Json;

namespace CtiGateway.Pbx.Profiles;

/// <summary>The optional <c>hardware-errors</c> section: coalescing of EventHardwareError and the error-storm drop.</summary>
internal sealed partial class FirmwareProfileReader
{
    private HardwareErrorSettings? ReadHardwareErrors(PositionedJson? node)
    {
        const string path = "hardware-errors";
        var defaults = HardwareErrorSettings.Default;
        if (node is null)
        {
            return defaults;
        }

        if (!CheckObject(node, path, ["events-per-second", "drop-errors-per-second", "drop-window-s"], []))
        {
            return null;
        }

        var events = node["events-per-second"] is null
            ? defaults.EventsPerSecond
            : Integer(node, path, "events-per-second", 1, 10_000, "at least 1 and at most 10000 EventHardwareError per second per link and cause");
        var drop = node["drop-errors-per-second"] is null
            ? defaults.DropErrorsPerSecond
            : Integer(node, path, "drop-errors-per-second", 0, 1_000_000, "0 (never drop) to 1000000 hardware errors per second");
        var window = node["drop-window-s"] is null
            ? (long)defaults.DropWindow.TotalSeconds
            : Integer(node, path, "drop-window-s", 1, 3600, "1-3600 seconds");
        return events is null || drop is null || window is null
            ? null
            : new HardwareErrorSettings((int)events, (int)drop, TimeSpan.FromSeconds(window.Value));
    }
}
