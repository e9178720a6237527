using System.Text;
using CtiGateway.Scxml.Model;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace CtiGateway.Scxml.Runtime;

/// <summary>
/// The ECMAScript data model of one session: its own Jint engine (own realm and globals), touched only from the
/// session's event loop. Every evaluation runs under the configured constraints; any failure becomes a
/// <see cref="ScxmlExecutionException"/> (error.execution) for this session only. No CLR access is granted.
/// </summary>
internal sealed class EcmaDataModel
{
    private static readonly string[] SystemVariables = ["_event", "_sessionid", "_name", "_ioprocessors", "_x"];
    private static readonly Prepared<Acornima.Ast.Script> DomPrelude = Engine.PrepareScript(DomScript.Source, "dom");

    private readonly ScxmlRuntimeOptions _options;
    private readonly string _sessionId;
    private readonly string? _name;
    private readonly Func<string, bool> _inState;
    private readonly Func<IReadOnlyDictionary<string, string>> _ioProcessors;
    private readonly int _maxCharacters;
    private readonly bool _ors;
    private readonly bool _fastExpressions;
    private readonly Action<string>? _orsLog;
    private readonly Action<string, DataValue>? _orsRaise;
    private IReadOnlyList<ScxmlHostObject> _hostObjects;
    private bool _releaseHostObjects;
    private Engine? _engineInstance;
    private List<(string Id, JsValue Value)>? _pendingGlobals;
    private ScxmlEvent? _pendingEvent;
    private JsValue _domBuild = JsValue.Undefined;
    private JsValue _domSerialize = JsValue.Undefined;
    private JsValue _domIsNode = JsValue.Undefined;
    private ParkedDataModel? _parked;

    /// <summary>
    /// Creates the data model. The Jint engine itself is created only when something needs it: a session whose data
    /// are literals and that has evaluated nothing yet holds only the literal values (cheap starts, small idle sessions).
    /// </summary>
    public EcmaDataModel(ScxmlRuntimeOptions options, string sessionId, string? name, Func<string, bool> inState,
        Func<IReadOnlyDictionary<string, string>> ioProcessors, bool fastExpressions, bool ors = false, Action<string>? orsLog = null,
        Action<string, DataValue>? orsRaise = null, IReadOnlyList<ScxmlHostObject>? hostObjects = null)
    {
        _hostObjects = hostObjects ?? options.HostObjects;
        _fastExpressions = fastExpressions;
        _ors = ors;
        _orsLog = orsLog;
        _orsRaise = orsRaise;
        _options = options;
        _sessionId = sessionId;
        _name = name;
        _inState = inState;
        _ioProcessors = ioProcessors;
        _maxCharacters = options.LoadOptions.MaxDocumentBytes;
    }

    /// <summary>
    /// The session never parks, so its engine is built once: after that the host objects' descriptions (their JSON and
    /// function tables, per session) are dropped; the engine holds what it needs.
    /// </summary>
    public void ReleaseHostObjectsOnceBuilt()
    {
        _releaseHostObjects = true;
        if (_engineInstance is not null)
        {
            _hostObjects = [];
        }
    }

    /// <summary>True once the engine exists.</summary>
    public bool IsMaterialized => _engineInstance is not null;

    private Engine Js => _engineInstance ?? Materialize();

