namespace CtiGateway.Scxml.Runtime;

/// <summary>How a value crossing between sessions (event data) is carried.</summary>
internal enum DataKind
{
    Undefined,

    /// <summary>JSON text (objects, arrays, numbers, strings, booleans, null).</summary>
    Json,

    /// <summary>XML text, exposed to ECMAScript as a DOM.</summary>
    Xml,

    /// <summary>Plain text from inline content: JSON when it parses as JSON, otherwise a string.</summary>
    Text,
}
