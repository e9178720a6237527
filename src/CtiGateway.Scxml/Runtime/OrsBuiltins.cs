using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace CtiGateway.Scxml.Runtime;

/// <summary>
/// What ORS (SpiderMonkey-era) strategies expect from the ECMAScript environment and Jint lacks, installed natively in
/// each engine of an ORS-dialect session: <c>uneval()</c> and <c>Object.prototype.toSource()</c> (a JavaScript-literal
/// serialiser printing as SpiderMonkey does: <c>({a:1, b:"x"})</c>, <c>[1, 2]</c>, <c>(void 0)</c>), <c>_data</c> as
/// the data model object (so <c>_data.x</c> and <c>x</c> are the same variable) and the Composer include prefix
/// <c>_my_prefix</c> (empty for a document run on its own). Native rather than a script prelude: a prelude's closures
/// and the intrinsics it touches cost about 10 KB per idle session (docs/performance.md).
/// </summary>
internal static class OrsBuiltins
{
    /// <summary>Deepest nesting printed; deeper values print as <c>{}</c> (as a cycle does).</summary>
    private const int MaxDepth = 64;

    public static void Install(Engine engine)
    {
        var global = engine.Global;
        global.FastSetProperty("uneval", new PropertyDescriptor(
            new ClrFunction(engine, "uneval", (_, args) => new JsString(Source(args.Length > 0 ? args[0] : JsValue.Undefined))),
            writable: true, enumerable: false, configurable: true));
        engine.Intrinsics.Object.PrototypeObject.FastSetProperty("toSource", new PropertyDescriptor(
            new ClrFunction(engine, "toSource", (thisObj, _) => new JsString(Source(thisObj is ObjectInstance o ? engine.Invoke(o.Get("valueOf"), o, []) : thisObj))),
            writable: true, enumerable: false, configurable: true));
        global.FastSetProperty("_data", new PropertyDescriptor(global, writable: false, enumerable: false, configurable: false));
        if (!global.HasProperty("_my_prefix"))
        {
            global.Set("_my_prefix", JsString.Empty);
        }
    }

    /// <summary>The source text of <paramref name="value"/>.</summary>
    public static string Source(JsValue value)
    {
        var builder = new StringBuilder();
        Write(builder, value, [], 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsValue value, List<ObjectInstance> seen, int depth)
    {
        switch (value)
        {
            case var _ when value.IsUndefined():
                builder.Append("(void 0)");
                return;
            case var _ when value.IsNull():
                builder.Append("null");
                return;
            case JsString or JsValue when value.IsString():
                Quote(builder, value.ToString());
                return;
            case var _ when value.IsNumber() || value.IsBoolean() || value.IsBigInt():
                builder.Append(TypeConverter.ToString(value));
                return;
            case Function:
                builder.Append(TypeConverter.ToString(value));
                return;
        }

        if (value is not ObjectInstance obj)
        {
            builder.Append(TypeConverter.ToString(value));
            return;
        }

        if (depth >= MaxDepth || seen.Contains(obj))
        {
            builder.Append("{}");
            return;
        }

        seen.Add(obj);
        if (obj is JsArray or ArrayInstance)
        {
            builder.Append('[');
            var length = (long)TypeConverter.ToNumber(obj.Get("length"));
            for (long i = 0; i < length; i++)
            {
                if (i > 0)
                {
                    builder.Append(", ");
                }

                var key = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (obj.HasOwnProperty(key))
                {
                    Write(builder, obj.Get(key), seen, depth + 1);
                }
            }

            builder.Append(']');
        }
        else if (obj is JsDate date)
        {
            builder.Append("(new Date(").Append(TypeConverter.ToString(date.DateValue)).Append("))");
        }
        else
        {
            builder.Append("({");
            var first = true;
            foreach (var key in obj.GetOwnPropertyKeys(Types.String))
            {
                var descriptor = obj.GetOwnProperty(key);
                if (descriptor == PropertyDescriptor.Undefined || !descriptor.Enumerable)
                {
                    continue;
                }

                if (!first)
                {
                    builder.Append(", ");
                }

                first = false;
                var name = key.ToString();
                if (IsIdentifier(name))
                {
                    builder.Append(name);
                }
                else
                {
                    Quote(builder, name);
                }

                builder.Append(':');
                Write(builder, obj.Get(key), seen, depth + 1);
            }

            builder.Append("})");
        }

        seen.RemoveAt(seen.Count - 1);
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] is '_' or '$'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '$'))
            {
                return false;
            }
        }

        return true;
    }

    private static void Quote(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
