using System.Xml.Linq;
using CtiGateway.Scxml.Model;
using Jint.Native;

namespace CtiGateway.Scxml.Runtime;

/// <summary>
/// One running SCXML session: the W3C SCXML 1.0 Appendix D algorithm over a prepared document. A session is one
/// logical thread: its mailbox is drained by one slice at a time on the scheduler, and only those slices touch its
/// data model.
/// </summary>
internal sealed partial class ScxmlSession
{
    private const string ScxmlTypeShort = "scxml";
    private const string BasicHttpTypeShort = "basichttp";

    private readonly ScxmlRuntime _runtime;
    private readonly ScxmlDocument _doc;
    private readonly ScxmlRuntimeOptions _options;
    private readonly Lock _mailboxLock = new();
    private Queue<object>? _mailbox;
    private readonly Action _runSlice;
    private readonly IReadOnlyDictionary<string, DataValue>? _initialValues;
    private IReadOnlyList<ScxmlHostObject> _hostObjects;
    private readonly TaskCompletionSource<ScxmlSessionResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool[] _configuration;
    private readonly bool[] _statesToInvoke;
    private readonly Queue<ScxmlEvent> _internalQueue = new();
    private readonly List<TransitionNode> _selected = [];
    private readonly bool[] _toEnter;
    private readonly bool[] _forDefaultEntry;
    private Dictionary<StateNode, StateNode[]>? _historyValue;
    private bool[]? _dataInitialized;
    /// <summary>Pending delayed sends by an internal key (several may share one send id), with their send id.</summary>
    private Dictionary<string, (string? SendId, IDisposable Timer)>? _delayed;
    private Dictionary<string, Invocation>? _invocationsById;
    private Dictionary<InvokeNode, Invocation>? _invocationsByNode;
    private HashSet<ScxmlEvent>? _receivedBeforeCancel;
    private List<ScxmlEvent>? _exitEventsForParent;
    private EcmaDataModel? _dataModel;
    private int _scheduled;
    private bool _started;
    private bool _running;
    private bool _exited;
    private bool _parkable;
    private bool _parkDue;
    private IDisposable? _parkTimer;
    private long _idleSinceTicks;

    /// <summary>The mailbox item a park timer posts: not an event, only a reason to check whether to park.</summary>
    private static readonly object ParkCheck = new();
    private long _idCounter;

    public ScxmlSession(ScxmlRuntime runtime, ScxmlDocument document, string id, ScxmlSession? parent, string? invokeId,
        IReadOnlyDictionary<string, DataValue>? initialValues, IReadOnlyList<ScxmlHostObject>? sessionHostObjects = null)
    {
        _hostObjects = sessionHostObjects is { Count: > 0 } ? [.. runtime.Options.HostObjects, .. sessionHostObjects] : runtime.Options.HostObjects;
        _runtime = runtime;
        _doc = document;
        _options = runtime.Options;
        Id = id;
        Parent = parent;
        InvokeId = invokeId;
        _initialValues = initialValues;
        _configuration = new bool[document.States.Length];
        _statesToInvoke = new bool[document.States.Length];
        _toEnter = new bool[document.States.Length];
        _forDefaultEntry = new bool[document.States.Length];
        _runSlice = RunSlice;
    }

    public string Id { get; }

    public ScxmlSession? Parent { get; }

    /// <summary>The invoke id this session was started under (null for a top-level session).</summary>
    public string? InvokeId { get; }

    public ScxmlDocument Document => _doc;

    public ScxmlRuntime Runtime => _runtime;

    public Task<ScxmlSessionResult> Completion => _completion.Task;

    public bool IsFinished => _exited;

    /// <summary>True while the session's data model is parked (read between slices by tests and benchmarks).</summary>
    public bool IsDataModelParked => _dataModel?.IsParked == true;

    /// <summary>True while the session has a script engine.</summary>
    public bool HasEngine => _dataModel?.IsMaterialized == true;

    private EcmaDataModel DataModel => _dataModel!;

    /// <summary>Starts the session: its first slice initialises the data model and enters the initial configuration.</summary>
    public void Start() => Schedule();

    /// <summary>Puts an external event (or a cancel request) in the session's mailbox; safe from any thread.</summary>
    public void Post(ScxmlEvent e)
    {
        Enqueue(e);
        Schedule();
    }

