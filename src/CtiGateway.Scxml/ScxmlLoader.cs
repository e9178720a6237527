using System.Xml;

namespace CtiGateway.Scxml;

/// <summary>Loads, prepares and validates SCXML documents.</summary>
public static class ScxmlLoader
{
    /// <summary>Loads a document from a file. Throws <see cref="ScxmlLoadException"/> when the document cannot be run.</summary>
    public static ScxmlDocument LoadFile(string path, ScxmlLoadOptions? options = null)
    {
        var diagnostics = new List<ScxmlDiagnostic>();
        var document = TryLoadFile(path, options ?? new ScxmlLoadOptions(), diagnostics);
        return document ?? throw new ScxmlLoadException(diagnostics);
    }

    /// <summary>Loads a document from text; <paramref name="baseDirectory"/> resolves relative <c>src</c> references.</summary>
    public static ScxmlDocument LoadText(string xml, string name, string baseDirectory, ScxmlLoadOptions? options = null)
    {
        var diagnostics = new List<ScxmlDiagnostic>();
        var document = TryLoadText(xml, name, baseDirectory, options ?? new ScxmlLoadOptions(), diagnostics);
        return document ?? throw new ScxmlLoadException(diagnostics);
    }

    /// <summary>Checks a file without running it: every error and warning, each with its line and column.</summary>
    public static IReadOnlyList<ScxmlDiagnostic> Validate(string path, ScxmlLoadOptions? options = null)
    {
        var diagnostics = new List<ScxmlDiagnostic>();
        TryLoadFile(path, options ?? new ScxmlLoadOptions(), diagnostics);
        return diagnostics;
    }

    internal static ScxmlDocument? TryLoadFile(string path, ScxmlLoadOptions options, List<ScxmlDiagnostic> diagnostics)
    {
        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                diagnostics.Add(new ScxmlDiagnostic(path, 0, 0, "file not found", false));
                return null;
            }

            if (info.Length > options.MaxDocumentBytes)
            {
                diagnostics.Add(new ScxmlDiagnostic(path, 0, 0, $"document is larger than {options.MaxDocumentBytes} bytes", false));
                return null;
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            diagnostics.Add(new ScxmlDiagnostic(path, 0, 0, $"cannot read the file: {ex.Message}", false));
            return null;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return TryLoadText(text, path, directory, options, diagnostics);
    }

    internal static ScxmlDocument? TryLoadText(string xml, string name, string baseDirectory, ScxmlLoadOptions options, List<ScxmlDiagnostic> diagnostics)
    {
        if (xml.Length > options.MaxDocumentBytes)
        {
            diagnostics.Add(new ScxmlDiagnostic(name, 0, 0, $"document is larger than {options.MaxDocumentBytes} characters", false));
            return null;
        }

        System.Xml.Linq.XDocument xdoc;
        try
        {
            using var reader = new StringReader(xml);
            xdoc = DocumentParser.ReadXml(reader, options.MaxDocumentBytes);
        }
        catch (XmlException ex)
        {
            var (line, column) = ex.LineNumber > 0 ? (ex.LineNumber, ex.LinePosition) : PositionOf(xml, "<!DOCTYPE");
            diagnostics.Add(new ScxmlDiagnostic(name, line, column, "malformed XML: " + StripPosition(ex.Message), false));
            return null;
        }

        if (xdoc.Root is null)
        {
            diagnostics.Add(new ScxmlDiagnostic(name, 1, 1, "the document has no root element", false));
            return null;
        }

        return DocumentParser.Parse(xdoc.Root, name, baseDirectory, options, diagnostics);
    }

    /// <summary>The line and column of <paramref name="marker"/> (1:1 when it is not there): XmlReader gives no position for a refused DTD.</summary>
    private static (int Line, int Column) PositionOf(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        if (index < 0)
        {
            return (1, 1);
        }

        var line = 1 + text.AsSpan(0, index).Count('\n');
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return (line, index - lineStart + 1);
    }

    private static string StripPosition(string message)
    {
        var index = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return index > 0 ? message[..index].TrimEnd() : message;
    }
}
