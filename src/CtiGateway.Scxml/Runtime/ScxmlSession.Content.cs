using System.Xml.Linq;
using CtiGateway.Scxml.Model;
using Jint;
using Jint.Native;

namespace CtiGateway.Scxml.Runtime;

/// <summary>Executable content, send/cancel and invoke.</summary>
internal sealed partial class ScxmlSession
{
    /// <summary>Runs a block; the first error raises error.execution (or error.communication) and skips the rest.</summary>
    private void ExecuteBlock(IReadOnlyList<ExecNode> nodes)
    {
        try
        {
            foreach (var node in nodes)
            {
                Execute(node);
            }
        }
        catch (ScxmlExecutionException ex)
        {
            RaiseError(ex);
        }
    }

    private void Execute(ExecNode node)
    {
        switch (node)
        {
            case RaiseNode raise:
                var raiseData = DataValue.Undefined;
                if (raise.Params.Count > 0)
                {
                    raiseData = DataModel.ToData(EvaluateParams(raise.Params));
                }

                _internalQueue.Enqueue(ScxmlEvent.Internal(raise.Event, raiseData));
                break;
            case LogNode log:
                var text = log.Expr is null ? string.Empty : DataModel.ToLogText(DataModel.Evaluate(log.Expr));
                Log.ChartLog(_options.Logger, Id, log.Label, text);
                _options.LogSink?.Invoke(Id, log.Label, text);
                _options.LogEntrySink?.Invoke(new ScxmlLogEntry(Id, log.Label, text, log.Level));
                break;
            case AssignNode assign:
                ExecuteAssign(assign);
                break;
            case IfNode ifNode:
                foreach (var (cond, body) in ifNode.Branches)
                {
                    if (cond is null || DataModel.EvaluateCondition(cond))
                    {
                        foreach (var child in body)
                        {
                            Execute(child);
                        }

                        break;
                    }
                }

                break;
            case ForeachNode foreachNode:
                ExecuteForeach(foreachNode);
                break;
            case ScriptNode script:
                DataModel.Execute(script.Script);
                break;
            case SendNode send:
                ExecuteSend(send);
                break;
            case CancelNode cancel:
                var sendId = cancel.SendId ?? DataModel.EvaluateString(cancel.SendIdExpr!);
                var cancelled = false;
                if (_delayed is not null)
                {
                    // Every pending send under that id: two sends may share one (a literal id, or an ORS sendid location).
                    foreach (var (key, (id, timer)) in _delayed.ToList())
                    {
                        if (id == sendId)
                        {
                            _delayed.Remove(key);
                            timer.Dispose();
                            cancelled = true;
                        }
                    }
                }

                if (_doc.Dialect == ScxmlDialect.Ors)
                {
                    // ORS answers every <cancel>: cancel.successful, or error.notallowed when nothing was pending under that id.
                    var answer = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
                    {
                        ["sendid"] = sendId,
                        ["description"] = cancelled ? "the delayed event was cancelled" : $"no delayed event is pending with sendid '{sendId}'",
                    });
                    _internalQueue.Enqueue(ScxmlEvent.Internal(cancelled ? "cancel.successful" : "error.notallowed", DataValue.Json(answer)));
                }

                break;
            case CustomActionNode custom:
                ExecuteCustom(custom);
                break;
        }
    }

    private void ExecuteAssign(AssignNode assign)
    {
        JsValue value;
        if (assign.Expr is not null)
        {
            value = DataModel.Evaluate(assign.Expr);
        }
        else if (assign.Content is { Xml: { } xml })
        {
            value = DataModel.FromXml(xml) ?? DataModel.FromString(xml);
        }
        else if (assign.Content is { Text: { } text })
        {
            value = DataModel.FromDataText(text);
        }
        else
        {
            value = JsValue.Undefined;
        }

        DataModel.Assign(assign.Location, value);
    }

    private void ExecuteForeach(ForeachNode node)
    {
        var items = DataModel.ToArrayCopy(DataModel.Evaluate(node.Array), node.Array.Position);
        if (node.Item.Prepared is null)
        {
            throw new ScxmlExecutionException(node.Item.Error ?? "foreach 'item' is not a valid variable", node.Item.Position);
        }

        if (node.Index is { Prepared: null })
        {
            throw new ScxmlExecutionException(node.Index.Error ?? "foreach 'index' is not a valid variable", node.Index.Position);
        }

        DataModel.DeclareIfMissing(node.Item);
        if (node.Index is not null)
        {
            DataModel.DeclareIfMissing(node.Index);
        }

        for (var i = 0; i < items.Length; i++)
        {
            DataModel.Assign(node.Item, items[i]);
            if (node.Index is not null)
            {
                DataModel.Assign(node.Index, DataModel.Number(i));
            }

            foreach (var child in node.Body)
            {
                Execute(child);
            }
        }
    }

    private void ExecuteCustom(CustomActionNode node)
    {
        var element = node.Element;
        var handler = _options.ActionHandlers.FirstOrDefault(h => h.Namespace == node.Namespace);
        if (handler is null)
        {
            // Elements of namespaces nobody handles are ignored, as SCXML allows for foreign markup.
            return;
        }

        var context = new ScxmlActionContext(Id, element.Name.LocalName, node.Namespace, AttributesOf(element),
            string.Concat(element.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting))), node.Position.Line, node.Position.Column,
            expression =>
            {
                var value = DataModel.Evaluate(NoteRuntimeExpression(RuntimeExpressionCache.Expression(expression, node.Position)));
                var data = DataModel.ToData(value);
                return data.IsUndefined ? null : data.Text;
            },
            (location, json) => DataModel.Assign(NoteRuntimeExpression(RuntimeExpressionCache.Location(location, node.Position)),
                json is null ? JsValue.Undefined : DataModel.FromData(DataValue.Json(json))),
            (name, json) => _internalQueue.Enqueue(ScxmlEvent.Internal(name, json is null ? DataValue.Undefined : DataValue.Json(json))),
            this);
        try
        {
            handler.Execute(context);
        }
        catch (ScxmlActionException ex)
        {
            throw new ScxmlExecutionException($"<{element.Name.LocalName}>: {ex.Message}", node.Position);
        }
    }

    private List<(string Name, JsValue Value)> EvaluateParams(IReadOnlyList<ParamNode> parameters)
    {
        var pairs = new List<(string, JsValue)>(parameters.Count);
        foreach (var p in parameters)
        {
            pairs.Add((p.Name, DataModel.Evaluate(p.Expr!)));
        }

        return pairs;
    }

    private List<(string Name, JsValue Value)> EvaluateNamelist(IReadOnlyList<(string Name, ScriptExpr Expr)> namelist)
    {
        var pairs = new List<(string, JsValue)>(namelist.Count);
        foreach (var (name, expr) in namelist)
        {
            pairs.Add((name, DataModel.Evaluate(expr)));
        }

        return pairs;
    }

    private DataValue EvaluateContent(ContentNode content)
    {
        if (content.Expr is not null)
        {
            return DataModel.ToData(DataModel.Evaluate(content.Expr));
        }

        if (content.Xml is not null)
        {
            return new DataValue(DataKind.Xml, content.Xml);
        }

        return new DataValue(DataKind.Text, content.Text ?? string.Empty);
    }

    private DataValue EvaluateDoneData(StateNode final)
    {
        if (final.DoneData is not { } done)
        {
            return DataValue.Undefined;
        }

        try
        {
            if (done.Content is not null)
            {
                return EvaluateContent(done.Content);
            }

            return done.Params.Count == 0 ? DataValue.Undefined : DataModel.ToData(EvaluateParams(done.Params));
        }
        catch (ScxmlExecutionException ex)
        {
            RaiseError(ex);
            return DataValue.Undefined;
        }
    }

    private void ExecuteSend(SendNode send)
    {
        // Evaluate every argument first: if any fails, nothing is sent (error.execution).
        var name = send.Event ?? (send.EventExpr is not null ? DataModel.EvaluateString(send.EventExpr) : null);
        var target = send.Target ?? (send.TargetExpr is not null ? DataModel.EvaluateString(send.TargetExpr) : null);
        var type = send.Type ?? (send.TypeExpr is not null ? DataModel.EvaluateString(send.TypeExpr) : ScxmlEvent.ScxmlProcessorType);
        var sendId = send.Id;
        if (sendId is null && send.IdLocation is not null)
        {
            sendId = Id + "." + NextId("send");
            DataModel.Assign(send.IdLocation, DataModel.FromString(sendId));
        }
        else if (sendId is null && send.IdExpr is not null)
        {
            var value = DataModel.Evaluate(send.IdExpr);
            sendId = value.IsUndefined() || value.IsNull() ? null : EcmaDataModel.ToText(value);
            if (string.IsNullOrEmpty(sendId))
            {
                if (send.IdExprLocation is null)
                {
                    throw new ScxmlExecutionException($"send sendid '{send.IdExpr.Text}' has no value", send.Position);
                }

                sendId = Id + "." + NextId("send");
                DataModel.Assign(send.IdExprLocation, DataModel.FromString(sendId));
            }
        }

        TimeSpan delay = TimeSpan.Zero;
        if (send.Delay is not null || send.DelayExpr is not null)
        {
            var delayText = send.Delay ?? EcmaDataModel.ToText(DataModel.Evaluate(send.DelayExpr!));
            delay = Timing.ParseDelay(delayText)
                ?? (_doc.Dialect == ScxmlDialect.Ors && double.TryParse(delayText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
                    ? TimeSpan.FromSeconds(seconds)
                    : throw new ScxmlExecutionException($"send delay '{delayText}' is not a time such as 500ms or 1.5s", send.Position) { SendId = sendId });
        }

        DataValue data;
        string? raw = null;
        try
        {
            if (send.Content is not null)
            {
                data = EvaluateContent(send.Content);
            }
            else if (send.Namelist.Count > 0 || send.Params.Count > 0)
            {
                var pairs = EvaluateNamelist(send.Namelist);
                pairs.AddRange(EvaluateParams(send.Params));
                data = DataModel.ToData(pairs);
                raw = RawPairs(name, pairs);
            }
            else
            {
                data = DataValue.Undefined;
            }
        }
        catch (ScxmlExecutionException ex)
        {
            throw new ScxmlExecutionException(ex.Message, ex.Position) { SendId = sendId };
        }

        var isScxml = type is ScxmlEvent.ScxmlProcessorType or ScxmlTypeShort;
        var isHttp = type is ScxmlEvent.BasicHttpProcessorType or BasicHttpTypeShort;
        if (!isScxml && !(isHttp && _runtime.Http is not null))
        {
            throw new ScxmlExecutionException($"send type '{type}' is not supported", send.Position) { SendId = sendId };
        }

        if (isScxml && name is null)
        {
            throw new ScxmlExecutionException("send needs an event name ('event' or 'eventexpr')", send.Position) { SendId = sendId };
        }

        if (isScxml && !string.IsNullOrEmpty(target) && !IsScxmlTarget(target))
        {
            throw new ScxmlExecutionException($"send target '{target}' is not a valid SCXML I/O processor target", send.Position) { SendId = sendId };
        }

        if (isHttp && string.IsNullOrEmpty(target))
        {
            throw new ScxmlExecutionException("a basichttp send needs a target URL", send.Position) { SendId = sendId, IsCommunication = true };
        }

        var e = new ScxmlEvent
        {
            Name = name ?? string.Empty,
            Type = target == "#_internal" ? "internal" : "external",
            SendId = send.Id ?? (send.IdLocation is not null || send.IdExpr is not null ? sendId : null),
            Origin = isHttp ? _runtime.Http!.LocationFor(Id) : "#_scxml_" + Id,
            OriginType = isHttp ? ScxmlEvent.BasicHttpProcessorType : ScxmlEvent.ScxmlProcessorType,
            Data = data,
            Raw = isHttp ? null : raw,
        };
        var position = send.Position;
        if (delay > TimeSpan.Zero)
        {
            if (target == "#_internal")
            {
                throw new ScxmlExecutionException("a delayed send cannot target #_internal", position) { SendId = sendId };
            }

            var key = NextId("__delayed");
            _delayed ??= [];
            _delayed[key] = (sendId, _runtime.Scheduler.StartTimer(delay, () => Post(() =>
            {
                if (_delayed is not null && _delayed.Remove(key) && !_exited)
                {
                    Deliver(e, target, isHttp, position);
                }
            })));
            return;
        }

        Deliver(e, target, isHttp, position);
    }

    /// <summary>The raw form of an SCXML-processor event with name/value pairs: every pair kept, repeated names included.</summary>
    private static string RawPairs(string? name, List<(string Name, JsValue Value)> pairs)
    {
        var builder = new System.Text.StringBuilder();
        builder.Append("_scxmleventname=").Append(Uri.EscapeDataString(name ?? string.Empty));
        foreach (var (key, value) in pairs)
        {
            builder.Append('&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(EcmaDataModel.ToText(value)));
        }

        return builder.ToString();
    }

    private static bool IsScxmlTarget(string target) => target.StartsWith("#_", StringComparison.Ordinal);

    /// <summary>Delivers an event through the SCXML or BasicHTTP I/O processor; an unreachable target raises error.communication.</summary>
    private void Deliver(ScxmlEvent e, string? target, bool isHttp, SourcePosition position)
    {
        if (isHttp)
        {
            _runtime.Http!.Send(this, target!, e, position);
            return;
        }

        if (string.IsNullOrEmpty(target))
        {
            Post(e);
            return;
        }

        if (target == "#_internal")
        {
            _internalQueue.Enqueue(e);
            return;
        }

        if (target == "#_parent")
        {
            if (Parent is null || InvokeId is null)
            {
                RaiseError(new ScxmlExecutionException("send target #_parent: this session was not invoked", position) { IsCommunication = true, SendId = e.SendId });
                return;
            }

            if (_exitEventsForParent is not null)
            {
                _exitEventsForParent.Add(e.FromChild(InvokeId));
            }
            else
            {
                Parent.Post(e.FromChild(InvokeId));
            }

            return;
        }

        if (target.StartsWith("#_scxml_", StringComparison.Ordinal))
        {
            var session = _runtime.Find(target["#_scxml_".Length..]);
            if (session is null)
            {
                RaiseError(new ScxmlExecutionException($"send target '{target}': no such session", position) { IsCommunication = true, SendId = e.SendId });
                return;
            }

            session.Post(e);
            return;
        }

        var invokeId = target[2..];
        if (_invocationsById is not null && _invocationsById.TryGetValue(invokeId, out var invocation) && !invocation.Child.IsFinished)
        {
            invocation.Child.Post(e);
            return;
        }

        RaiseError(new ScxmlExecutionException($"send target '{target}': no such invoked session", position) { IsCommunication = true, SendId = e.SendId });
    }

    /// <summary>Called on this session's thread when a BasicHTTP send failed.</summary>
    internal void CommunicationFailed(string message, SourcePosition position, string? sendId)
    {
        RaiseError(new ScxmlExecutionException(message, position) { IsCommunication = true, SendId = sendId });
    }

    private void StartInvoke(InvokeNode node)
    {
        string invokeId;
        ScxmlDocument childDocument;
        Dictionary<string, DataValue>? values = null;
        try
        {
            var type = node.Type ?? (node.TypeExpr is not null ? DataModel.EvaluateString(node.TypeExpr) : "http://www.w3.org/TR/scxml/");
            if (type.TrimEnd('/') is not ("http://www.w3.org/TR/scxml" or ScxmlTypeShort))
            {
                throw new ScxmlExecutionException($"invoke type '{type}' is not supported", node.Position);
            }

            invokeId = node.Id ?? node.State.Id + "." + NextId("inv");
            if (node.IdLocation is not null)
            {
                DataModel.Assign(node.IdLocation, DataModel.FromString(invokeId));
            }

            var src = node.Src ?? (node.SrcExpr is not null ? DataModel.EvaluateString(node.SrcExpr) : null);
            var arguments = new List<(string Name, JsValue Value)>();
            if (node.Namelist.Count > 0 || node.Params.Count > 0)
            {
                arguments.AddRange(EvaluateNamelist(node.Namelist));
                arguments.AddRange(EvaluateParams(node.Params));
                values = new Dictionary<string, DataValue>(StringComparer.Ordinal);
                foreach (var (name, value) in arguments)
                {
                    values[name] = DataModel.ToData(value);
                }
            }

            childDocument = ResolveInvokedDocument(node, src);
            if (childDocument.Dialect == ScxmlDialect.Ors)
            {
                // ORS (Composer subroutines): the invoked session reads its inputs as properties of the global args_.
                (values ??= new Dictionary<string, DataValue>(StringComparer.Ordinal))[DocumentParser.OrsArgumentsName] = DataModel.ToData(arguments);
            }
        }
        catch (ScxmlExecutionException ex)
        {
            RaiseError(ex);
            return;
        }

        var child = _runtime.CreateSession(childDocument, this, invokeId, values);
        var invocation = new Invocation(node, invokeId, child);
        (_invocationsById ??= [])[invokeId] = invocation;
        (_invocationsByNode ??= [])[node] = invocation;
        child.Start();
    }

    private ScxmlDocument ResolveInvokedDocument(InvokeNode node, string? src)
    {
        if (node.Content is { } content)
        {
            if (content.InlineDocument is not null)
            {
                return content.InlineDocument;
            }

            string xml;
            if (content.Expr is not null)
            {
                var value = DataModel.Evaluate(content.Expr);
                xml = DataModel.ToXmlText(value) ?? EcmaDataModel.ToText(value);
            }
            else
            {
                xml = content.Xml ?? content.Text ?? string.Empty;
            }

            return _runtime.LoadInlineDocument(xml, _doc, content.Position);
        }

        if (src is null)
        {
            throw new ScxmlExecutionException("invoke needs 'src', 'srcexpr' or <content>", node.Position);
        }

        return _runtime.LoadReferencedDocument(src, _doc, node.Position);
    }

    private void CancelInvoke(InvokeNode node)
    {
        if (_invocationsByNode is null || !_invocationsByNode.Remove(node, out var invocation))
        {
            return;
        }

        _invocationsById!.Remove(invocation.InvokeId);
        invocation.Child.Cancel();
        lock (_mailboxLock)
        {
            // Events from the child already in the mailbox were received before the cancellation: they are still
            // processed (done.invoke of a child that had finished first, 6.4); later ones are ignored.
            if (_mailbox is not null)
            {
                foreach (var item in _mailbox)
                {
                    if (item is ScxmlEvent { FromInvocation: true } e && e.InvokeId == invocation.InvokeId)
                    {
                        (_receivedBeforeCancel ??= new HashSet<ScxmlEvent>(ReferenceEqualityComparer.Instance)).Add(e);
                    }
                }
            }
        }
    }
}
