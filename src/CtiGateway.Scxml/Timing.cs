using System.Globalization;

namespace CtiGateway.Scxml;

/// <summary>CSS2 time values as used by <c>delay</c>: <c>500ms</c>, <c>1.5s</c>, <c>.5s</c> (a bare number is seconds in ORS).</summary>
internal static class Timing
{
    public static TimeSpan? ParseDelay(string text)
    {
        var value = text.Trim();
        double factor;
        if (value.EndsWith("ms", StringComparison.OrdinalIgnoreCase))
        {
            factor = 1;
            value = value[..^2];
        }
        else if (value.EndsWith('s') || value.EndsWith('S'))
        {
            factor = 1000;
            value = value[..^1];
        }
        else if (value.EndsWith("min", StringComparison.OrdinalIgnoreCase))
        {
            factor = 60_000;
            value = value[..^3];
        }
        else
        {
            return null;
        }

        if (value.Length == 0 || !double.TryParse(value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || double.IsNaN(number) || number < 0 || number * factor > TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            return null;
        }

        return TimeSpan.FromMilliseconds(number * factor);
    }
}
