using CtiGateway.Scxml.Model;

namespace CtiGateway.Scxml.Runtime;

/// <summary>An error in executable content or an expression: becomes <c>error.execution</c> in the session.</summary>
internal sealed class ScxmlExecutionException : Exception
{
    public ScxmlExecutionException(string message, SourcePosition position, string? sendId = null)
        : base(message)
    {
        Position = position;
        SendId = sendId;
    }

    public SourcePosition Position { get; }

    public string? SendId { get; init; }

    /// <summary>True when the failure is a communication failure (<c>error.communication</c>).</summary>
    public bool IsCommunication { get; init; }
}
