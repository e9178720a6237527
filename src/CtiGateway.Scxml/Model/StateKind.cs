namespace CtiGateway.Scxml.Model;

/// <summary>The kind of a state node.</summary>
internal enum StateKind
{
    Scxml,
    State,
    Parallel,
    Final,
    History,
}