    /// <summary>Puts several external events in the mailbox at once, so no slice sees only some of them.</summary>
    public void Post(IReadOnlyList<ScxmlEvent> events)
    {
        lock (_mailboxLock)
        {
            _mailbox ??= new Queue<object>();
            foreach (var e in events)
            {
                _mailbox.Enqueue(e);
            }
        }

        Schedule();
    }

    /// <summary>Runs <paramref name="work"/> on the session's logical thread.</summary>
    public void Post(Action work)
    {
        Enqueue(work);
        Schedule();
    }

    /// <summary>
    /// Puts host data updates and, when given, the event they prepare in the mailbox together (nothing sent from another
    /// thread can come between them); safe from any thread.
    /// </summary>
    public void PostUpdates(IReadOnlyList<(IReadOnlyList<string> Path, DataValue Value)> updates, ScxmlEvent? e)
    {
        Action apply = () =>
        {
            foreach (var (path, value) in updates)
            {
                try
                {
                    DataModel.SetHostPath(path, value);
                }
                catch (ScxmlExecutionException ex)
                {
                    RaiseError(ex);
                }
            }
        };
        lock (_mailboxLock)
        {
            _mailbox ??= new Queue<object>();
            _mailbox.Enqueue(apply);
            if (e is not null)
            {
                _mailbox.Enqueue(e);
            }
        }

        Schedule();
    }

    /// <summary>Takes a snapshot of the active states and the declared data on the session's own thread.</summary>
    public Task<ScxmlSessionSnapshot?> SnapshotAsync()
    {
        var result = new TaskCompletionSource<ScxmlSessionSnapshot?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_exited)
        {
            result.TrySetResult(null);
            return result.Task;
        }

        _ = _completion.Task.ContinueWith(_ => result.TrySetResult(null), TaskScheduler.Default);
        Post(() =>
        {
            var active = new List<string>();
            foreach (var state in _doc.States)
            {
                if (_configuration[state.Order] && state.Id is { Length: > 0 } id && state.Parent is not null)
                {
                    active.Add(id);
                }
            }

            var names = new List<string>();
            foreach (var state in _doc.States)
            {
                foreach (var data in state.Data)
                {
                    names.Add(data.Id);
                }
            }

            string json;
            try
            {
                json = _dataModel is null ? "{}" : DataModel.SnapshotJson(names);
            }
            catch (ScxmlExecutionException ex)
            {
                json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = ex.Message });
            }

