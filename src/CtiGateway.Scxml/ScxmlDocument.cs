using CtiGateway.Scxml.Model;

namespace CtiGateway.Scxml;

/// <summary>
/// A loaded and prepared SCXML document: parsed once, expressions prepared once, immutable, shared by every session
/// started from it. Load one with <see cref="ScxmlLoader"/>.
/// </summary>
public sealed class ScxmlDocument
{
    internal ScxmlDocument(string file, string baseDirectory, ScxmlDialect dialect, StateNode root, StateNode[] states,
        bool lateBinding, string? name, IReadOnlyList<ScriptNode> globalScripts, IReadOnlyList<ScxmlDiagnostic> diagnostics, ScxmlLoadOptions options, bool hasScripts)
    {
        File = file;
        BaseDirectory = baseDirectory;
        Dialect = dialect;
        Root = root;
        States = states;
        LateBinding = lateBinding;
        Name = name;
        GlobalScripts = globalScripts;
        Diagnostics = diagnostics;
        LoadOptions = options;
        StatesById = states.ToDictionary(s => s.Id, StringComparer.Ordinal);
        HasInvokes = states.Any(s => s.Invokes.Count > 0);
        HasHistory = states.Any(s => s.HistoryChildren.Count > 0);
        HasScripts = hasScripts;
    }

    /// <summary>The file the document came from (or the name given to an in-memory document).</summary>
    public string File { get; }

    /// <summary>The dialect the document is read in (never <see cref="ScxmlDialect.Auto"/>).</summary>
    public ScxmlDialect Dialect { get; }

    /// <summary>The <c>name</c> attribute of the root, if any.</summary>
    public string? Name { get; }

    /// <summary>Warnings found at load (expressions that will raise error.execution when reached).</summary>
    public IReadOnlyList<ScxmlDiagnostic> Diagnostics { get; }

    internal string BaseDirectory { get; }

    internal StateNode Root { get; }

    /// <summary>Every state node in document order; index = <see cref="StateNode.Order"/>.</summary>
    internal StateNode[] States { get; }

    internal Dictionary<string, StateNode> StatesById { get; }

    internal bool LateBinding { get; }

    /// <summary>Top-level scripts (one in W3C documents; ORS documents may have several), run in order after the data model.</summary>
    internal IReadOnlyList<ScriptNode> GlobalScripts { get; }

    internal ScxmlLoadOptions LoadOptions { get; }

    internal bool HasInvokes { get; }

    internal bool HasHistory { get; }

    /// <summary>True when any <c>&lt;script&gt;</c> element is present (compiled fast expressions are then not used).</summary>
    internal bool HasScripts { get; }

    /// <summary>
    /// True when idle sessions of this document may park their data model: no <c>&lt;script&gt;</c>, not ORS, and every
    /// expression park-safe (<see cref="ParkSafety"/>).
    /// </summary>
    internal bool CanPark { get; init; }

    /// <summary>Every identifier the document's expressions read or write (checked against host object names).</summary>
    internal IReadOnlySet<string> ReferencedNames { get; init; } = new HashSet<string>();
}
