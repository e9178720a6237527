namespace CtiGateway.Scxml.Model;

/// <summary>What a <see cref="ScriptExpr"/> is used as.</summary>
internal enum ScriptExprKind
{
    Expression,
    Location,
    Script,
}
