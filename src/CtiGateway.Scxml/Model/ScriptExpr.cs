using Acornima.Ast;
using Jint;
using Jint.Native;

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

    /// <summary>
    /// The value when the expression is a primitive literal (number, plain string, true, false, null): such values
    /// belong to no engine, so data initialised from them needs no engine.
    /// </summary>
    public JsValue? Literal { get; private init; }

    /// <summary>A compiled form for <c>NAME op NUMBER</c> expressions (see <see cref="FastExpr"/>), null otherwise.</summary>
    public FastExpr? Fast { get; private init; }

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
        return new ScriptExpr(text, position, prepared, error, ScriptExprKind.Expression)
        {
            Literal = error is null ? ReadLiteral(trimmed) : null,
            Fast = error is null ? FastExpr.TryCompile(trimmed) : null,
        };
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
            return (null, "syntax error: " + CleanMessage(ex.Message));
        }
    }

    /// <summary>Jint's parse message without its own prefix and position (the caller reports the attribute's position).</summary>
    private static string CleanMessage(string message)
    {
        const string prefix = "Could not prepare script: ";
        if (message.StartsWith(prefix, StringComparison.Ordinal))
        {
            message = message[prefix.Length..];
        }

        var open = message.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && message.EndsWith(')') ? message[..open] : message;
    }

    private static JsValue? ReadLiteral(string text)
    {
        switch (text)
        {
            case "true":
                return JsBoolean.True;
            case "false":
                return JsBoolean.False;
            case "null":
                return JsValue.Null;
        }

        if (text.Length >= 2 && (text[0] is '\'' or '"') && text[^1] == text[0])
        {
            var inner = text[1..^1];
            return inner.AsSpan().IndexOfAny(['\\', '\'', '"', '\n', '\r', '\u2028', '\u2029']) < 0 ? new JsString(inner) : null;
        }

        // Plain decimal numbers only (no hex, exponents, separators or signs): the same value as ECMAScript gives.
        if (text.Length is > 0 and < 16 && text.All(c => char.IsAsciiDigit(c) || c == '.') && text.Count(c => c == '.') <= 1
            && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[^1]) && (text.Length == 1 || text[0] != '0' || text[1] == '.')
            && double.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return JsNumber.Create(number);
        }

        return null;
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
