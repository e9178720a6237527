using System.Globalization;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace CtiGateway.Scxml.Model;

/// <summary>
/// A compiled form of the commonest data-model expressions, <c>NAME op NUMBER</c> with op one of
/// <c>&lt; &lt;= &gt; &gt;= == != === !== + -</c>, evaluated without running the script engine. It applies only when
/// NAME is an own data property of the global object holding a number (then IEEE double arithmetic and comparison are
/// exactly what ECMAScript does); in every other case the caller evaluates the prepared script as usual. Documents with
/// <c>&lt;script&gt;</c> never use it (a script could declare a global lexical binding that shadows the property).
/// </summary>
internal sealed partial class FastExpr
{
    private readonly string _name;
    private readonly Op _op;
    private readonly double _number;
    private readonly JsValue _key;

    private FastExpr(string name, Op op, double number)
    {
        _name = name;
        _op = op;
        _number = number;
        _key = new JsString(name);
    }

    private enum Op
    {
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        Equal,
        NotEqual,
        Add,
        Subtract,
    }

    public string Name => _name;

    public static FastExpr? TryCompile(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var name = match.Groups[1].Value;
        if (name is "this" or "true" or "false" or "null" or "undefined" or "NaN" or "Infinity" or "in" or "typeof" or "void" or "new" or "delete")
        {
            return null;
        }

        var digits = match.Groups[3].Value;
        if (digits.Length > 15 || (digits.Length > 1 && digits[0] == '0' && digits[1] != '.')
            || !double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var op = match.Groups[2].Value switch
        {
            "<" => Op.Less,
            "<=" => Op.LessOrEqual,
            ">" => Op.Greater,
            ">=" => Op.GreaterOrEqual,
            "==" or "===" => Op.Equal,
            "!=" or "!==" => Op.NotEqual,
            "+" => Op.Add,
            _ => Op.Subtract,
        };
        return new FastExpr(name, op, number);
    }

    /// <summary>Evaluates when the variable is an own number data property of <paramref name="global"/>; false otherwise.</summary>
    public bool TryEvaluate(ObjectInstance global, out JsValue result)
    {
        var descriptor = global.GetOwnProperty(_key);
        if (descriptor.IsAccessorDescriptor() || descriptor.Value is not JsNumber value)
        {
            result = JsValue.Undefined;
            return false;
        }

        var x = value.AsNumber();
        result = _op switch
        {
            Op.Less => x < _number ? JsBoolean.True : JsBoolean.False,
            Op.LessOrEqual => x <= _number ? JsBoolean.True : JsBoolean.False,
            Op.Greater => x > _number ? JsBoolean.True : JsBoolean.False,
            Op.GreaterOrEqual => x >= _number ? JsBoolean.True : JsBoolean.False,
            Op.Equal => x == _number ? JsBoolean.True : JsBoolean.False,
            Op.NotEqual => x != _number ? JsBoolean.True : JsBoolean.False,
            Op.Add => JsNumber.Create(x + _number),
            _ => JsNumber.Create(x - _number),
        };
        return true;
    }

    [GeneratedRegex(@"^([A-Za-z_$][A-Za-z0-9_$]*)\s*(===|!==|==|!=|<=|>=|<|>|\+|-)\s*([0-9]+(?:\.[0-9]+)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
