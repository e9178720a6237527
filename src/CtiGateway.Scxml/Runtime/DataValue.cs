namespace CtiGateway.Scxml.Runtime;

/// <summary>
/// A data model value in a form that does not belong to any engine, so it can cross from one session to another
/// (each session has its own ECMAScript realm).
/// </summary>
internal readonly record struct DataValue(DataKind Kind, string? Text)
{
    public static readonly DataValue Undefined = new(DataKind.Undefined, null);

    public static DataValue Json(string json) => new(DataKind.Json, json);

    public bool IsUndefined => Kind == DataKind.Undefined;
}
