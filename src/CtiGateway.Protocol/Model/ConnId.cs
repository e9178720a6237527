using System.Globalization;

namespace CtiGateway.Protocol;

/// <summary>A T-Server connection id (ConnID): 64 bits, assigned by the server, printed as 16 lowercase hex digits.</summary>
/// <param name="Value">The 64-bit value.</param>
public readonly record struct ConnId(ulong Value) : ISpanFormattable
{
    /// <summary>Parses 1-16 hex digits (an optional "0x" prefix is accepted).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ConnId connId)
    {
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        if (text.Length is > 0 and <= 16 && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
        {
            connId = new ConnId(v);
            return true;
        }

        connId = default;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Value.TryFormat(destination, out charsWritten, "x16", CultureInfo.InvariantCulture);
}
