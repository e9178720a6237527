using Acornima.Ast;
using Jint;

namespace CtiGateway.Scxml.Model;

/// <summary>
/// An ECMAScript expression, location or script block from the document, parsed once when the document is loaded and
/// shared by every session of that document. A text that does not parse keeps its error; evaluating it raises
/// <c>error.execution</c> in the session that reaches it.
/// </summary>
internal sealed class ScriptExpr
{
    private ScriptExpr(string text, SourcePosition position, Prepared<Script>? prepared, string? error, ScriptExprKind kind)
    {
        Text = text;
        Position = position;
        Prepared = prepared;
        Error = error;
        Kind = kind;
    }

    public string Text { get; }

    public SourcePosition Position { get; }

    public Prepared<Script>? Prepared { get; }

    public string? Error { get; }

    public ScriptExprKind Kind { get; }

    /// <summary>For a location: the root identifier (<c>a</c> in <c>a.b[0]</c>), null when there is none.</summary>
    public string? RootIdentifier { get; private init; }

    /// <summary>For a location: true when it is a plain identifier.</summary>
    public bool IsSimpleIdentifier { get; private init; }

    /// <summary>The name of the hidden global an assignment reads its value from.</summary>
    public const string AssignValueName = "__scxml_assign_value";

    public static ScriptExpr Expression(string text, SourcePosition position)
    {
        var trimmed = text.Trim().TrimEnd(';').TrimEnd();
        if (trimmed.Length == 0)
        {
            return new ScriptExpr(text, position, null, "empty expression", ScriptExprKind.Expression);
        }

        var (prepared, error) = TryPrepare("(" + trimmed + "\n)", position);
        return new ScriptExpr(text, position, prepared, error, ScriptExprKind.Expression);
    }

    public static ScriptExpr Location(string text, SourcePosition position)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return new ScriptExpr(text, position, null, "empty location", ScriptExprKind.Location);
        }

        var (prepared, error) = TryPrepare(trimmed + " = " + AssignValueName, position);
        var root = ReadRootIdentifier(trimmed);
        if (error is null && root is null)
        {
            error = $"'{trimmed}' is not a data model location";
        }

        return new ScriptExpr(text, position, error is null ? prepared : null, error, ScriptExprKind.Location)
        {
            RootIdentifier = root,
            IsSimpleIdentifier = root is not null && root.Length == trimmed.Length,
        };
    }

    public static ScriptExpr Script(string text, SourcePosition position, string? source = null)
    {
        var (prepared, error) = TryPrepare(text, position, source);
        return new ScriptExpr(text, position, prepared, error, ScriptExprKind.Script);
    }

    private static (Prepared<Script>? Prepared, string? Error) TryPrepare(string code, SourcePosition position, string? source = null)
    {
        try
        {
            return (Engine.PrepareScript(code, source ?? $"line {position.Line}"), null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return (null, "syntax error: " + ex.Message);
        }
    }

    private static string? ReadRootIdentifier(string text)
    {
        if (text.Length == 0 || !(char.IsLetter(text[0]) || text[0] is '_' or '$'))
        {
            return null;
        }

        var end = 1;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '$'))
        {
            end++;
        }

        var root = text[..end];
        return root is "this" or "null" or "true" or "false" or "undefined" or "new" or "typeof" or "void" or "delete" or "function" ? null : root;
    }
}