    private Engine Materialize()
    {
        var options = _options;
        var engine = new Engine(o =>
        {
            o.Strict(false);
            o.LimitRecursion(options.MaxRecursionDepth);
            o.TimeoutInterval(options.ScriptTimeout);
            o.MaxStatements(options.MaxStatements);
            if (options.MaxScriptMemoryBytes > 0)
            {
                o.LimitMemory(options.MaxScriptMemoryBytes);
            }
        });
        _engineInstance = engine;
        var global = engine.Global;
        var inState = _inState;
        global.FastSetProperty("In", new PropertyDescriptor(
            new ClrFunction(engine, "In", (_, args) => inState(TypeConverter.ToString(args.Length > 0 ? args[0] : JsValue.Undefined)) ? JsBoolean.True : JsBoolean.False),
            writable: false, enumerable: false, configurable: false));
        global.FastSetProperty("_sessionid", new PropertyDescriptor(new JsString(_sessionId), writable: false, enumerable: true, configurable: false));
        global.FastSetProperty("_name", new PropertyDescriptor(_name is null ? JsValue.Undefined : new JsString(_name), writable: false, enumerable: true, configurable: false));
        var processors = new JsObject(engine);
        foreach (var (type, location) in _ioProcessors())
        {
            var entry = new JsObject(engine);
            entry.FastSetDataProperty("location", new JsString(location));
            processors.FastSetDataProperty(type, entry);
        }

        global.FastSetProperty("_event", new PropertyDescriptor(JsValue.Undefined, writable: false, enumerable: true, configurable: true));
        global.FastSetProperty("_ioprocessors", new PropertyDescriptor(processors, writable: false, enumerable: true, configurable: false));
        foreach (var host in _hostObjects)
        {
            global.FastSetProperty(host.Name, new PropertyDescriptor(HostObjectBridge.Create(engine, host, SetHostPath), writable: false, enumerable: false, configurable: false));
        }

        if (_releaseHostObjects)
        {
            _hostObjects = [];
        }

        if (_ors)
        {
            OrsBuiltins.Install(engine);
            var log = _orsLog;
            var raise = _orsRaise;
            global.FastSetProperty("__Log", new PropertyDescriptor(new ClrFunction(engine, "__Log", (_, args) =>
            {
                log?.Invoke(string.Join(" ", args.Select(ToText)));
                return JsValue.Undefined;
            }), writable: false, enumerable: false, configurable: false));
            global.FastSetProperty("__Raise", new PropertyDescriptor(new ClrFunction(engine, "__Raise", (_, args) =>
            {
                var eventName = args.Length > 0 ? TypeConverter.ToString(args[0]) : string.Empty;
                if (eventName.Length == 0)
                {
                    throw new JavaScriptException(engine.Intrinsics.TypeError, "__Raise needs an event name");
                }

                raise?.Invoke(eventName, args.Length > 1 ? ToData(args[1]) : DataValue.Undefined);
                return JsValue.Undefined;
            }), writable: false, enumerable: false, configurable: false));
        }

        if (_parked is { } parked)
        {
            _parked = null;
            Unpark(engine, parked);
        }

        if (_pendingGlobals is not null)
        {
            foreach (var (id, value) in _pendingGlobals)
            {
                global.Set(id, value);
            }

            _pendingGlobals = null;
        }

        if (_pendingEvent is not null)
        {
            var pending = _pendingEvent;
            _pendingEvent = null;
            SetEvent(pending);
        }

        return engine;
    }

    /// <summary>True while the data model is parked (values stored, no engine).</summary>
    public bool IsParked => _parked is not null;

