using System.Text.Json;

namespace CtiGateway.Json;

/// <summary>
/// Reads a JSON document with <see cref="Utf8JsonReader"/> into <see cref="PositionedJson"/>, keeping every value's
/// line and column (columns count characters, not bytes). Strict JSON by default (firmware profiles); the daemon's
/// config file also allows comments and trailing commas, as the .NET JSON configuration provider does. Shared source,
/// compiled into each assembly that reads a positioned JSON file (CtiGateway.Pbx, ctigatewayd).
/// </summary>
internal sealed class PositionedJsonReader
{
    private readonly byte[] _utf8;
    private readonly List<int> _lineStarts = [0];
    private readonly int _bomLength;

    private PositionedJsonReader(byte[] utf8, int bomLength)
    {
        _utf8 = utf8;
        _bomLength = bomLength;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    /// <summary>Parses <paramref name="utf8"/> (a leading BOM is skipped); on a syntax error returns null and sets <paramref name="error"/>.</summary>
    public static PositionedJson? Parse(byte[] utf8, out (int Line, int Column, string Message)? error) => Parse(utf8, allowCommentsAndTrailingCommas: false, out error);

    /// <summary>
    /// Parses <paramref name="utf8"/> (a leading BOM is skipped); with <paramref name="allowCommentsAndTrailingCommas"/>,
    /// <c>//</c> and <c>/* */</c> comments are skipped and a comma before <c>}</c> or <c>]</c> is accepted. On a syntax
    /// error returns null and sets <paramref name="error"/>.
    /// </summary>
    public static PositionedJson? Parse(byte[] utf8, bool allowCommentsAndTrailingCommas, out (int Line, int Column, string Message)? error)
    {
        var start = utf8.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var parser = new PositionedJsonReader(utf8, start);
        if (utf8.AsSpan(start).Trim(" \t\r\n"u8).IsEmpty)
        {
            error = (1, 1, "the file is empty: expected a JSON object");
            return null;
        }

        if (FirstInvalidUtf8(utf8, start) is { } bad)
        {
            var (badLine, badColumn) = parser.Position(bad);
            error = (badLine, badColumn, $"the file is not valid UTF-8 (byte 0x{utf8[bad]:X2})");
            return null;
        }

        var reader = new Utf8JsonReader(utf8.AsSpan(start), new JsonReaderOptions
        {
            CommentHandling = allowCommentsAndTrailingCommas ? JsonCommentHandling.Skip : JsonCommentHandling.Disallow,
            AllowTrailingCommas = allowCommentsAndTrailingCommas,
            MaxDepth = 64,
        });
        try
        {
            if (!reader.Read())
            {
                error = (1, 1, "the file is empty: expected a JSON object");
                return null;
            }

            var root = parser.ReadValue(ref reader, start);

            // Anything after the root value but white space (and comments, where allowed) is a syntax error: Read throws.
            reader.Read();
            error = null;
            return root;
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0);
            var byteInLine = (int)(ex.BytePositionInLine ?? 0);
            if (line == 0)
            {
                byteInLine += start;
            }

            error = (line + 1, parser.ColumnOf(line, byteInLine), "JSON syntax error: " + StripPosition(ex.Message));
            return null;
        }
    }

    private static int? FirstInvalidUtf8(byte[] utf8, int start)
    {
        for (var i = start; i < utf8.Length;)
        {
            if (System.Text.Rune.DecodeFromUtf8(utf8.AsSpan(i), out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return null;
    }

    private static string StripPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = at >= 0 ? message[..at] : message;
        var advice = message.IndexOf(" Change the reader options", StringComparison.Ordinal);
        return (advice >= 0 ? message[..advice] : message).TrimEnd('.', ' ');
    }

    private PositionedJson ReadValue(ref Utf8JsonReader reader, int start)
    {
        var (line, column) = Position(start + (int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new PositionedJson(JsonTokenType.StartObject, line, column);
                while (Next(ref reader) != JsonTokenType.EndObject)
                {
                    var (nameLine, nameColumn) = Position(start + (int)reader.TokenStartIndex);
                    var name = reader.GetString()!;
                    Next(ref reader);
                    obj.Properties.Add(new PositionedProperty(name, nameLine, nameColumn, ReadValue(ref reader, start)));
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new PositionedJson(JsonTokenType.StartArray, line, column);
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    array.Items.Add(ReadValue(ref reader, start));
                }

                return array;
            case JsonTokenType.String:
                return new PositionedJson(JsonTokenType.String, line, column) { Text = reader.GetString() };
            case JsonTokenType.Number:
                return new PositionedJson(JsonTokenType.Number, line, column) { Text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan) };
            default:
                return new PositionedJson(reader.TokenType, line, column);
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        // Utf8JsonReader over a complete buffer only returns false at the end, after a complete value.
        reader.Read();
        return reader.TokenType;
    }

    private (int Line, int Column) Position(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, ColumnOf(line, offset - _lineStarts[line]));
    }

    /// <summary>The 1-based character column of byte <paramref name="byteInLine"/> of the 0-based line <paramref name="line"/>.</summary>
    private int ColumnOf(int line, int byteInLine)
    {
        if (line >= _lineStarts.Count)
        {
            return byteInLine + 1;
        }

        var lineStart = _lineStarts[line];
        var end = Math.Min(lineStart + byteInLine, _utf8.Length);
        var column = 1;
        for (var i = lineStart; i < end; i++)
        {
            // Continuation bytes do not start a character, and a byte-order mark is not part of the text.
            if ((_utf8[i] & 0xC0) != 0x80 && i >= _bomLength)
            {
                column++;
            }
        }

        return column;
    }
}
