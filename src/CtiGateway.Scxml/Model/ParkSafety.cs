using Acornima;
using Acornima.Ast;
using Jint;

namespace CtiGateway.Scxml.Model;

/// <summary>
/// Decides, once per expression at load, whether an expression keeps every effect it can have inside the values of
/// chart variables, so that a session of the document may park its data model (store the values and drop the engine)
/// and restore it exactly. An expression qualifies when it defines no function, reads no built-in global (only the
/// pure functions below as direct callees, and <c>Math.f(...)</c> / <c>JSON.f(...)</c>), uses no <c>this</c>,
/// <c>new</c>, tagged template, prototype-reaching name (<c>__proto__</c>, <c>constructor</c>, <c>prototype</c>,
/// accessor helpers) or computed member with a non-literal key, calls methods only from a list of methods that touch
/// only their receiver, reads no inherited method as a value (only calls it), and never assigns to, deletes or updates
/// a system variable, <c>In</c> or a built-in. Values are
/// checked again when a session parks (plain objects and arrays without cycles, getters or functions).
/// </summary>
internal static class ParkSafety
{
    private static readonly HashSet<string> ForbiddenMembers = new(StringComparer.Ordinal)
    {
        "__proto__", "constructor", "prototype", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
        "call", "apply", "bind",
    };

    private static readonly HashSet<string> PureGlobalFunctions = new(StringComparer.Ordinal)
    {
        "parseInt", "parseFloat", "isNaN", "isFinite", "String", "Number", "Boolean", "encodeURIComponent", "decodeURIComponent",
        "encodeURI", "decodeURI",
    };

    private static readonly HashSet<string> ReceiverOnlyMethods = new(StringComparer.Ordinal)
    {
        // Array
        "push", "pop", "shift", "unshift", "splice", "slice", "concat", "join", "reverse", "sort", "indexOf", "lastIndexOf",
        "includes", "fill", "at", "flat", "toReversed", "toSorted", "toSpliced", "with",
        // String
        "charAt", "charCodeAt", "codePointAt", "substring", "substr", "split", "trim", "trimStart", "trimEnd", "toUpperCase",
        "toLowerCase", "replace", "replaceAll", "startsWith", "endsWith", "padStart", "padEnd", "repeat", "search", "match",
        "localeCompare", "normalize",
        // Number / Object
        "toString", "toFixed", "toPrecision", "toExponential", "valueOf", "hasOwnProperty", "propertyIsEnumerable",
    };

    /// <summary>Names an expression may read although they are not chart variables.</summary>
    private static readonly HashSet<string> ReadableSystemNames = new(StringComparer.Ordinal)
    {
        "_event", "_sessionid", "_name", "_ioprocessors", "_x", "undefined", "NaN", "Infinity", ScriptExpr.AssignValueName,
    };

    /// <summary>
    /// Names of the methods and accessors plain values inherit (Object, Array, String, Number, Boolean, BigInt and
    /// Function prototypes): such a member may be called but never read as a value, so no built-in function object
    /// can end up in a variable (where it could be changed, or would keep the session from parking).
    /// </summary>
    private static readonly HashSet<string> InheritedMethods = ReadInheritedMethods();

    /// <summary>The own global properties of a fresh engine (built-ins); chart variables may not use these names.</summary>
    public static readonly HashSet<string> BuiltinGlobals = ReadBuiltinGlobals();

    /// <summary>True when a chart variable of this name can be parked (it is not a built-in or system name).</summary>
    public static bool IsParkableVariableName(string name) =>
        !BuiltinGlobals.Contains(name) && !ReadableSystemNames.Contains(name) && name != "In";

    /// <summary>Whether the prepared script is park-safe; every identifier it reads or writes is added to <paramref name="names"/>.</summary>
    public static bool IsSafe(Script script, HashSet<string> names)
    {
        foreach (var statement in script.Body)
        {
            if (statement is not ExpressionStatement { Expression: var expression } || !Check(expression, names))
            {
                return false;
            }
        }

        return true;
    }

    private static HashSet<string> ReadBuiltinGlobals()
    {
        var engine = new Engine();
        var names = new HashSet<string>(StringComparer.Ordinal) { "In" };
        foreach (var key in engine.Global.GetOwnPropertyKeys())
        {
            if (key.IsString())
            {
                names.Add(key.ToString());
            }
        }

        return names;
    }

