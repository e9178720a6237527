namespace CtiGateway.Scxml.Model;

/// <summary><c>&lt;data id expr|src|content&gt;</c>. Content from <c>src</c> is read when the document is loaded.</summary>
internal sealed class DataNode
{
    public required string Id { get; init; }

    public ScriptExpr? Expr { get; init; }

    /// <summary>Inline or loaded text, null when there is none.</summary>
    public string? Text { get; init; }

    /// <summary>Inline or loaded XML (an element), null when there is none.</summary>
    public string? Xml { get; init; }

    /// <summary>A load problem (missing src) that raises error.execution when the data is initialised.</summary>
    public string? Error { get; init; }

    public required SourcePosition Position { get; init; }
}
