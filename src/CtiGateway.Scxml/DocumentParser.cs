using System.Xml;
using System.Xml.Linq;
using CtiGateway.Scxml.Model;

namespace CtiGateway.Scxml;

/// <summary>Turns an SCXML element tree into the prepared document model, collecting every problem with its position.</summary>
internal sealed class DocumentParser
{
    public const string ScxmlNs = "http://www.w3.org/2005/07/scxml";

    /// <summary>The ORS global that holds an invoked session's inputs (Composer subroutines read <c>args_.Name</c>).</summary>
    public const string OrsArgumentsName = "args_";
    private const string GenesysModulePrefix = "http://www.genesyslab.com/modules/";

    private static readonly Dictionary<string, string[]> AllowedAttributes = new(StringComparer.Ordinal)
    {
        ["scxml"] = ["initial", "name", "version", "datamodel", "binding"],
        ["state"] = ["id", "initial"],
        ["parallel"] = ["id"],
        ["transition"] = ["event", "cond", "target", "type"],
        ["initial"] = ["id"],
        ["final"] = ["id"],
        ["onentry"] = [],
        ["onexit"] = [],
        ["history"] = ["id", "type"],
        ["raise"] = ["event"],
        ["if"] = ["cond"],
        ["elseif"] = ["cond"],
        ["else"] = [],
        ["foreach"] = ["array", "item", "index"],
        ["log"] = ["label", "expr", "level"],
        ["datamodel"] = [],
        ["data"] = ["id", "src", "expr"],
        ["assign"] = ["location", "expr"],
        ["donedata"] = [],
        ["content"] = ["expr"],
        ["param"] = ["name", "expr", "location"],
        ["script"] = ["src"],
        ["send"] = ["event", "eventexpr", "target", "targetexpr", "type", "typeexpr", "id", "idlocation", "delay", "delayexpr", "namelist"],
        ["cancel"] = ["sendid", "sendidexpr"],
        ["invoke"] = ["type", "typeexpr", "src", "srcexpr", "id", "idlocation", "namelist", "autoforward"],
        ["finalize"] = [],
    };

    private readonly string _file;
    private readonly string _baseDirectory;
    private readonly ScxmlLoadOptions _options;
    private readonly List<ScxmlDiagnostic> _diagnostics;
    private readonly List<StateNode> _states = [];
    private readonly List<TransitionNode> _transitions = [];
    private readonly Dictionary<string, StateNode> _ids = new(StringComparer.Ordinal);
    private ScxmlDialect _dialect;
    private int _generatedIds;
    private bool _hasScripts;
    private bool _parkable = true;
    private readonly HashSet<string> _referencedNames = new(StringComparer.Ordinal);
    private readonly XIncludeExpander _includes;

    private DocumentParser(string file, string baseDirectory, ScxmlLoadOptions options, List<ScxmlDiagnostic> diagnostics)
    {
        _file = file;
        _baseDirectory = baseDirectory;
        _options = options;
        _diagnostics = diagnostics;
        _includes = new XIncludeExpander(baseDirectory, options, diagnostics);
    }

