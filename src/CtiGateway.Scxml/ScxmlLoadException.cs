namespace CtiGateway.Scxml;

/// <summary>A document that cannot be run: malformed XML, unknown elements, bad targets, missing scripts.</summary>
public sealed class ScxmlLoadException : Exception
{
    /// <summary>Creates the exception from the problems found (the first one is the message).</summary>
    public ScxmlLoadException(IReadOnlyList<ScxmlDiagnostic> diagnostics)
        : base(diagnostics.Count > 0 ? diagnostics[0].ToString() : "invalid SCXML document")
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found, errors and warnings.</summary>
    public IReadOnlyList<ScxmlDiagnostic> Diagnostics { get; }
}
