using System.Text.Json;

namespace CtiGateway.Json;

/// <summary>A JSON value with the 1-based line and column where it starts (System.Text.Json's DOM keeps no positions).</summary>
internal sealed class PositionedJson
{
    public PositionedJson(JsonTokenType kind, int line, int column)
    {
        Kind = kind;
        Line = line;
        Column = column;
    }

    /// <summary>StartObject, StartArray, String, Number, True, False or Null.</summary>
    public JsonTokenType Kind { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The string value, or the number's text as written.</summary>
    public string? Text { get; init; }

    /// <summary>An object's properties in file order (duplicates kept).</summary>
    public List<PositionedProperty> Properties { get; } = [];

    /// <summary>An array's items.</summary>
    public List<PositionedJson> Items { get; } = [];

    /// <summary>A JSON-ish name of the value's type for messages.</summary>
    public string KindName => Kind switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        _ => "null",
    };

    /// <summary>The first property called <paramref name="name"/>, or null.</summary>
    public PositionedJson? this[string name] => Properties.FirstOrDefault(p => p.Name == name)?.Value;
}