    /// <summary>
    /// Parks the data model when every value can be restored exactly: stores the chart's own globals and the values of
    /// <c>_event</c> and <c>_ioprocessors</c> (plain objects and arrays of primitives without cycles, accessors, symbols,
    /// functions or other prototypes; shared references kept) and releases the engine. The caller guarantees that the
    /// document's expressions are park-safe (<see cref="ParkSafety"/>) and that the session is between macrosteps.
    /// Returns false (nothing changed) when some value does not qualify.
    /// </summary>
    public bool TryPark(out int variables)
    {
        variables = 0;
        if (_engineInstance is not { } engine || _pendingGlobals is not null || _pendingEvent is not null || _ors)
        {
            return false;
        }

        var capture = new ParkCapture(engine);
        var names = new List<string>();
        var values = new List<object>();
        object? eventValue = null;
        object? ioProcessors = null;
        foreach (var (key, descriptor) in engine.Global.GetOwnProperties())
        {
            if (!key.IsString())
            {
                continue;
            }

            var name = key.ToString();
            switch (name)
            {
                case "_event":
                    if (descriptor.Writable || !descriptor.Enumerable || !descriptor.Configurable || !descriptor.IsDataDescriptor()
                        || !capture.TryStore(descriptor.Value, out var stored))
                    {
                        return false;
                    }

                    eventValue = descriptor.Value.IsUndefined() ? null : stored;
                    continue;
                case "_ioprocessors":
                    if (!capture.TryStore(descriptor.Value, out ioProcessors))
                    {
                        return false;
                    }

                    continue;
                case "_sessionid" or "_name":
                    continue;
            }

            if (ParkSafety.BuiltinGlobals.Contains(name) || _hostObjects.Any(h => h.Name == name))
            {
                continue;
            }

            if (!descriptor.IsDataDescriptor() || !descriptor.Writable || !descriptor.Enumerable || !descriptor.Configurable
                || !capture.TryStore(descriptor.Value, out var value))
            {
                return false;
            }

            names.Add(name);
            values.Add(value);
        }

        if (ioProcessors is null)
        {
            return false;
        }

        _parked = new ParkedDataModel([.. names], [.. values], eventValue, ioProcessors);
        variables = names.Count;
        _engineInstance = null;
        return true;
    }

    private static void Unpark(Engine engine, ParkedDataModel parked)
    {
        var made = new Dictionary<object, JsValue>(ReferenceEqualityComparer.Instance);
        var global = engine.Global;
        global.FastSetProperty("_ioprocessors", new PropertyDescriptor(Restore(engine, parked.IoProcessors, made), writable: false, enumerable: true, configurable: false));
        if (parked.Event is { } eventValue)
        {
            global.FastSetProperty("_event", new PropertyDescriptor(Restore(engine, eventValue, made), writable: false, enumerable: true, configurable: true));
        }

        for (var i = 0; i < parked.Names.Length; i++)
        {
            global.Set(parked.Names[i], Restore(engine, parked.Values[i], made));
        }
    }

    private static JsValue Restore(Engine engine, object stored, Dictionary<object, JsValue> made)
    {
        switch (stored)
        {
            case JsValue primitive:
                return primitive;
            case ParkedObject parkedObject:
            {
                if (made.TryGetValue(parkedObject, out var existing))
                {
                    return existing;
                }

                var obj = new JsObject(engine);
                made[parkedObject] = obj;
                for (var i = 0; i < parkedObject.Keys.Length; i++)
                {
                    obj.CreateDataProperty(parkedObject.Keys[i], Restore(engine, parkedObject.Values[i], made));
                }

                return obj;
            }

            case ParkedArray parkedArray:
            {
                if (made.TryGetValue(parkedArray, out var existing))
                {
                    return existing;
                }

                var items = new JsValue[parkedArray.Items.Length];
                var array = new JsArray(engine, items);
                made[parkedArray] = array;
                for (var i = 0; i < items.Length; i++)
                {
                    array.Set((uint)i, Restore(engine, parkedArray.Items[i], made));
                }

                return array;
            }

            default:
                throw new InvalidOperationException("unknown parked value " + stored.GetType().Name);
        }
    }

    /// <summary>Declares a variable with an engine-independent primitive value, without creating the engine.</summary>
    public void DeclarePrimitive(string id, JsValue value)
    {
        if (_engineInstance is not null)
        {
            _engineInstance.Global.Set(id, value);
            return;
        }

        (_pendingGlobals ??= []).Add((id, value));
    }

    public static bool IsSystemVariable(string name) => Array.IndexOf(SystemVariables, name) >= 0;

