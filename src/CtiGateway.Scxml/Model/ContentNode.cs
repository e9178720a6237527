namespace CtiGateway.Scxml.Model;

/// <summary><c>&lt;content&gt;</c>: an expression, inline text, or inline XML (kept as text and as a nested document).</summary>
internal sealed class ContentNode
{
    public ScriptExpr? Expr { get; init; }

    /// <summary>Inline text content (whitespace kept), null when the content is XML or an expression.</summary>
    public string? Text { get; init; }

    /// <summary>Inline XML content serialised (namespaces kept), null when there is none.</summary>
    public string? Xml { get; init; }

    /// <summary>An inline <c>&lt;scxml&gt;</c> child prepared as a document (for invoke).</summary>
    public ScxmlDocument? InlineDocument { get; set; }

    public required SourcePosition Position { get; init; }
}