            result.TrySetResult(new ScxmlSessionSnapshot(active, json));
        });
        return result.Task;
    }

    /// <summary>Puts a park check (not an event) in the mailbox; safe from any thread.</summary>
    private void PostParkCheck()
    {
        Enqueue(ParkCheck);
        Schedule();
    }

    private void Enqueue(object item)
    {
        lock (_mailboxLock)
        {
            (_mailbox ??= new Queue<object>()).Enqueue(item);
        }
    }

    private bool TryDequeue(out object item)
    {
        lock (_mailboxLock)
        {
            if (_mailbox is { Count: > 0 })
            {
                item = _mailbox.Dequeue();
                return true;
            }
        }

        item = null!;
        return false;
    }

    private bool MailboxEmpty
    {
        get
        {
            lock (_mailboxLock)
            {
                return _mailbox is not { Count: > 0 };
            }
        }
    }

    private void ClearMailbox()
    {
        lock (_mailboxLock)
        {
            _mailbox = null;
        }
    }

    /// <summary>Asks the session to stop (as a parent cancelling its invocation does).</summary>
    public void Cancel() => Post(new ScxmlEvent { Name = "cancel", IsCancel = true });

    private void Schedule()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            _runtime.Scheduler.Enqueue(_runSlice);
        }
    }

    private void RunSlice()
    {
        try
        {
            if (!_started)
            {
                _started = true;
                Initialize();
            }

            var budget = 64;
            var active = false;
            while (!_exited && budget-- > 0 && TryDequeue(out var item))
            {
                if (ReferenceEquals(item, ParkCheck))
                {
                    _parkTimer?.Dispose();
                    _parkTimer = null;
                    _parkDue = true;
                    continue;
                }

                active = true;
                if (item is Action work)
                {
                    work();
                    if (_running)
                    {
                        RunToStable();
                    }
                }
                else
                {
                    ProcessExternal((ScxmlEvent)item);
                }
            }

            if (_parkable && _running && !_exited && _internalQueue.Count == 0 && _dataModel is { IsMaterialized: true } model && MailboxEmpty)
            {
                // Waiting for an external event or a timer: store the values and drop the engine until one arrives.
                ParkWhenIdleLongEnough(model, active);
            }
        }
        catch (SessionRunawayException ex)
        {
            Fail(ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Fail("internal error: " + ex.Message);
        }
        finally
        {
            if (_exited)
            {
                ClearMailbox();
                _parkTimer?.Dispose();
                _parkTimer = null;
            }

            Volatile.Write(ref _scheduled, 0);
            if (!_exited && !MailboxEmpty)
            {
                Schedule();
            }
        }
    }

    private void Initialize()
    {
        _dataModel = _doc.Dialect == ScxmlDialect.Ors
            ? new EcmaDataModel(_options, Id, _doc.Name, IsInState, () => _runtime.IoProcessorsFor(Id), fastExpressions: false, ors: true, hostObjects: _hostObjects,
                orsLog: text =>
                {
                    Log.ChartLog(_options.Logger, Id, null, text);
                    _options.LogSink?.Invoke(Id, null, text);
                },
                orsRaise: (name, data) => _internalQueue.Enqueue(ScxmlEvent.Internal(name, data)))
            : new EcmaDataModel(_options, Id, _doc.Name, IsInState, () => _runtime.IoProcessorsFor(Id), fastExpressions: !_doc.HasScripts,
                hostObjects: _hostObjects);
        _parkable = _options.ParkIdleDataModels && _doc.CanPark && !_hostObjects.Any(h => _doc.ReferencedNames.Contains(h.Name));
        if (!_parkable)
        {
            // The engine, once built, is kept for the session's life: the host objects' descriptions are not needed again.
            DataModel.ReleaseHostObjectsOnceBuilt();
            _hostObjects = [];
        }
        Log.SessionStarted(_options.Logger, Id, _doc.File);
        _running = true;
        if (_doc.LateBinding)
        {
            _dataInitialized = new bool[_doc.States.Length];
            var declared = new HashSet<string>(StringComparer.Ordinal);
            foreach (var state in _doc.States)
            {
                foreach (var data in state.Data)
                {
                    if (declared.Add(data.Id))
                    {
                        DataModel.DeclarePrimitive(data.Id, JsValue.Undefined);
                    }
                }
            }

            InitializeData(_doc.Root);
            _dataInitialized[0] = true;
        }
        else
        {
            foreach (var state in _doc.States)
            {
                InitializeData(state);
            }
        }

        foreach (var script in _doc.GlobalScripts)
        {
            ExecuteBlock([script]);
        }

        EnterStates([_doc.Root.Initial!]);
        RunToStable();
    }

    private void InitializeData(StateNode state)
    {
        foreach (var data in state.Data)
        {
            try
            {
                JsValue value;
                if (_initialValues is not null && _initialValues.TryGetValue(data.Id, out var passed))
                {
                    value = DataModel.FromData(passed);
                }
                else if (data.Error is not null)
                {
                    DataModel.Declare(data.Id, JsValue.Undefined);
                    throw new ScxmlExecutionException($"data '{data.Id}': {data.Error}", data.Position);
                }
                else if (data.Expr is { Literal: { } literal })
                {
                    DataModel.DeclarePrimitive(data.Id, literal);
                    continue;
                }
                else if (data.Expr is not null)
                {
                    value = DataModel.Evaluate(data.Expr);
                }
                else if (data.Xml is not null)
                {
                    value = DataModel.FromXml(data.Xml) ?? DataModel.FromString(data.Xml);
                }
                else if (data.Text is not null)
                {
                    value = DataModel.FromDataText(data.Text);
                }
                else
                {
                    DataModel.DeclarePrimitive(data.Id, JsValue.Undefined);
                    continue;
                }

                DataModel.Declare(data.Id, value);
            }
            catch (ScxmlExecutionException ex)
            {
                if (!DataModel.IsDeclared(data.Id))
                {
                    DataModel.Declare(data.Id, JsValue.Undefined);
                }

                RaiseError(ex);
            }
        }
    }

    private void ProcessExternal(ScxmlEvent e)
    {
        if (!_running)
        {
            return;
        }

        if (e.IsCancel)
        {
            _running = false;
            ExitInterpreter(cancelled: true);
            return;
        }

        if (e.FromInvocation && (_invocationsById is null || !_invocationsById.ContainsKey(e.InvokeId!))
            && _receivedBeforeCancel?.Remove(e) != true)
        {
            // Received from an invocation after it was cancelled (or that never existed here): ignored (6.4). Events
            // that were already in the mailbox when the invocation was cancelled were received before it and stay.
            return;
        }

        DataModel.SetEvent(e);
        if (_invocationsByNode is { Count: > 0 })
        {
            foreach (var state in _doc.States)
            {
                if (!_configuration[state.Order])
                {
                    continue;
                }

                foreach (var node in state.Invokes)
                {
                    if (!_invocationsByNode.TryGetValue(node, out var invocation))
                    {
                        continue;
                    }

                    if (invocation.InvokeId == e.InvokeId && node.Finalize is { } finalize)
                    {
                        ExecuteBlock(finalize.Nodes);
                    }

                    if (node.AutoForward && !invocation.Child.IsFinished)
                    {
                        invocation.Child.Post(e.Forwarded());
                    }
                }
            }
        }

        var enabled = SelectTransitions(e.Name);
        if (enabled.Count > 0)
        {
            Microstep(enabled);
        }

        RunToStable();
    }

    /// <summary>Completes the macrostep: eventless transitions and internal events, then starts pending invocations.</summary>
    private void RunToStable()
    {
        while (true)
        {
            var microsteps = 0;
            while (_running)
            {
                var enabled = SelectTransitions(null);
                if (enabled.Count == 0)
                {
                    if (_internalQueue.Count == 0)
                    {
                        break;
                    }

                    var internalEvent = _internalQueue.Dequeue();
                    DataModel.SetEvent(internalEvent);
                    enabled = SelectTransitions(internalEvent.Name);
                }

                if (enabled.Count > 0)
                {
                    if (++microsteps > _options.MaxMicrostepsPerMacrostep)
                    {
                        throw new SessionRunawayException($"more than {_options.MaxMicrostepsPerMacrostep} microsteps in one macrostep (an endless eventless loop?)");
                    }

                    Microstep(enabled);
                }
            }

            if (!_running)
            {
                ExitInterpreter(cancelled: false);
                return;
            }

            for (var i = 0; i < _statesToInvoke.Length; i++)
            {
                if (!_statesToInvoke[i])
                {
                    continue;
                }

                _statesToInvoke[i] = false;
                foreach (var invoke in _doc.States[i].Invokes)
                {
                    StartInvoke(invoke);
                }
            }

            if (_internalQueue.Count == 0)
            {
                return;
            }
        }
    }

    private void ExitInterpreter(bool cancelled)
    {
        if (_exited)
        {
            return;
        }

        _running = false;
        StateNode? final = null;
        if (Parent is not null && InvokeId is not null)
        {
            // Events this session sends its parent while exiting go out together with done.invoke (6.4), so the
            // parent never sees the one without the other.
            _exitEventsForParent = [];
        }

        for (var i = _doc.States.Length - 1; i >= 0; i--)
        {
            if (!_configuration[i])
            {
                continue;
            }

            var state = _doc.States[i];
            foreach (var block in state.OnExit)
            {
                ExecuteBlock(block.Nodes);
            }

            foreach (var invoke in state.Invokes)
            {
                CancelInvoke(invoke);
            }

            _configuration[i] = false;
            if (state.Kind == StateKind.Final && state.Parent!.Kind == StateKind.Scxml)
            {
                final = state;
            }
        }

        _exited = true;
        if (_delayed is not null)
        {
            foreach (var (_, timer) in _delayed.Values)
            {
                timer.Dispose();
            }

            _delayed.Clear();
        }

        var toParent = _exitEventsForParent;
        _exitEventsForParent = null;
        if (final is not null && !cancelled)
        {
            if (Parent is not null && InvokeId is not null)
            {
                var data = EvaluateDoneData(final);
                toParent!.Add(new ScxmlEvent
                {
                    Name = "done.invoke." + InvokeId,
                    Type = "external",
                    InvokeId = InvokeId,
                    FromInvocation = true,
                    Origin = "#_scxml_" + Id,
                    OriginType = ScxmlEvent.ScxmlProcessorType,
                    Data = data,
                });
                Parent.Post(toParent);
            }

            Finish(new ScxmlSessionResult(ScxmlSessionEnd.Final, final.Id, null));
        }
        else
        {
            if (toParent is { Count: > 0 })
            {
                Parent!.Post(toParent);
            }

            Finish(new ScxmlSessionResult(ScxmlSessionEnd.Cancelled, null, null));
        }
    }

    private void Fail(string reason)
    {
        Log.SessionFailed(_options.Logger, Id, reason);
        _running = false;
        _exited = true;
        if (_invocationsById is not null)
        {
            foreach (var invocation in _invocationsById.Values)
            {
                invocation.Child.Cancel();
            }

            _invocationsById.Clear();
            _invocationsByNode!.Clear();
        }

        if (_delayed is not null)
        {
            foreach (var (_, timer) in _delayed.Values)
            {
                timer.Dispose();
            }

            _delayed.Clear();
        }

        Finish(new ScxmlSessionResult(ScxmlSessionEnd.Failed, null, reason));
    }

    private void Finish(ScxmlSessionResult result)
    {
        _runtime.Unregister(this);
        Log.SessionEnded(_options.Logger, Id, result.End, result.FinalStateId);
        _completion.TrySetResult(result);
    }

    private bool IsInState(string id) => _doc.StatesById.TryGetValue(id, out var state) && _configuration[state.Order];

    private string NextId(string prefix) => prefix + (++_idCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Parks the data model now (<see cref="ScxmlRuntimeOptions.ParkIdleDataModelsAfter"/> zero), or once the session has
    /// been idle that long: a timer posts <see cref="ParkCheck"/>, and any event in between restarts the wait.
    /// </summary>
    private void ParkWhenIdleLongEnough(EcmaDataModel model, bool active)
    {
        var delay = _options.ParkIdleDataModelsAfter;
        if (delay > TimeSpan.Zero)
        {
            var now = _runtime.Scheduler.Now.UtcTicks;
            if (active || _idleSinceTicks == 0)
            {
                _idleSinceTicks = now;
                _parkDue = false;
            }

            var idle = TimeSpan.FromTicks(now - _idleSinceTicks);
            if (!_parkDue || idle < delay)
            {
                _parkDue = false;
                _parkTimer ??= _runtime.Scheduler.StartTimer(delay - idle, PostParkCheck);
                return;
            }
        }

        _parkDue = false;
        _idleSinceTicks = 0;
        if (model.TryPark(out var variables))
        {
            _runtime.NoteParked();
            Log.DataModelParked(_options.Logger, Id, variables);
        }
    }

    /// <summary>An expression made at run time (custom actions): parking stays allowed only if it is park-safe too.</summary>
    private ScriptExpr NoteRuntimeExpression(ScriptExpr expr)
    {
        if (_parkable && expr.Prepared is { Program: { } program })
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (!ParkSafety.IsSafe(program, names) || _hostObjects.Any(h => names.Contains(h.Name)))
            {
                _parkable = false;
            }
        }

        return expr;
    }

    private void RaiseError(ScxmlExecutionException ex)
    {
        var name = ex.IsCommunication ? "error.communication" : "error.execution";
        Log.ErrorEvent(_options.Logger, Id, name, ex.Position.Line, ex.Position.Column, ex.Message);
        var data = DataValue.Json(System.Text.Json.JsonSerializer.Serialize(new ErrorInfo(ex.Message, ex.Position.Line, ex.Position.Column), ErrorInfoContext.Default.ErrorInfo));
        _internalQueue.Enqueue(ScxmlEvent.Platform(name, ex.SendId, data));
    }

    private sealed class SessionRunawayException(string message) : Exception(message);

    internal static IReadOnlyDictionary<string, string> AttributesOf(XElement element) =>
        element.Attributes().Where(a => !a.IsNamespaceDeclaration).ToDictionary(a => a.Name.LocalName, a => a.Value, StringComparer.Ordinal);
}