    public JsValue Evaluate(ScriptExpr expr)
    {
        if (expr.Prepared is not { } prepared)
        {
            throw new ScxmlExecutionException(expr.Error ?? "expression cannot be evaluated", expr.Position);
        }

        if (_fastExpressions && expr.Fast is { } fast && _engineInstance is { } engine && fast.TryEvaluate(engine.Global, out var fastResult))
        {
            return fastResult;
        }

        try
        {
            return Js.Evaluate(prepared);
        }
        catch (Exception ex) when (IsScriptFailure(ex))
        {
            throw new ScxmlExecutionException($"'{Shorten(expr.Text)}': {Describe(ex)}", expr.Position);
        }
    }

    public bool EvaluateCondition(ScriptExpr expr) => TypeConverter.ToBoolean(Evaluate(expr));

    public string EvaluateString(ScriptExpr expr) => TypeConverter.ToString(Evaluate(expr));

    public void Execute(ScriptExpr script)
    {
        if (script.Prepared is not { } prepared)
        {
            throw new ScxmlExecutionException(script.Error ?? "script cannot be run", script.Position);
        }

        try
        {
            Js.Execute(prepared);
        }
        catch (Exception ex) when (IsScriptFailure(ex))
        {
            throw new ScxmlExecutionException("script: " + Describe(ex), script.Position);
        }
    }

    /// <summary>Assigns to a location that must already exist in the data model (a declared variable or a path under one).</summary>
    public void Assign(ScriptExpr location, JsValue value)
    {
        if (location.Prepared is not { } prepared || location.RootIdentifier is not { } root)
        {
            throw new ScxmlExecutionException(location.Error ?? $"'{location.Text}' is not a location", location.Position);
        }

        if (IsSystemVariable(root))
        {
            throw new ScxmlExecutionException($"'{root}' is a read-only system variable", location.Position);
        }

        if (!Js.Global.HasProperty(root))
        {
            throw new ScxmlExecutionException($"'{location.Text.Trim()}' is not a declared location in the data model", location.Position);
        }

        if (location.IsSimpleIdentifier)
        {
            if (!Js.Global.Set(root, value))
            {
                throw new ScxmlExecutionException($"'{root}' is read-only", location.Position);
            }

            return;
        }

        Js.Global.Set(ScriptExpr.AssignValueName, value);
        try
        {
            Js.Execute(prepared);
        }
        catch (Exception ex) when (IsScriptFailure(ex))
        {
            throw new ScxmlExecutionException($"assign to '{Shorten(location.Text)}': {Describe(ex)}", location.Position);
        }
        finally
        {
            Js.Global.Set(ScriptExpr.AssignValueName, JsValue.Undefined);
        }
    }

    /// <summary>
    /// Host update: sets (or, for undefined, deletes) the value at <paramref name="path"/> under a global (the first
    /// segment). Missing intermediate objects are created. Read-only host object properties are replaced in place.
    /// </summary>
    public void SetHostPath(IReadOnlyList<string> path, DataValue value)
    {
        if (path.Count == 0)
        {
            return;
        }

        ObjectInstance parent = Js.Global;
        for (var i = 0; i < path.Count - 1; i++)
        {
            var next = parent.Get(path[i]);
            if (next is not ObjectInstance child)
            {
                child = new JsObject(Js);
                parent.FastSetProperty(path[i], new PropertyDescriptor(child, writable: true, enumerable: true, configurable: true));
            }

            parent = child;
        }

        var last = path[^1];
        if (value.IsUndefined)
        {
            parent.Delete(last);
            return;
        }

        // Host data objects stay lazy until a script reads them (most events carry a new copy nobody reads).
        var js = value.Kind == DataKind.Json && value.Text!.TrimStart().StartsWith('{') ? new LazyJsonObject(Js, value.Text, null) : FromData(value);
        if (!parent.Set(last, js))
        {
            parent.FastSetProperty(last, new PropertyDescriptor(js, writable: true, enumerable: true, configurable: true));
        }
    }

