namespace CtiGateway.Scxml.Model;

/// <summary><c>&lt;log label expr level&gt;</c>.</summary>
internal sealed class LogNode : ExecNode
{
    public string? Label { get; init; }

    public ScriptExpr? Expr { get; init; }

    /// <summary>The ORS level (1 to 4), null when absent.</summary>
    public int? Level { get; init; }
}
