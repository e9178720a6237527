using System.Collections.Concurrent;

namespace CtiGateway.Scxml.Model;

/// <summary>
/// Expressions that custom actions evaluate by text (an <c>ixn:redirect</c>'s <c>to</c>, a <c>queue:submit</c>'s
/// <c>timeout</c>): prepared once per text and element and shared by every session, as the document's own expressions
/// are. Bounded: past <see cref="Capacity"/> entries, new texts are prepared each time and not kept.
/// </summary>
internal static class RuntimeExpressionCache
{
    public const int Capacity = 8192;

    private static readonly ConcurrentDictionary<(string Text, SourcePosition Position, ScriptExprKind Kind), ScriptExpr> Prepared = new();

    public static ScriptExpr Expression(string text, SourcePosition position) => Get(text, position, ScriptExprKind.Expression);

    public static ScriptExpr Location(string text, SourcePosition position) => Get(text, position, ScriptExprKind.Location);

    private static ScriptExpr Get(string text, SourcePosition position, ScriptExprKind kind)
    {
        var key = (text, position, kind);
        if (Prepared.TryGetValue(key, out var expr))
        {
            return expr;
        }

        expr = kind == ScriptExprKind.Location ? ScriptExpr.Location(text, position) : ScriptExpr.Expression(text, position);
        if (Prepared.Count < Capacity)
        {
            Prepared.TryAdd(key, expr);
        }

        return expr;
    }
}
