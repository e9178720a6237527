namespace CtiGateway.Scxml;

/// <summary>
/// An object the host adds to every session's data model (such as <c>_genesys</c>). Values cross as JSON text and
/// functions as JSON in and out, so scripts never reach a CLR object.
/// </summary>
public sealed class ScxmlHostObject
{
    /// <summary>The global name.</summary>
    public required string Name { get; init; }

    /// <summary>Read-only properties: name to JSON value.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Functions: name to a handler taking the arguments as JSON (null for undefined) and returning JSON (null for undefined).</summary>
    public IReadOnlyDictionary<string, Func<IReadOnlyList<string?>, string?>> Functions { get; init; } = new Dictionary<string, Func<IReadOnlyList<string?>, string?>>();

    /// <summary>
    /// Functions that also change the session's host data (such as <c>_genesys.ixn.setuData</c> and the interaction's
    /// <c>udata</c>): their updates are applied when they return, before the script goes on.
    /// </summary>
    public IReadOnlyDictionary<string, Func<IReadOnlyList<string?>, ScxmlHostCallResult>> UpdatingFunctions { get; init; } =
        new Dictionary<string, Func<IReadOnlyList<string?>, ScxmlHostCallResult>>();
}
