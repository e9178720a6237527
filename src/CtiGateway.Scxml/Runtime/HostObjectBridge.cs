using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace CtiGateway.Scxml.Runtime;

/// <summary>
/// Builds the ECMAScript object for a <see cref="ScxmlHostObject"/>: JSON values and JSON-in/JSON-out functions. Object
/// values are built on first use (<see cref="LazyJsonObject"/>), together with the functions nested in them.
/// </summary>
internal static class HostObjectBridge
{
    public static JsValue Create(Engine engine, ScxmlHostObject host, Action<IReadOnlyList<string>, DataValue> setHostPath)
    {
        var obj = new JsObject(engine);
        var nested = new Dictionary<string, List<(string, Func<Engine, string, JsValue>)>>(StringComparer.Ordinal);
        var direct = new List<(string Path, Func<IReadOnlyList<string?>, string?> Handler)>();
        var functions = new List<KeyValuePair<string, Func<IReadOnlyList<string?>, string?>>>(host.Functions);
        foreach (var (path, updating) in host.UpdatingFunctions)
        {
            functions.Add(new(path, args =>
            {
                var result = updating(args);
                foreach (var update in result.Updates)
                {
                    setHostPath(update.Path, update.Json is null ? DataValue.Undefined : DataValue.Json(update.Json));
                }

                return result.Json;
            }));
        }

        foreach (var (path, function) in functions)
        {
            var dot = path.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && host.Properties.TryGetValue(path[..dot], out var json) && json.TrimStart().StartsWith('{'))
            {
                var handler = function;
                if (!nested.TryGetValue(path[..dot], out var list))
                {
                    nested[path[..dot]] = list = [];
                }

                list.Add((path[(dot + 1)..], (e, name) => Function(e, name, handler)));
            }
            else
            {
                direct.Add((path, function));
            }
        }

        foreach (var (name, json) in host.Properties)
        {
            JsValue value = json.TrimStart().StartsWith('{')
                ? new LazyJsonObject(engine, json, nested.GetValueOrDefault(name))
                : new JsonParser(engine).Parse(json);
            obj.FastSetProperty(name, new PropertyDescriptor(value, writable: false, enumerable: true, configurable: false));
        }

        foreach (var (path, handler) in direct)
        {
            var (owner, name) = OwnerOf(engine, obj, path);
            owner.FastSetProperty(name, new PropertyDescriptor(Function(engine, name, handler), writable: false, enumerable: false, configurable: false));
        }

        return obj;
    }

    private static ClrFunction Function(Engine engine, string name, Func<IReadOnlyList<string?>, string?> handler) =>
        new(engine, name, (_, args) =>
        {
            var serializer = new JsonSerializer(engine);
            var jsonArgs = new List<string?>(args.Length);
            foreach (var arg in args)
            {
                var text = serializer.Serialize(arg);
                jsonArgs.Add(text.IsUndefined() ? null : TypeConverter.ToString(text));
            }

            string? result;
            try
            {
                result = handler(jsonArgs);
            }
            catch (ScxmlActionException ex)
            {
                throw new JavaScriptException(engine.Intrinsics.Error, ex.Message);
            }

            return result is null ? JsValue.Undefined : new JsonParser(engine).Parse(result);
        });

    /// <summary>A dotted function name (<c>ixn.getuData</c>) lives in a nested object, created when missing.</summary>
    internal static (ObjectInstance Owner, string Name) OwnerOf(Engine engine, ObjectInstance root, string path)
    {
        var owner = root;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (owner.Get(parts[i]) is not ObjectInstance child)
            {
                child = new JsObject(engine);
                owner.FastSetProperty(parts[i], new PropertyDescriptor(child, writable: false, enumerable: true, configurable: false));
            }

            owner = child;
        }

        return (owner, parts[^1]);
    }
}