    /// <summary>Reads XML text safely: no DTD, no external resolution, bounded size, line information kept.</summary>
    public static XDocument ReadXml(TextReader text, int maxCharacters)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 0,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        using var reader = XmlReader.Create(text, settings);
        return XDocument.Load(reader, LoadOptions.SetLineInfo);
    }

    /// <summary>Parses a root element; returns the document or null when there were errors (all in <paramref name="diagnostics"/>).</summary>
    public static ScxmlDocument? Parse(XElement root, string file, string baseDirectory, ScxmlLoadOptions options, List<ScxmlDiagnostic> diagnostics)
    {
        var parser = new DocumentParser(file, baseDirectory, options, diagnostics);
        parser._includes.Expand(root, file, baseDirectory);
        return parser.ParseRoot(root);
    }

    /// <summary>The dialect a root element asks for (Genesys module namespace or a <c>profile</c> attribute means ORS).</summary>
    public static ScxmlDialect DetectDialect(XElement root)
    {
        if (root.Attribute("profile") is not null)
        {
            return ScxmlDialect.Ors;
        }

        foreach (var element in root.DescendantsAndSelf())
        {
            foreach (var attribute in element.Attributes())
            {
                if (attribute.IsNamespaceDeclaration && ModuleNamespace(attribute.Value).StartsWith(GenesysModulePrefix, StringComparison.Ordinal))
                {
                    return ScxmlDialect.Ors;
                }
            }

            if (ModuleNamespace(element.Name.NamespaceName).StartsWith(GenesysModulePrefix, StringComparison.Ordinal))
            {
                return ScxmlDialect.Ors;
            }
        }

        return ScxmlDialect.W3c;
    }

    private bool HasErrors => _diagnostics.Any(d => !d.IsWarning);

    private ScxmlDocument? ParseRoot(XElement root)
    {
        _dialect = _options.Dialect == ScxmlDialect.Auto ? DetectDialect(root) : _options.Dialect;
        if (root.Name.LocalName != "scxml" || !IsScxmlNamespace(root.Name))
        {
            Error(root, $"the root element must be <scxml> in namespace {ScxmlNs}, not <{root.Name.LocalName}>");
            return null;
        }

        CheckAttributes(root);
        var datamodel = (string?)root.Attribute("datamodel");
        if (datamodel is not null && datamodel != "ecmascript")
        {
            Error(root.Attribute("datamodel")!, $"datamodel '{datamodel}' is not supported (only 'ecmascript')");
        }

        var binding = (string?)root.Attribute("binding");
        if (binding is not null && binding is not ("early" or "late"))
        {
            Error(root.Attribute("binding")!, $"binding must be 'early' or 'late', not '{binding}'");
        }

        var scxml = new StateNode { Kind = StateKind.Scxml, Id = "__scxml_root", Position = Pos(root) };
        _states.Add(scxml);
        var globalScripts = new List<ScriptNode>();
        XElement? rootInitial = null;
        foreach (var child in root.Elements())
        {
            if (!IsScxmlNamespace(child.Name))
            {
                continue;
            }

            switch (child.Name.LocalName)
            {
                case "state":
                case "parallel":
                case "final":
                    ParseState(child, scxml);
                    break;
                case "initial" when _dialect == ScxmlDialect.Ors:
                    // The 2009 draft (and ORS) allow <initial><transition target=.../></initial> directly in <scxml>.
                    if (rootInitial is not null)
                    {
                        Error(child, "<scxml> may hold only one <initial>");
                    }

                    rootInitial = child;
                    break;
                case "datamodel":
                    ParseDatamodel(child, scxml);
                    break;
                case "script":
                    if (globalScripts.Count > 0 && _dialect != ScxmlDialect.Ors)
                    {
                        Error(child, "<scxml> may hold only one <script>");
                    }

                    globalScripts.Add(ParseScript(child));
                    break;
                default:
                    Error(child, $"<{child.Name.LocalName}> is not allowed in <scxml>");
                    break;
            }
        }

        if (rootInitial is not null)
        {
            if (root.Attribute("initial") is not null)
            {
                Error(rootInitial, "<scxml> may not have both an 'initial' attribute and an <initial> element");
            }

            scxml.Initial = ParseInitialElement(rootInitial, scxml);
        }
        else
        {
            scxml.Initial = MakeInitial(root, scxml);
        }

        if (_dialect == ScxmlDialect.Ors)
        {
            AddEntryStateReturn(scxml);
        }

        ResolveTargets();
        if (HasErrors)
        {
            return null;
        }

        if (_dialect == ScxmlDialect.Ors && !_states.Any(st => st.Data.Any(d => d.Id == OrsArgumentsName)))
        {
            // Every ORS session has args_: the inputs of an invoking <invoke> (params and namelist), else an empty object.
            scxml.Data.Insert(0, new DataNode { Id = OrsArgumentsName, Expr = ScriptExpr.Expression("({})", Pos(root)), Position = Pos(root) });
        }

        var states = _states.ToArray();
        foreach (var state in states)
        {
            var ancestors = new List<StateNode>();
            for (var p = state.Parent; p is not null; p = p.Parent)
            {
                ancestors.Add(p);
            }

            state.Ancestors = [.. ancestors];
        }

        foreach (var transition in _transitions)
        {
            if (transition.Targets.Length > 0 && Array.TrueForAll(transition.Targets, t => t.Kind != StateKind.History))
            {
                transition.StaticTargets = [.. transition.Targets.Distinct()];
                transition.StaticDomain = StaticDomainOf(transition);
            }
        }

        return new ScxmlDocument(_file, _baseDirectory, _dialect, scxml, states, binding == "late", (string?)root.Attribute("name"),
            globalScripts, [.. _diagnostics], _options, _hasScripts)
        {
            CanPark = _parkable && !_hasScripts && _dialect != ScxmlDialect.Ors,
            ReferencedNames = _referencedNames,
        };
    }

    /// <summary>
    /// ORS: a document whose initial state is a top-level compound state with final children (Composer's
    /// <c>_composer_entry</c> in subroutines and workflows) returns when that state completes, carrying the donedata of
    /// the final child it reached, unless a transition of the document handles its <c>done.state.ID</c> (as an including
    /// IPD does). So a subroutine run through <c>&lt;invoke&gt;</c> answers <c>done.invoke</c> with its donedata. Done as
    /// a generated top-level final state <c>__return.ID</c>, entered on <c>done.state.ID</c>, whose donedata is that
    /// event's data.
    /// </summary>
    private void AddEntryStateReturn(StateNode scxml)
    {
        if (scxml.Initial is not { } initial)
        {
            return;
        }

        var entry = initial.Targets.Length == 1 ? initial.Targets[0]
            : initial.TargetIds.Length == 1 && _ids.TryGetValue(initial.TargetIds[0], out var named) ? named : null;
        if (entry is not { Kind: StateKind.State } || entry.Parent != scxml || !entry.Children.Exists(c => c.Kind == StateKind.Final))
        {
            return;
        }

        var doneEvent = "done.state." + entry.Id;
        if (_transitions.Exists(t => t.Events is { } events && Array.Exists(events, e => e == doneEvent || e is "done" or "done.state")))
        {
            return;
        }

        var id = "__return." + entry.Id;
        if (_ids.ContainsKey(id))
        {
            return;
        }

        var position = entry.Position;
        var final = new StateNode
        {
            Kind = StateKind.Final,
            Id = id,
            Parent = scxml,
            Position = position,
            Order = _states.Count,
            DoneData = new DoneDataNode { Content = new ContentNode { Position = position, Expr = ScriptExpr.Expression("_event.data", position) } },
        };
        _states.Add(final);
        _ids.Add(id, final);
        scxml.Children.Add(final);
        entry.Transitions.Add(AddTransition(new TransitionNode
        {
            Source = entry,
            Position = position,
            Events = [doneEvent],
            TargetIds = [id],
            Content = new ExecBlock([]),
        }));
    }

    /// <summary>getTransitionDomain (Appendix D) for a transition without history targets: it depends only on the document.</summary>
    private static StateNode? StaticDomainOf(TransitionNode t)
    {
        var targets = t.StaticTargets!;
        if (t.Source.Kind == StateKind.Scxml)
        {
            return t.Source;
        }

        if (t.IsInternal && t.Source.IsCompound && targets.TrueForAll(s => s.IsDescendantOf(t.Source)))
        {
            return t.Source;
        }

        foreach (var anc in t.Source.Ancestors)
        {
            if (anc.IsCompoundOrRoot && targets.TrueForAll(s => s.IsDescendantOf(anc)))
            {
                return anc;
            }
        }

        return null;
    }

    private void ParseState(XElement element, StateNode parent)
    {
        CheckAttributes(element);
        var kind = element.Name.LocalName switch
        {
            "parallel" => StateKind.Parallel,
            "final" => StateKind.Final,
            "history" => StateKind.History,
            _ => StateKind.State,
        };
        var id = (string?)element.Attribute("id");
        var state = new StateNode
        {
            Kind = kind,
            Id = id ?? $"__state{++_generatedIds}",
            Parent = parent,
            Position = Pos(element),
            Order = _states.Count,
        };
        _states.Add(state);
        if (id is not null)
        {
            if (!_ids.TryAdd(id, state))
            {
                Error(element.Attribute("id")!, $"duplicate state id '{id}'");
            }
        }

        if (kind == StateKind.History)
        {
            parent.HistoryChildren.Add(state);
            var type = (string?)element.Attribute("type") ?? "shallow";
            if (type is not ("shallow" or "deep"))
            {
                Error(element.Attribute("type")!, $"history type must be 'shallow' or 'deep', not '{type}'");
            }

            state.DeepHistory = type == "deep";
            var transitions = element.Elements().Where(e => IsScxmlNamespace(e.Name)).ToList();
            if (transitions.Count != 1 || transitions[0].Name.LocalName != "transition")
            {
                Error(element, "<history> needs exactly one <transition> (its default)");
            }
            else
            {
                state.Transitions.Add(ParseTransition(transitions[0], state));
            }

            return;
        }

        parent.Children.Add(state);
        XElement? initialElement = null;
        foreach (var child in element.Elements())
        {
            if (!IsScxmlNamespace(child.Name))
            {
                continue;
            }

            var name = child.Name.LocalName;
            switch (name)
            {
                case "state" or "parallel" or "final" when kind != StateKind.Final:
                case "history" when kind is StateKind.State or StateKind.Parallel:
                    ParseState(child, state);
                    break;
                case "transition" when kind != StateKind.Final:
                    state.Transitions.Add(ParseTransition(child, state));
                    break;
                case "initial" when kind == StateKind.State:
                    if (initialElement is not null)
                    {
                        Error(child, "a state may hold only one <initial>");
                    }

                    initialElement = child;
                    break;
                case "onentry":
                    CheckAttributes(child);
                    state.OnEntry.Add(new ExecBlock(ParseExecutable(child)));
                    break;
                case "onexit":
                    CheckAttributes(child);
                    state.OnExit.Add(new ExecBlock(ParseExecutable(child)));
                    break;
                case "datamodel":
                    ParseDatamodel(child, state);
                    break;
                case "invoke" when kind != StateKind.Final:
                    state.Invokes.Add(ParseInvoke(child, state));
                    break;
                case "donedata" when kind == StateKind.Final:
                    state.DoneData = ParseDoneData(child);
                    break;
                default:
                    Error(child, $"<{name}> is not allowed in <{element.Name.LocalName}>");
                    break;
            }
        }

        if (kind == StateKind.State && state.Children.Count > 0)
        {
            if (initialElement is not null && element.Attribute("initial") is not null)
            {
                Error(element, "a state may not have both an 'initial' attribute and an <initial> element");
            }

            if (initialElement is not null)
            {
                state.Initial = ParseInitialElement(initialElement, state);
            }
            else
            {
                state.Initial = MakeInitial(element, state);
            }
        }
        else if (initialElement is not null || (kind == StateKind.State && element.Attribute("initial") is not null))
        {
            if (XIncludeExpander.LostIncludedContent(element))
            {
                // Its child states were to come from an include file that is missing (reported): it runs as an atomic state.
                Warning(initialElement ?? element, $"<{element.Name.LocalName} id=\"{id}\"> has no child states (its include file is missing): its initial state is ignored");
            }
            else
            {
                Error(initialElement ?? element, "an atomic state cannot have an initial state");
            }
        }
    }

    /// <summary>An <c>&lt;initial&gt;</c> element: exactly one <c>&lt;transition&gt;</c> with a target (null when malformed).</summary>
    private TransitionNode? ParseInitialElement(XElement initialElement, StateNode state)
    {
        CheckAttributes(initialElement);
        var transitions = initialElement.Elements().Where(e => IsScxmlNamespace(e.Name)).ToList();
        if (transitions.Count != 1 || transitions[0].Name.LocalName != "transition")
        {
            Error(initialElement, "<initial> needs exactly one <transition>");
            return null;
        }

        var initial = ParseTransition(transitions[0], state);
        if (initial.TargetIds.Length == 0)
        {
            Error(transitions[0], "the <transition> in <initial> needs a target");
        }

        return initial;
    }

    private TransitionNode MakeInitial(XElement element, StateNode state)
    {
        var attribute = element.Attribute("initial");
        if (attribute is not null)
        {
            var ids = SplitIds(attribute.Value);
            if (ids.Length == 0)
            {
                Error(attribute, "'initial' is empty");
            }

            return AddTransition(new TransitionNode { Source = state, Position = Pos(attribute), TargetIds = ids });
        }

        if (state.Children.Count == 0)
        {
            Error(element, $"<{element.Name.LocalName}> has no child state to start in");
            return AddTransition(new TransitionNode { Source = state, Position = Pos(element) });
        }

        return AddTransition(new TransitionNode { Source = state, Position = Pos(element), Targets = [state.Children[0]] });
    }

    private TransitionNode AddTransition(TransitionNode transition)
    {
        transition.Order = _transitions.Count;
        _transitions.Add(transition);
        return transition;
    }

    private TransitionNode ParseTransition(XElement element, StateNode source)
    {
        CheckAttributes(element);
        string[]? events = null;
        if (element.Attribute("event") is { } eventAttribute)
        {
            events = [.. SplitIds(eventAttribute.Value).Select(NormalizeDescriptor)];
            if (events.Length == 0)
            {
                Error(eventAttribute, "'event' is empty");
            }
        }

        var type = (string?)element.Attribute("type") ?? "external";
        if (type is not ("internal" or "external"))
        {
            Error(element.Attribute("type")!, $"transition type must be 'internal' or 'external', not '{type}'");
        }

        var targets = element.Attribute("target") is { } targetAttribute ? SplitIds(targetAttribute.Value) : [];
        if (element.Attribute("target") is { } t && targets.Length == 0)
        {
            Error(t, "'target' is empty");
        }

        return AddTransition(new TransitionNode
        {
            Source = source,
            Position = Pos(element),
            Events = events,
            Cond = Expr(element.Attribute("cond")),
            TargetIds = targets,
            IsInternal = type == "internal",
            Content = new ExecBlock(ParseExecutable(element)),
        });
    }

    private static string NormalizeDescriptor(string descriptor)
    {
        if (descriptor == "*")
        {
            return descriptor;
        }

        if (descriptor.EndsWith(".*", StringComparison.Ordinal))
        {
            descriptor = descriptor[..^2];
        }

        return descriptor.TrimEnd('.');
    }

    private void ResolveTargets()
    {
        foreach (var transition in _transitions)
        {
            if (transition.TargetIds.Length == 0)
            {
                continue;
            }

            var targets = new List<StateNode>();
            foreach (var id in transition.TargetIds)
            {
                if (_ids.TryGetValue(id, out var target))
                {
                    targets.Add(target);
                }
                else
                {
                    // With an include file missing (reported as a warning), the state may be one it was to provide: a
                    // transition to it is a warning (taken, it changes no state); an initial state that does not exist stays an error.
                    var lenient = _includes.HasMissingIncludes && transition.Source.Initial != transition;
                    _diagnostics.Add(new ScxmlDiagnostic(_file, transition.Position.Line, transition.Position.Column,
                        $"target '{id}' is not the id of any state{(lenient ? " (an include file is missing)" : string.Empty)}", lenient));
                }
            }

            transition.Targets = [.. targets];
            if (transition.Source.Initial == transition && transition.Source.Kind != StateKind.History)
            {
                foreach (var target in targets)
                {
                    if (!target.IsDescendantOf(transition.Source))
                    {
                        _diagnostics.Add(new ScxmlDiagnostic(_file, transition.Position.Line, transition.Position.Column,
                            $"initial target '{target.Id}' is not a descendant of '{(transition.Source.Kind == StateKind.Scxml ? "scxml" : transition.Source.Id)}'", false));
                    }
                }
            }
        }
    }

    private void ParseDatamodel(XElement element, StateNode state)
    {
        CheckAttributes(element);
        foreach (var child in element.Elements())
        {
            if (!IsScxmlNamespace(child.Name))
            {
                continue;
            }

            if (child.Name.LocalName != "data")
            {
                Error(child, $"<{child.Name.LocalName}> is not allowed in <datamodel>");
                continue;
            }

            CheckAttributes(child);
            var idAttribute = child.Attribute("id");
            if (_dialect == ScxmlDialect.Ors && child.Attribute("ID") is { } upper)
            {
                // ORS strategies written by hand use <data ID=...> (seed 003); the 2009 draft's attribute is 'id'.
                if (idAttribute is not null)
                {
                    Error(child, "<data> may not have both 'id' and 'ID'");
                }

                idAttribute ??= upper;
            }

            var id = idAttribute?.Value;
            if (string.IsNullOrEmpty(id))
            {
                Error(child, "<data> needs an 'id'");
                continue;
            }

            var expr = child.Attribute("expr");
            var src = child.Attribute("src");
            var hasContent = child.Nodes().Any(n => n is XElement || (n is XText text && !string.IsNullOrWhiteSpace(text.Value)));
            if ((expr is not null ? 1 : 0) + (src is not null ? 1 : 0) + (hasContent ? 1 : 0) > 1)
            {
                Error(child, "<data> may have only one of 'expr', 'src' and content");
            }

            string? text = null, xml = null, error = null;
            if (src is not null)
            {
                if (TryReadSource(src, out var loaded, out var problem))
                {
                    if (loaded.TrimStart().StartsWith('<'))
                    {
                        xml = loaded;
                    }
                    else
                    {
                        text = loaded;
                    }
                }
                else
                {
                    error = problem;
                    Warning(src, problem);
                }
            }
            else if (hasContent)
            {
                (text, xml) = ReadInlineContent(child);
            }

            if (!ParkSafety.IsParkableVariableName(id))
            {
                _parkable = false;
            }

            state.Data.Add(new DataNode { Id = id, Expr = Expr(expr), Text = text, Xml = xml, Error = error, Position = Pos(child) });
        }
    }

    private static (string? Text, string? Xml) ReadInlineContent(XElement element)
    {
        var elements = element.Elements().ToList();
        if (elements.Count > 0)
        {
            return (null, string.Concat(elements.Select(e => e.ToString(SaveOptions.DisableFormatting))));
        }

        return (string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value)), null);
    }

    private ScriptNode ParseScript(XElement element)
    {
        _hasScripts = true;
        CheckAttributes(element);
        var src = element.Attribute("src");
        if (src is not null)
        {
            if (element.Nodes().Any(n => n is XElement || (n is XText t && !string.IsNullOrWhiteSpace(t.Value))))
            {
                Error(element, "<script> may not have both 'src' and content");
            }

            if (!TryReadSource(src, out var code, out var problem))
            {
                Error(src, problem);
                code = string.Empty;
            }

            var script = ScriptExpr.Script(code, Pos(element), src.Value);
            if (script.Error is not null)
            {
                Warning(src, $"script '{src.Value}': {script.Error}");
            }

            return new ScriptNode { Position = Pos(element), Script = script };
        }

        var inline = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value));
        var expr = ScriptExpr.Script(inline, Pos(element));
        if (expr.Error is not null)
        {
            Warning(element, expr.Error);
        }

        return new ScriptNode { Position = Pos(element), Script = expr };
    }

    private List<ExecNode> ParseExecutable(XElement parent)
    {
        var nodes = new List<ExecNode>();
        foreach (var child in parent.Elements())
        {
            if (!IsScxmlNamespace(child.Name))
            {
                nodes.Add(CustomAction(child));
                continue;
            }

            var node = ParseExecutableElement(child);
            if (node is not null)
            {
                nodes.Add(node);
            }
        }

        return nodes;
    }

    private ExecNode? ParseExecutableElement(XElement element)
    {
        var name = element.Name.LocalName;
        if (name is not ("elseif" or "else"))
        {
            CheckAttributes(element);
        }

        switch (name)
        {
            case "raise":
                var ev = (string?)element.Attribute("event");
                if (string.IsNullOrEmpty(ev))
                {
                    Error(element, "<raise> needs an 'event'");
                    return null;
                }

                return new RaiseNode { Position = Pos(element), Event = ev, Params = ParseParams(element) };
            case "log":
                return new LogNode
                {
                    Position = Pos(element),
                    Label = (string?)element.Attribute("label"),
                    // An empty expr on <log> logs the label alone.
                    Expr = string.IsNullOrWhiteSpace((string?)element.Attribute("expr")) ? null : Expr(element.Attribute("expr")),
                    Level = ParseLogLevel(element.Attribute("level")),
                };
            case "assign":
                return ParseAssign(element);
            case "script":
                return ParseScript(element);
            case "send":
                return ParseSend(element);
            case "cancel":
                return ParseCancel(element);
            case "if":
                return ParseIf(element);
            case "foreach":
                var array = element.Attribute("array");
                var item = element.Attribute("item");
                if (array is null || item is null)
                {
                    Error(element, "<foreach> needs 'array' and 'item'");
                    return null;
                }

                return new ForeachNode
                {
                    Position = Pos(element),
                    Array = Expr(array)!,
                    Item = Location(item)!,
                    Index = Location(element.Attribute("index")),
                    Body = ParseExecutable(element),
                };
            default:
                Error(element, $"<{name}> is not executable content");
                return null;
        }
    }

    /// <summary>
    /// <c>&lt;log level&gt;</c> (ORS): a number 1 to 4, passed on to <see cref="ScxmlRuntimeOptions.LogEntrySink"/>. Anything
    /// else is a warning and the line is logged without a level.
    /// </summary>
    private int? ParseLogLevel(XAttribute? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        if (int.TryParse(attribute.Value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var level)
            && level is >= 1 and <= 4)
        {
            return level;
        }

        Warning(attribute, $"log level '{attribute.Value}' is not a number from 1 to 4; the line is logged without a level");
        return null;
    }

    private AssignNode? ParseAssign(XElement element)
    {
        var location = element.Attribute("location");
        if (location is null)
        {
            Error(element, "<assign> needs a 'location'");
            return null;
        }

        var expr = element.Attribute("expr");
        var hasContent = element.Nodes().Any(n => n is XElement || (n is XText t && !string.IsNullOrWhiteSpace(t.Value)));
        if (expr is not null && hasContent)
        {
            Error(element, "<assign> may not have both 'expr' and content");
        }

        ContentNode? content = null;
        if (hasContent)
        {
            var (text, xml) = ReadInlineContent(element);
            content = new ContentNode { Position = Pos(element), Text = text, Xml = xml };
        }

        return new AssignNode { Position = Pos(element), Location = Location(location)!, Expr = Expr(expr), Content = content };
    }

    private IfNode ParseIf(XElement element)
    {
        var branches = new List<(ScriptExpr? Cond, IReadOnlyList<ExecNode> Body)>();
        var cond = Expr(element.Attribute("cond"));
        if (cond is null)
        {
            Error(element, "<if> needs a 'cond'");
        }

        var body = new List<ExecNode>();
        var seenElse = false;
        foreach (var child in element.Elements())
        {
            if (IsScxmlNamespace(child.Name) && child.Name.LocalName is "elseif" or "else")
            {
                CheckAttributes(child);
                if (seenElse)
                {
                    Error(child, $"<{child.Name.LocalName}> after <else>");
                }

                branches.Add((cond, body));
                body = [];
                if (child.Name.LocalName == "else")
                {
                    seenElse = true;
                    cond = null;
                }
                else
                {
                    cond = Expr(child.Attribute("cond"));
                    if (cond is null)
                    {
                        Error(child, "<elseif> needs a 'cond'");
                    }
                }

                continue;
            }

            if (!IsScxmlNamespace(child.Name))
            {
                body.Add(CustomAction(child));
                continue;
            }

            var node = ParseExecutableElement(child);
            if (node is not null)
            {
                body.Add(node);
            }
        }

        branches.Add((cond, body));
        return new IfNode { Position = Pos(element), Branches = branches };
    }

    private SendNode ParseSend(XElement element)
    {
        var ors = _dialect == ScxmlDialect.Ors;
        Exclusive(element, "event", "eventexpr");
        Exclusive(element, "target", "targetexpr");
        Exclusive(element, "type", "typeexpr");
        if (ors)
        {
            // ORS writes the I/O processor as 'targettype' (scxml, basichttp...), the 2015 Recommendation as 'type'.
            Exclusive(element, "targettype", "type");
            Exclusive(element, "targettype", "typeexpr");
        }

        Exclusive(element, "id", "idlocation");
        Exclusive(element, "delay", "delayexpr");
        ScriptExpr? idExpr = null;
        ScriptExpr? idExprLocation = null;
        if (ors && element.Attribute("sendid") is { } sendIdAttribute)
        {
            // ORS (the 2008 draft's name for 'id'): an expression naming the send, or a location that receives a
            // generated id when it holds none.
            Exclusive(element, "sendid", "id");
            Exclusive(element, "sendid", "idlocation");
            idExpr = Expr(sendIdAttribute);
            if (idExpr is { Error: null } && ScriptExpr.Location(sendIdAttribute.Value, Pos(sendIdAttribute)) is { Error: null } location)
            {
                idExprLocation = location;
            }
        }

        if (ors)
        {
            foreach (var name in (ReadOnlySpan<string>)["hints", "timeout"])
            {
                if (element.Attribute(name) is { } unused)
                {
                    Warning(unused, $"'{name}' on <send> has no effect on this platform: it applies to fm and basichttp sends, and the event is sent without it");
                }
            }
        }

        var content = ParseContent(element.Elements(XName.Get("content", element.Name.NamespaceName)).FirstOrDefault());
        var parameters = ParseParams(element);
        if (content is not null && (parameters.Count > 0 || element.Attribute("namelist") is not null))
        {
            Error(element, "<send> may not have <content> together with 'namelist' or <param>");
        }

        var delay = (string?)element.Attribute("delay");
        if (!ors && delay is not null && Timing.ParseDelay(delay) is null)
        {
            Error(element.Attribute("delay")!, $"'{delay}' is not a CSS2 time (such as 500ms or 1.5s)");
        }

        foreach (var child in element.Elements())
        {
            if (IsScxmlNamespace(child.Name) && child.Name.LocalName is not ("content" or "param"))
            {
                Error(child, $"<{child.Name.LocalName}> is not allowed in <send>");
            }
        }

        return new SendNode
        {
            Position = Pos(element),
            Event = ors ? null : (string?)element.Attribute("event"),
            EventExpr = Expr(element.Attribute("eventexpr")) ?? (ors ? Expr(element.Attribute("event")) : null),
            Target = ors ? null : (string?)element.Attribute("target"),
            TargetExpr = Expr(element.Attribute("targetexpr")) ?? (ors ? Expr(element.Attribute("target")) : null),
            Type = (string?)element.Attribute("type") ?? (ors ? (string?)element.Attribute("targettype") : null),
            TypeExpr = Expr(element.Attribute("typeexpr")),
            Id = (string?)element.Attribute("id"),
            IdLocation = Location(element.Attribute("idlocation")),
            IdExpr = idExpr,
            IdExprLocation = idExprLocation,
            Delay = ors ? null : delay,
            DelayExpr = Expr(element.Attribute("delayexpr")) ?? (ors ? Expr(element.Attribute("delay")) : null),
            Namelist = ParseNamelist(element.Attribute("namelist")),
            Params = parameters,
            Content = content,
        };
    }

    private CancelNode ParseCancel(XElement element)
    {
        Exclusive(element, "sendid", "sendidexpr");
        if (element.Attribute("sendid") is null && element.Attribute("sendidexpr") is null)
        {
            Error(element, "<cancel> needs 'sendid' or 'sendidexpr'");
        }

        var ors = _dialect == ScxmlDialect.Ors;
        return new CancelNode
        {
            Position = Pos(element),
            SendId = ors ? null : (string?)element.Attribute("sendid"),
            SendIdExpr = Expr(element.Attribute("sendidexpr")) ?? (ors ? Expr(element.Attribute("sendid")) : null),
        };
    }

    private InvokeNode ParseInvoke(XElement element, StateNode state)
    {
        CheckAttributes(element);
        Exclusive(element, "type", "typeexpr");
        Exclusive(element, "src", "srcexpr");
        Exclusive(element, "id", "idlocation");
        var orsInvoke = _dialect == ScxmlDialect.Ors;
        if (orsInvoke)
        {
            // The Genesys reference's names: targettype (only "scxml") for type, invokeid for id.
            Exclusive(element, "targettype", "type");
            Exclusive(element, "targettype", "typeexpr");
            Exclusive(element, "invokeid", "id");
            Exclusive(element, "invokeid", "idlocation");
        }
        ContentNode? content = null;
        ExecBlock? finalize = null;
        foreach (var child in element.Elements())
        {
            if (!IsScxmlNamespace(child.Name))
            {
                continue;
            }

            switch (child.Name.LocalName)
            {
                case "content":
                    content = ParseContent(child);
                    break;
                case "finalize":
                    CheckAttributes(child);
                    finalize = new ExecBlock(ParseExecutable(child));
                    break;
                case "param":
                    break;
                default:
                    Error(child, $"<{child.Name.LocalName}> is not allowed in <invoke>");
                    break;
            }
        }

        if (content is not null && (element.Attribute("src") is not null || element.Attribute("srcexpr") is not null))
        {
            Error(element, "<invoke> may not have both 'src'/'srcexpr' and <content>");
        }

        var autoforward = (string?)element.Attribute("autoforward") ?? "false";
        if (autoforward is not ("true" or "false"))
        {
            Error(element.Attribute("autoforward")!, "'autoforward' must be 'true' or 'false'");
        }

        var src = element.Attribute("src");
        if (src is not null && !TryResolvePath(src.Value, out _, out var problem))
        {
            Warning(src, problem);
        }

        return new InvokeNode
        {
            State = state,
            Position = Pos(element),
            Type = (string?)element.Attribute("type") ?? (orsInvoke ? (string?)element.Attribute("targettype") : null),
            TypeExpr = Expr(element.Attribute("typeexpr")),
            Src = src?.Value,
            SrcExpr = Expr(element.Attribute("srcexpr")),
            Id = (string?)element.Attribute("id") ?? (orsInvoke ? (string?)element.Attribute("invokeid") : null),
            IdLocation = Location(element.Attribute("idlocation")),
            Namelist = ParseNamelist(element.Attribute("namelist")),
            Params = ParseParams(element),
            Content = content,
            AutoForward = autoforward == "true",
            Finalize = finalize,
        };
    }

    private DoneDataNode ParseDoneData(XElement element)
    {
        CheckAttributes(element);
        var content = ParseContent(element.Elements(XName.Get("content", element.Name.NamespaceName)).FirstOrDefault());
        var parameters = ParseParams(element);
        if (content is not null && parameters.Count > 0)
        {
            Error(element, "<donedata> may not have both <content> and <param>");
        }

        return new DoneDataNode { Content = content, Params = parameters };
    }

    private ContentNode? ParseContent(XElement? element)
    {
        if (element is null)
        {
            return null;
        }

        CheckAttributes(element);
        var expr = element.Attribute("expr");
        var hasChildren = element.Nodes().Any(n => n is XElement || (n is XText t && !string.IsNullOrWhiteSpace(t.Value)));
        if (expr is not null && hasChildren)
        {
            Error(element, "<content> may not have both 'expr' and children");
        }

        var (text, xml) = hasChildren ? ReadInlineContent(element) : (null, null);
        var node = new ContentNode { Position = Pos(element), Expr = Expr(expr), Text = expr is null && !hasChildren ? string.Empty : text, Xml = xml };
        var nested = element.Elements().FirstOrDefault(e => e.Name.LocalName == "scxml" && IsScxmlNamespace(e.Name));
        if (nested is not null && element.Parent?.Name.LocalName == "invoke")
        {
            var nestedOptions = new ScxmlLoadOptions { Dialect = _options.Dialect, MaxDocumentBytes = _options.MaxDocumentBytes, AllowedRoots = _options.AllowedRoots };
            node.InlineDocument = Parse(nested, _file, _baseDirectory, nestedOptions, _diagnostics);
        }

        return node;
    }

    private List<ParamNode> ParseParams(XElement element)
    {
        var result = new List<ParamNode>();
        foreach (var child in element.Elements(XName.Get("param", element.Name.NamespaceName)))
        {
            CheckAttributes(child);
            var name = (string?)child.Attribute("name");
            if (string.IsNullOrEmpty(name))
            {
                Error(child, "<param> needs a 'name'");
                continue;
            }

            Exclusive(child, "expr", "location");
            var expr = Expr(child.Attribute("expr")) ?? Expr(child.Attribute("location"));
            if (expr is null)
            {
                Error(child, "<param> needs 'expr' or 'location'");
                continue;
            }

            result.Add(new ParamNode { Name = name, Expr = expr, Position = Pos(child) });
        }

        return result;
    }

    private List<(string Name, ScriptExpr Expr)> ParseNamelist(XAttribute? attribute)
    {
        if (attribute is null)
        {
            return [];
        }

        var position = Pos(attribute);
        var result = new List<(string, ScriptExpr)>();
        foreach (var name in Split(attribute.Value))
        {
            var expr = ScriptExpr.Expression(name, position);
            NoteParkSafety(expr);
            if (expr.Error is not null)
            {
                Warning(attribute, $"namelist entry '{name}': {expr.Error}");
            }

            result.Add((name, expr));
        }

        return result;
    }

    private void Exclusive(XElement element, string first, string second)
    {
        if (element.Attribute(first) is not null && element.Attribute(second) is not null)
        {
            Error(element, $"<{element.Name.LocalName}> may not have both '{first}' and '{second}'");
        }
    }

    /// <summary>Records whether the expression lets sessions park their data model (see <see cref="ParkSafety"/>).</summary>
    private void NoteParkSafety(ScriptExpr expr)
    {
        if (expr.Prepared is { Program: { } program } && !ParkSafety.IsSafe(program, _referencedNames))
        {
            _parkable = false;
        }
    }

    private ScriptExpr? Expr(XAttribute? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        var expr = ScriptExpr.Expression(attribute.Value, Pos(attribute));
        NoteParkSafety(expr);
        if (expr.Error is not null)
        {
            Warning(attribute, $"{attribute.Name.LocalName} \"{attribute.Value}\": {expr.Error}");
        }

        return expr;
    }

    private ScriptExpr? Location(XAttribute? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        var expr = ScriptExpr.Location(attribute.Value, Pos(attribute));
        NoteParkSafety(expr);
        if (expr.Error is not null)
        {
            Warning(attribute, $"{attribute.Name.LocalName} \"{attribute.Value}\": {expr.Error}");
        }

        return expr;
    }

    private void CheckAttributes(XElement element)
    {
        if (!AllowedAttributes.TryGetValue(element.Name.LocalName, out var allowed))
        {
            return;
        }

        foreach (var attribute in element.Attributes())
        {
            if (attribute.IsNamespaceDeclaration || attribute.Name.NamespaceName.Length > 0)
            {
                continue;
            }

            var name = attribute.Name.LocalName;
            if (Array.IndexOf(allowed, name) >= 0)
            {
                continue;
            }

            if (_dialect == ScxmlDialect.Ors && (name.StartsWith('_') || name == "profile" || (name == "ID" && element.Name.LocalName == "data")
                || (name is "targettype" or "sendid" or "hints" or "timeout" && element.Name.LocalName == "send")
                || (name is "targettype" or "invokeid" && element.Name.LocalName == "invoke")))
            {
                continue;
            }

            Error(attribute, $"unknown attribute '{name}' on <{element.Name.LocalName}>");
        }
    }

    /// <summary>Reads a <c>src</c> file (relative to the document folder, or under a configured root).</summary>
    private bool TryReadSource(XAttribute src, out string content, out string problem)
    {
        content = string.Empty;
        if (!TryResolvePath(src.Value, out var path, out problem))
        {
            return false;
        }

        try
        {
            var info = new FileInfo(path);
            if (info.Length > _options.MaxDocumentBytes)
            {
                problem = $"'{src.Value}' is larger than {_options.MaxDocumentBytes} bytes";
                return false;
            }

            content = File.ReadAllText(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot read '{src.Value}': {ex.Message}";
            return false;
        }
    }

    public bool TryResolvePath(string reference, out string path, out string problem)
        => PathPolicy.TryResolve(reference, _baseDirectory, _options.AllowedRoots, out path, out problem);

    private static bool IsScxmlNamespace(XName name) => name.NamespaceName is ScxmlNs or "";

    /// <summary>
    /// A Genesys module namespace in its canonical spelling, <c>http://www.genesyslab.com/modules/NAME</c>: the ORS
    /// documentation writes them without the scheme (<c>xmlns:queue="www.genesyslab.com/modules/queue"</c>), Composer
    /// with <c>http://</c>; both (and https, and a trailing slash) name the same module. Any other namespace is
    /// returned as it is.
    /// </summary>
    internal static string ModuleNamespace(string ns)
    {
        const string Host = "www.genesyslab.com/modules/";
        var rest = ns.AsSpan().Trim();
        foreach (var scheme in (ReadOnlySpan<string>)["http://", "https://", ""])
        {
            if (rest.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
                && rest[scheme.Length..].StartsWith(Host, StringComparison.OrdinalIgnoreCase))
            {
                var module = rest[(scheme.Length + Host.Length)..].TrimEnd('/');
                return module.Length == 0 ? ns : GenesysModulePrefix + module.ToString().ToLowerInvariant();
            }
        }

        return ns;
    }

    private CustomActionNode CustomAction(XElement element)
    {
        var ns = ModuleNamespace(element.Name.NamespaceName);
        if (_dialect == ScxmlDialect.Ors && !ns.StartsWith(GenesysModulePrefix, StringComparison.Ordinal))
        {
            Warning(element, $"<{element.Name.LocalName}> is in namespace '{element.Name.NamespaceName}', which is not a Genesys module (http://www.genesyslab.com/modules/...): no module runs it, it is ignored");
        }

        return new CustomActionNode { Position = Pos(element), Element = element, Namespace = ns };
    }

    /// <summary>
    /// Splits an id list. In the ORS dialect the Composer include marker <c>$$_MY_PREFIX_$$</c> is resolved first: a
    /// document run on its own has an empty prefix, so <c>$$_MY_PREFIX_$$.X</c> names <c>X</c>.
    /// </summary>
    private string[] SplitIds(string value) => Split(_dialect == ScxmlDialect.Ors
        ? value.Replace(OrsPrefixMarker + ".", string.Empty, StringComparison.Ordinal).Replace(OrsPrefixMarker, string.Empty, StringComparison.Ordinal)
        : value);

    private const string OrsPrefixMarker = "$$_MY_PREFIX_$$";

    private static string[] Split(string value) => value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static SourcePosition Pos(XObject node) => node is IXmlLineInfo info && info.HasLineInfo()
        ? new SourcePosition(info.LineNumber, info.LinePosition)
        : default;

    private void Error(XObject node, string message)
    {
        var position = Pos(node);
        _diagnostics.Add(new ScxmlDiagnostic(XIncludeExpander.IncludedFileOf(node) ?? _file, position.Line, position.Column, message, false));
    }

    private void Warning(XObject node, string message)
    {
        var position = Pos(node);
        _diagnostics.Add(new ScxmlDiagnostic(XIncludeExpander.IncludedFileOf(node) ?? _file, position.Line, position.Column, message, true));
    }
}