    /// <summary>The values of <paramref name="names"/> as one JSON object (functions and undefined left out).</summary>
    public string SnapshotJson(IEnumerable<string> names)
    {
        var obj = new JsObject(Js);
        foreach (var name in names)
        {
            if (Js.Global.HasProperty(name))
            {
                var value = Js.Global.Get(name);
                if (!value.IsUndefined() && value is not Function)
                {
                    obj.Set(name, value);
                }
            }
        }

        return ToData(obj).Text ?? "{}";
    }

    /// <summary>Declares (or overwrites) a top-level variable.</summary>
    public void Declare(string id, JsValue value) => Js.Global.Set(id, value);

    public bool IsDeclared(string id) => Js.Global.HasProperty(id);

    /// <summary>Declares a loop variable for foreach when it does not exist yet.</summary>
    public void DeclareIfMissing(ScriptExpr location)
    {
        if (location.RootIdentifier is { } root && location.IsSimpleIdentifier && !IsSystemVariable(root) && !Js.Global.HasProperty(root))
        {
            Js.Global.Set(root, JsValue.Undefined);
        }
    }

    public JsValue[] ToArrayCopy(JsValue value, SourcePosition position)
    {
        if (value is JsArray array)
        {
            var length = (uint)TypeConverter.ToLength(array.Get("length"));
            var items = new JsValue[length];
            for (uint i = 0; i < length; i++)
            {
                items[i] = array.Get(i);
            }

            return items;
        }

        throw new ScxmlExecutionException("foreach 'array' is not an array", position);
    }

    public JsValue Number(int value) => JsNumber.Create(value);

    public void SetEvent(ScxmlEvent e)
    {
        if (_engineInstance is null)
        {
            // Bound when the engine is created: nothing has read _event yet.
            _pendingEvent = e;
            return;
        }

        var obj = new JsObject(Js);
        obj.FastSetDataProperty("name", new JsString(e.Name));
        obj.FastSetDataProperty("type", new JsString(e.Type));
        obj.FastSetDataProperty("sendid", e.SendId is null ? JsValue.Undefined : new JsString(e.SendId));
        obj.FastSetDataProperty("origin", e.Origin is null ? JsValue.Undefined : new JsString(e.Origin));
        obj.FastSetDataProperty("origintype", e.OriginType is null ? JsValue.Undefined : new JsString(e.OriginType));
        obj.FastSetDataProperty("invokeid", e.InvokeId is null ? JsValue.Undefined : new JsString(e.InvokeId));
        JsValue data;
        try
        {
            data = FromData(e.Data);
        }
        catch (ScxmlExecutionException)
        {
            data = JsValue.Undefined;
        }

        obj.FastSetDataProperty("data", data);
        if (e.Raw is not null)
        {
            obj.FastSetDataProperty("raw", new JsString(e.Raw));
        }

        Js.Global.FastSetProperty("_event", new PropertyDescriptor(obj, writable: false, enumerable: true, configurable: true));
    }

    /// <summary>Turns a carried value into a value of this realm.</summary>
    public JsValue FromData(DataValue value)
    {
        switch (value.Kind)
        {
            case DataKind.Json:
                return ParseJson(value.Text!) ?? throw new ScxmlExecutionException("event data is not valid JSON", default);
            case DataKind.Xml:
                return FromXml(value.Text!) ?? new JsString(value.Text!);
            case DataKind.Text:
                return FromDataText(value.Text!);
            default:
                return JsValue.Undefined;
        }
    }

    /// <summary>The value of <c>&lt;data&gt;</c> text (inline or from src): JSON, otherwise a whitespace-normalised string.</summary>
    public JsValue FromDataText(string text) => ParseJson(text) ?? new JsString(NormalizeSpace(text));

    /// <summary>XML content as a DOM document (null when the text is not XML).</summary>
    public JsValue? FromXml(string xml)
    {
        var json = XmlTree.ToJson(xml, _maxCharacters);
        if (json is null)
        {
            return null;
        }

        EnsureDom();
        try
        {
            return Js.Invoke(_domBuild, json);
        }
        catch (Exception ex) when (IsScriptFailure(ex))
        {
            throw new ScxmlExecutionException("XML content: " + Describe(ex), default);
        }
    }

