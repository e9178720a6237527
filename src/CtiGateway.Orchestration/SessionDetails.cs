namespace CtiGateway.Orchestration;

/// <summary>One session in depth (<c>ctigw sessions show ID</c>).</summary>
/// <param name="Session">The listing line.</param>
/// <param name="DataModelJson">Its declared data as JSON.</param>
/// <param name="LastEvents">The last events it received (name and data), oldest first.</param>
/// <param name="LastLogLines">Its last &lt;log&gt; lines, oldest first.</param>
public sealed record SessionDetails(SessionInfo Session, string DataModelJson, IReadOnlyList<string> LastEvents, IReadOnlyList<string> LastLogLines);
