namespace CtiGateway.Scxml;

/// <summary>One problem found in a document, with its place in the file.</summary>
/// <param name="File">The file (or a name given for an in-memory document).</param>
/// <param name="Line">1-based line, 0 when unknown.</param>
/// <param name="Column">1-based column, 0 when unknown.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="IsWarning">True for problems that only raise <c>error.execution</c> when reached at run time.</param>
public sealed record ScxmlDiagnostic(string File, int Line, int Column, string Message, bool IsWarning)
{
    /// <summary>The <c>FILE:LINE:COL: message</c> form (warnings say so).</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {(IsWarning ? "warning: " : string.Empty)}{Message}";
}
