using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace CtiGateway.Scxml.Runtime;

/// <summary>Builds the ECMAScript object for a <see cref="ScxmlHostObject"/>: JSON values and JSON-in/JSON-out functions.</summary>
internal static class HostObjectBridge
{
    public static JsValue Create(Engine engine, ScxmlHostObject host)
    {
        var obj = new JsObject(engine);
        foreach (var (name, json) in host.Properties)
        {
            obj.FastSetProperty(name, new PropertyDescriptor(new JsonParser(engine).Parse(json), writable: false, enumerable: true, configurable: false));
        }

        foreach (var (path, function) in host.Functions)
        {
            var handler = function;
            var (owner, name) = OwnerOf(engine, obj, path);
            owner.FastSetProperty(name, new PropertyDescriptor(new ClrFunction(engine, name, (_, args) =>
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
            }), writable: false, enumerable: false, configurable: false));
        }

        return obj;
    }

    /// <summary>A dotted function name (<c>ixn.getuData</c>) lives in a nested object, created when missing.</summary>
    private static (ObjectInstance Owner, string Name) OwnerOf(Engine engine, ObjectInstance root, string path)
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
