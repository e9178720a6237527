namespace CtiGateway.Scxml;

/// <summary>What a custom action handler sees: the element, and safe access to the session's data model and queues.</summary>
public sealed class ScxmlActionContext
{
    private readonly Func<string, string?> _evaluate;
    private readonly Action<string, string?> _assign;
    private readonly Action<string, string?> _raise;
    private readonly Runtime.ScxmlSession? _session;

    internal ScxmlActionContext(string sessionId, string localName, string ns, IReadOnlyDictionary<string, string> attributes, string innerXml,
        int line, int column, Func<string, string?> evaluate, Action<string, string?> assign, Action<string, string?> raise,
        Runtime.ScxmlSession? session = null)
    {
        _session = session;
        SessionId = sessionId;
        LocalName = localName;
        Namespace = ns;
        Attributes = attributes;
        InnerXml = innerXml;
        Line = line;
        Column = column;
        _evaluate = evaluate;
        _assign = assign;
        _raise = raise;
    }

    /// <summary>The session running the action.</summary>
    public string SessionId { get; }

    /// <summary>The element's local name (for example <c>submit</c> in <c>queue:submit</c>).</summary>
    public string LocalName { get; }

    /// <summary>The element's namespace.</summary>
    public string Namespace { get; }

    /// <summary>The element's attributes (local names).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>The element's children as XML text.</summary>
    public string InnerXml { get; }

    /// <summary>The element's line in the document.</summary>
    public int Line { get; }

    /// <summary>The element's column in the document.</summary>
    public int Column { get; }

    /// <summary>Evaluates an ECMAScript expression in the session; returns the value as JSON (null for undefined).</summary>
    public string? Evaluate(string expression) => _evaluate(expression);

    /// <summary>Assigns a JSON value (null for undefined) to a data model location.</summary>
    public void Assign(string location, string? json) => _assign(location, json);

    /// <summary>Puts an event (with JSON data, or null) on the session's internal queue.</summary>
    public void Raise(string eventName, string? json) => _raise(eventName, json);

    /// <summary>
    /// Turns the action into one that completes later: post its <c>.done</c> or <c>error.*</c> event through the result
    /// when the outside work answers. The session goes on meanwhile.
    /// </summary>
    /// <exception cref="InvalidOperationException">The context has no session (a validation run).</exception>
    public ScxmlPendingAction BeginAsync() =>
        new(_session ?? throw new InvalidOperationException("This action context has no session to complete in."));
}