    private static HashSet<string> ReadInheritedMethods()
    {
        const string script = """
            [Object.prototype, Array.prototype, String.prototype, Number.prototype, Boolean.prototype, BigInt.prototype, Function.prototype]
              .flatMap(p => Object.getOwnPropertyNames(p).filter(n => {
                var d = Object.getOwnPropertyDescriptor(p, n);
                return d.get !== undefined || d.set !== undefined || typeof d.value === 'function';
              })).join(',')
            """;
        return new HashSet<string>(new Engine().Evaluate(script).AsString().Split(','), StringComparer.Ordinal);
    }

    private static bool Check(Node? node, HashSet<string> names)
    {
        switch (node)
        {
            case null:
                return true;
            case Identifier id:
                names.Add(id.Name);
                return ReadableSystemNames.Contains(id.Name) || !BuiltinGlobals.Contains(id.Name);
            case Literal:
                return true;
            case TemplateLiteral template:
                return template.Expressions.All(e => Check(e, names));
            case ArrayExpression array:
                return array.Elements.All(e => Check(e, names));
            case SpreadElement spread:
                return Check(spread.Argument, names);
            case ObjectExpression obj:
                foreach (var item in obj.Properties)
                {
                    if (item is SpreadElement spread)
                    {
                        if (!Check(spread.Argument, names))
                        {
                            return false;
                        }
                    }
                    else if (item is not Property { Kind: PropertyKind.Init, Method: false } property
                        || (property.Computed && !Check(property.Key, names)) || !Check(property.Value, names))
                    {
                        return false;
                    }
                }

                return true;
            case UpdateExpression update:
                return CheckTarget(update.Argument, names);
            case UnaryExpression unary:
                return unary.Operator == Operator.Delete ? CheckTarget(unary.Argument, names) : Check(unary.Argument, names);
            case AssignmentExpression assign:
                return CheckTarget(assign.Left, names) && Check(assign.Right, names);
            case BinaryExpression binary:
                return Check(binary.Left, names) && Check(binary.Right, names);
            case ConditionalExpression conditional:
                return Check(conditional.Test, names) && Check(conditional.Consequent, names) && Check(conditional.Alternate, names);
            case SequenceExpression sequence:
                return sequence.Expressions.All(e => Check(e, names));
            case ParenthesizedExpression parenthesized:
                return Check(parenthesized.Expression, names);
            case ChainExpression chain:
                return Check(chain.Expression, names);
            case MemberExpression member:
                return CheckMember(member) && !IsInheritedMethod(member) && Check(member.Object, names);
            case CallExpression call:
                return CheckCallee(call.Callee, names) && call.Arguments.All(a => Check(a, names));
            default:
                return false;
        }
    }

    private static bool IsInheritedMethod(MemberExpression member) => member.Property switch
    {
        Identifier name when !member.Computed => InheritedMethods.Contains(name.Name),
        StringLiteral text when member.Computed => InheritedMethods.Contains(text.Value),
        _ => false,
    };

    private static bool CheckMember(MemberExpression member)
    {
        if (!member.Computed)
        {
            return member.Property is Identifier name && !ForbiddenMembers.Contains(name.Name);
        }

        return member.Property switch
        {
            StringLiteral text => !ForbiddenMembers.Contains(text.Value),
            NumericLiteral => true,
            _ => false,
        };
    }

    private static bool CheckCallee(Node callee, HashSet<string> names)
    {
        switch (callee)
        {
            case Identifier id when id.Name == "In" || PureGlobalFunctions.Contains(id.Name):
                names.Add(id.Name);
                return true;
            case MemberExpression { Computed: false, Object: Identifier { Name: "Math" or "JSON" } holder, Property: Identifier method }
                when !ForbiddenMembers.Contains(method.Name):
                names.Add(holder.Name);
                return true;
            case MemberExpression { Computed: false, Property: Identifier method } member when ReceiverOnlyMethods.Contains(method.Name):
                return Check(member.Object, names);
            default:
                return false;
        }
    }

    /// <summary>An assignment, update or delete target: rooted at a chart variable (never a system name, In or a built-in).</summary>
    private static bool CheckTarget(Node target, HashSet<string> names)
    {
        switch (target)
        {
            case Identifier id:
                names.Add(id.Name);
                return IsParkableVariableName(id.Name) || id.Name == ScriptExpr.AssignValueName;
            case ParenthesizedExpression parenthesized:
                return CheckTarget(parenthesized.Expression, names);
            case MemberExpression member:
                // The object may be any readable value: system variables' objects are stored with the chart variables.
                return CheckMember(member) && Check(member.Object, names);
            default:
                return false;
        }
    }
}
