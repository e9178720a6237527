namespace CtiGateway.Scxml;

/// <summary>How documents are read.</summary>
public sealed class ScxmlLoadOptions
{
    /// <summary>The dialect, or <see cref="ScxmlDialect.Auto"/> to detect it from the document.</summary>
    public ScxmlDialect Dialect { get; init; } = ScxmlDialect.Auto;

    /// <summary>Largest document, script or data file read, in bytes.</summary>
    public int MaxDocumentBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Folders, besides the document's own folder, from which <c>src</c> references may be read.</summary>
    public IReadOnlyList<string> AllowedRoots { get; init; } = [];
}
