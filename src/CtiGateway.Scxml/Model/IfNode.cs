namespace CtiGateway.Scxml.Model;

/// <summary><c>&lt;if&gt;</c> with its <c>elseif</c>/<c>else</c> partitions (an else partition has no condition).</summary>
internal sealed class IfNode : ExecNode
{
    public required IReadOnlyList<(ScriptExpr? Cond, IReadOnlyList<ExecNode> Body)> Branches { get; init; }
}
