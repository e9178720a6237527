namespace CtiGateway.Scxml.Model;

/// <summary>A state, parallel, final, history or the scxml root. Immutable once the document is prepared.</summary>
internal sealed class StateNode
{
    public required StateKind Kind { get; init; }

    /// <summary>The id (generated when the document gives none).</summary>
    public required string Id { get; set; }

    /// <summary>Index in document order (the root is 0).</summary>
    public int Order { get; set; }

    public StateNode? Parent { get; init; }

    public required SourcePosition Position { get; init; }

    /// <summary>Child states in document order: state, parallel and final (not history).</summary>
    public List<StateNode> Children { get; } = [];

    public List<StateNode> HistoryChildren { get; } = [];

    public List<TransitionNode> Transitions { get; } = [];

    /// <summary>The initial transition of a compound state or of the root (targets resolved after parsing).</summary>
    public TransitionNode? Initial { get; set; }

    public List<ExecBlock> OnEntry { get; } = [];

    public List<ExecBlock> OnExit { get; } = [];

    public List<DataNode> Data { get; } = [];

    public List<InvokeNode> Invokes { get; } = [];

    public DoneDataNode? DoneData { get; set; }

    public bool DeepHistory { get; set; }

    /// <summary>Proper ancestors, nearest first, ending with the root.</summary>
    public StateNode[] Ancestors { get; set; } = [];

    public bool IsAtomic => Kind is StateKind.Final or StateKind.History || (Kind == StateKind.State && Children.Count == 0);

    public bool IsCompound => Kind == StateKind.State && Children.Count > 0;

    public bool IsCompoundOrRoot => Kind == StateKind.Scxml || IsCompound;

    public bool IsDescendantOf(StateNode other)
    {
        for (var p = Parent; p is not null; p = p.Parent)
        {
            if (ReferenceEquals(p, other))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => Id;
}
