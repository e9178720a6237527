using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace CtiGateway.Scxml.Runtime;

/// <summary>
/// Stores values of one engine for a parked data model (see <see cref="ParkedDataModel"/>): primitives as they are
/// (a concatenated string is flattened), plain objects and dense arrays of the realm's own prototypes as
/// <see cref="ParkedObject"/> / <see cref="ParkedArray"/>, each object once (shared references stay shared). Anything
/// else (cycles, accessors, non-default attributes, symbols, functions, other prototypes, non-extensible objects,
/// holes or extra array properties, nesting deeper than <see cref="MaxDepth"/>) refuses.
/// </summary>
internal sealed class ParkCapture(Engine engine)
{
    /// <summary>Deepest nesting of objects and arrays that is stored (deeper data models keep their engine).</summary>
    public const int MaxDepth = 256;

    private int _depth;

    private readonly ObjectInstance _objectPrototype = engine.Intrinsics.Object.PrototypeObject;
    private readonly ObjectInstance _arrayPrototype = engine.Intrinsics.Array.PrototypeObject;
    private readonly Dictionary<ObjectInstance, object> _stored = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<ObjectInstance> _inProgress = new(ReferenceEqualityComparer.Instance);

    public bool TryStore(JsValue value, out object stored)
    {
        stored = JsValue.Undefined;
        switch (value.Type)
        {
            case Jint.Runtime.Types.Undefined or Jint.Runtime.Types.Null or Jint.Runtime.Types.Boolean or Jint.Runtime.Types.Number
                or Jint.Runtime.Types.BigInt:
                stored = value;
                return true;
            case Jint.Runtime.Types.String:
                stored = value.GetType() == typeof(JsString) ? value : new JsString(value.ToString());
                return true;
            case Jint.Runtime.Types.Object when value is ObjectInstance obj:
                if (_stored.TryGetValue(obj, out var existing))
                {
                    stored = existing;
                    return true;
                }

                if (_depth >= MaxDepth || !_inProgress.Add(obj) || !obj.Extensible)
                {
                    return false;
                }

                _depth++;
                var ok = obj switch
                {
                    JsArray array when array.GetType() == typeof(JsArray) && ReferenceEquals(array.Prototype, _arrayPrototype) => TryStoreArray(array, out stored),
                    JsObject plain when plain.GetType() == typeof(JsObject) && ReferenceEquals(plain.Prototype, _objectPrototype) => TryStoreObject(plain, out stored),
                    _ => false,
                };
                _depth--;
                _inProgress.Remove(obj);
                if (ok)
                {
                    _stored[obj] = stored;
                }

                return ok;
            default:
                return false;
        }
    }

    private bool TryStoreArray(JsArray array, out object stored)
    {
        stored = JsValue.Undefined;
        var length = array.Length;
        if (length > int.MaxValue || array.GetOwnPropertyKeys().Count != (int)length + 1)
        {
            return false;
        }

        var items = new object[length];
        for (uint i = 0; i < length; i++)
        {
            var descriptor = array.GetOwnProperty(i);
            if (!IsPlainData(descriptor) || !TryStore(descriptor.Value, out items[i]))
            {
                return false;
            }
        }

        stored = new ParkedArray(items);
        return true;
    }

    private bool TryStoreObject(JsObject obj, out object stored)
    {
        stored = JsValue.Undefined;
        var keys = new List<string>();
        var values = new List<object>();
        foreach (var (key, descriptor) in obj.GetOwnProperties())
        {
            if (!key.IsString() || !IsPlainData(descriptor) || !TryStore(descriptor.Value, out var value))
            {
                return false;
            }

            keys.Add(key.ToString());
            values.Add(value);
        }

        stored = new ParkedObject([.. keys], [.. values]);
        return true;
    }

    private static bool IsPlainData(Jint.Runtime.Descriptors.PropertyDescriptor descriptor) =>
        descriptor != Jint.Runtime.Descriptors.PropertyDescriptor.Undefined && descriptor.IsDataDescriptor()
        && descriptor.Writable && descriptor.Enumerable && descriptor.Configurable;
}
