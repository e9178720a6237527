namespace CtiGateway.Scxml.Model;

/// <summary><c>&lt;script&gt;</c>, inline or loaded from <c>src</c> when the document was loaded.</summary>
internal sealed class ScriptNode : ExecNode
{
    public required ScriptExpr Script { get; init; }
}
