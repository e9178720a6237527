using System.Globalization;

namespace CtiGateway.CallModel;

/// <summary>
/// AttributeCallID is a number (TCallID); CSTA callIDs are text. A decimal callID that fits is taken as it is; a
/// hexadecimal one (OSV: 32 hex digits) gives its last 16 digits; anything else gives 0 ("not supplied").
/// </summary>
internal static class CallIdNumbers
{
    public static long From(string callId)
    {
        var text = callId.AsSpan();
        if (text.Length is > 0 and <= 18 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var dec))
        {
            return dec;
        }

        if (text.Length > 16)
        {
            text = text[^16..];
        }

        return text.Length > 0 && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex)
            ? unchecked((long)hex)
            : 0;
    }
}