    /// <summary>Turns a value of this realm into a carried value (JSON or XML); functions and undefined become undefined.</summary>
    public DataValue ToData(JsValue value)
    {
        if (value.IsUndefined())
        {
            return DataValue.Undefined;
        }

        if (value is ObjectInstance && !_domIsNode.IsUndefined() && TypeConverter.ToBoolean(Js.Invoke(_domIsNode, value)))
        {
            return new DataValue(DataKind.Xml, TypeConverter.ToString(Js.Invoke(_domSerialize, value)));
        }

        try
        {
            var json = new JsonSerializer(Js).Serialize(value);
            return json.IsUndefined() ? DataValue.Undefined : DataValue.Json(TypeConverter.ToString(json));
        }
        catch (Exception ex) when (IsScriptFailure(ex))
        {
            throw new ScxmlExecutionException("value cannot be sent: " + Describe(ex), default);
        }
    }

    /// <summary>Builds an object from name/value pairs (params and namelist), as a carried value.</summary>
    public DataValue ToData(IReadOnlyList<(string Name, JsValue Value)> pairs)
    {
        var obj = new JsObject(Js);
        foreach (var (name, value) in pairs)
        {
            obj.Set(name, value);
        }

        return ToData(obj);
    }

    /// <summary>The XML text of a DOM node value, or null when the value is not a DOM node.</summary>
    public string? ToXmlText(JsValue value)
    {
        if (value is ObjectInstance && !_domIsNode.IsUndefined() && TypeConverter.ToBoolean(Js.Invoke(_domIsNode, value)))
        {
            return TypeConverter.ToString(Js.Invoke(_domSerialize, value));
        }

        return null;
    }

    public static string ToText(JsValue value) => value.IsUndefined() ? "undefined" : TypeConverter.ToString(value);

    public string ToLogText(JsValue value)
    {
        if (value is ObjectInstance and not JsArray && ToXmlText(value) is { } xml)
        {
            return xml;
        }

        if (value is ObjectInstance && value is not Jint.Native.Function.Function)
        {
            try
            {
                var json = new JsonSerializer(Js).Serialize(value);
                if (!json.IsUndefined())
                {
                    return TypeConverter.ToString(json);
                }
            }
            catch (Exception ex) when (IsScriptFailure(ex))
            {
                return ToText(value);
            }
        }

        return ToText(value);
    }

    public JsValue FromString(string text) => new JsString(text);

    private JsValue? ParseJson(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        try
        {
            return new JsonParser(Js).Parse(trimmed);
        }
        catch (Exception ex) when (IsScriptFailure(ex))
        {
            return null;
        }
    }

    private void EnsureDom()
    {
        if (!_domBuild.IsUndefined())
        {
            return;
        }

        Js.Execute(DomPrelude);
        var dom = Js.Global.Get(DomScript.GlobalName);
        _domBuild = dom.Get("build");
        _domSerialize = dom.Get("serialize");
        _domIsNode = dom.Get("isNode");
    }

    private static string NormalizeSpace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool IsScriptFailure(Exception ex) => ex is not (OutOfMemoryException or StackOverflowException or ThreadAbortException or ScxmlExecutionException);

    private static string Describe(Exception ex) => ex switch
    {
        JavaScriptException js => js.Message,
        StatementsCountOverflowException => "script stopped: too many statements",
        TimeoutException => "script stopped: it ran longer than the script timeout",
        RecursionDepthOverflowException => "script stopped: recursion too deep",
        MemoryLimitExceededException => "script stopped: memory limit exceeded",
        _ => ex.Message,
    };

    private static string Shorten(string text) => text.Length > 80 ? text[..77] + "..." : text.Trim();
}
