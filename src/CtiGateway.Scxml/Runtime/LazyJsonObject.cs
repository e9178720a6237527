using System.Text.Json;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime.Descriptors;

namespace CtiGateway.Scxml.Runtime;

/// <summary>
/// A host object property whose value is a JSON object, built only when a script first touches it (Jint calls
/// <see cref="Initialize"/> before any property access): a session that never reads <c>_genesys.queue</c> does not pay
/// for its objects. Functions that belong inside it (<c>ixn.getuData</c>) are created at the same moment.
/// </summary>
internal sealed class LazyJsonObject : ObjectInstance
{
    private readonly Engine _jsEngine;
    private string? _json;
    private List<(string Path, Func<Engine, string, JsValue> Create)>? _functions;

    public LazyJsonObject(Engine engine, string json, List<(string Path, Func<Engine, string, JsValue> Create)>? functions)
        : base(engine)
    {
        _jsEngine = engine;
        _json = json;
        _functions = functions;
        Prototype = engine.Intrinsics.Object.PrototypeObject;
    }

    /// <summary>
    /// A JSON value as a script value: objects stay lazy (their text is kept until touched), arrays and scalars are built
    /// at once.
    /// </summary>
    public static JsValue ValueOf(Engine engine, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => new LazyJsonObject(engine, value.GetRawText(), null),
        JsonValueKind.String => new JsString(value.GetString()!),
        JsonValueKind.Number => JsNumber.Create(value.GetDouble()),
        JsonValueKind.True => JsBoolean.True,
        JsonValueKind.False => JsBoolean.False,
        JsonValueKind.Null => JsValue.Null,
        _ => new JsonParser(engine).Parse(value.GetRawText()),
    };

    protected override void Initialize()
    {
        if (_json is { } json)
        {
            _json = null;
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    FastSetProperty(property.Name, new PropertyDescriptor(ValueOf(_jsEngine, property.Value), PropertyFlag.ConfigurableEnumerableWritable));
                }
            }
        }

        if (_functions is { } functions)
        {
            _functions = null;
            foreach (var (path, create) in functions)
            {
                var (owner, name) = HostObjectBridge.OwnerOf(_jsEngine, this, path);
                owner.FastSetProperty(name, new PropertyDescriptor(create(_jsEngine, name), writable: false, enumerable: false, configurable: false));
            }
        }
    }
}
