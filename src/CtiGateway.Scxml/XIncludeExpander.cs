using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace CtiGateway.Scxml;

/// <summary>
/// Expands XInclude (<c>xi:include</c>) in place before a document is parsed, as Composer-generated ORS strategies use it:
/// <list type="bullet">
/// <item><c>parse="text"</c> puts a file's text in place (<c>&lt;script&gt;&lt;xi:include href="../include/x.js" parse="text"/&gt;&lt;/script&gt;</c>);</item>
/// <item><c>parse="xml"</c> (the default) puts in place the element whose <c>id</c> is the shorthand <c>xpointer</c>
/// (without one, the children of the other document's root); with <c>resolveid="P"</c> the state ids of the included
/// part become <c>P.id</c>, the Composer marker <c>$$_MY_PREFIX_$$</c> in its <c>target</c>, <c>initial</c> and event
/// descriptors becomes <c>P</c>, and its expressions and scripts read <c>_my_prefix</c> as <c>'P'</c>.</item>
/// </list>
/// Paths resolve relative to the including file and must stay under the document folder or the allowed folders; every
/// file is bounded by <see cref="ScxmlLoadOptions.MaxDocumentBytes"/> and so is their total. A missing file is a warning
/// (its <c>xi:fallback</c>, if any, is used instead); cycles and nesting deeper than <see cref="MaxDepth"/> are errors.
/// </summary>
internal sealed partial class XIncludeExpander
{
    public const string Namespace = "http://www.w3.org/2001/XInclude";

    /// <summary>Deepest nesting of included documents.</summary>
    public const int MaxDepth = 16;

    private const string PrefixMarker = "$$_MY_PREFIX_$$";
    private static readonly XName IncludeName = XName.Get("include", Namespace);
    private static readonly XName FallbackName = XName.Get("fallback", Namespace);
    private static readonly HashSet<string> StateElements = new(StringComparer.Ordinal) { "state", "parallel", "final", "history", "initial" };

    /// <summary>Attributes that hold names, not expressions: <c>_my_prefix</c> is not replaced in them.</summary>
    private static readonly HashSet<string> NameAttributes = new(StringComparer.Ordinal)
    {
        "id", "ID", "name", "label", "location", "idlocation", "item", "index", "namelist", "href", "xpointer", "resolveid", "src", "type", "level",
    };

    private readonly string _rootDirectory;
    private readonly ScxmlLoadOptions _options;
    private readonly List<ScxmlDiagnostic> _diagnostics;
    private long _totalCharacters;

    public XIncludeExpander(string rootDirectory, ScxmlLoadOptions options, List<ScxmlDiagnostic> diagnostics)
    {
        _rootDirectory = rootDirectory;
        _options = options;
        _diagnostics = diagnostics;
    }

    /// <summary>True when an include named a file that does not exist (and had no fallback).</summary>
    public bool HasMissingIncludes { get; private set; }

    /// <summary>Expands every <c>xi:include</c> under <paramref name="root"/>, which came from <paramref name="file"/>.</summary>
    public void Expand(XElement root, string file, string directory)
    {
        _totalCharacters = 0;
        ExpandIn(root, file, directory, [FullPathOf(file)]);
    }

    /// <summary>The file an element was included from (null for the document's own elements).</summary>
    public static string? IncludedFileOf(XObject node)
    {
        for (var element = node as XElement ?? node.Parent; element is not null; element = element.Parent)
        {
            if (element.Annotation<IncludedFrom>() is { } from)
            {
                return from.File;
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="element"/> held an include whose file was missing.</summary>
    public static bool LostIncludedContent(XElement element) => element.Annotation<MissingInclude>() is not null;

    private void ExpandIn(XElement root, string file, string directory, List<string> chain)
    {
        var includes = root.DescendantsAndSelf(IncludeName).Where(e => !e.Ancestors(IncludeName).Any()).ToList();
        foreach (var include in includes)
        {
            var replacement = Resolve(include, file, directory, chain);
            if (include.Parent is null)
            {
                continue;
            }

            include.ReplaceWith(replacement.ToArray());
        }
    }

    private List<XNode> Resolve(XElement include, string file, string directory, List<string> chain)
    {
        var href = ((string?)include.Attribute("href"))?.Trim();
        var parse = ((string?)include.Attribute("parse"))?.Trim() ?? "xml";
        if (string.IsNullOrEmpty(href))
        {
            Report(include, file, "<xi:include> needs an 'href' (includes within the same document are not supported)", false);
            return [];
        }

        if (parse is not ("xml" or "text"))
        {
            Report(include.Attribute("parse")!, file, $"<xi:include> parse must be 'xml' or 'text', not '{parse}'", false);
            return [];
        }

        if (!PathPolicy.TryResolve(href, directory, [_rootDirectory, .. _options.AllowedRoots], true, out var path, out var problem, out var missing))
        {
            if (missing)
            {
                return Fallback(include, file, directory, chain, $"include file not found: {href}");
            }

            Report(include, file, $"<xi:include>: {problem}", false);
            return [];
        }

        string text;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > _options.MaxDocumentBytes)
            {
                Report(include, file, $"include file '{href}' is larger than {_options.MaxDocumentBytes} bytes", false);
                return [];
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Report(include, file, $"cannot read include file '{href}': {ex.Message}", false);
            return [];
        }

        _totalCharacters += text.Length;
        if (_totalCharacters > _options.MaxDocumentBytes)
        {
            Report(include, file, $"included files exceed {_options.MaxDocumentBytes} characters in total", false);
            return [];
        }

        if (parse == "text")
        {
            return [new XText(text)];
        }

        if (chain.Contains(path, StringComparer.Ordinal))
        {
            Report(include, file, $"include cycle: {string.Join(" -> ", chain.Select(Path.GetFileName))} -> {Path.GetFileName(path)}", false);
            return [];
        }

        if (chain.Count > MaxDepth)
        {
            Report(include, file, $"includes are nested deeper than {MaxDepth} levels", false);
            return [];
        }

        XDocument included;
        try
        {
            using var reader = new StringReader(text);
            included = DocumentParser.ReadXml(reader, _options.MaxDocumentBytes);
        }
        catch (XmlException ex)
        {
            Report(include, file, $"include file '{href}' is not well-formed XML: {ex.Message}", false);
            return [];
        }

        var parts = Select(included, include, file, href);
        if (parts.Count == 0)
        {
            return [];
        }

        var resolveId = ((string?)include.Attribute("resolveid"))?.Trim();
        foreach (var part in parts)
        {
            part.Remove();
            part.AddAnnotation(new IncludedFrom(path));
            if (!string.IsNullOrEmpty(resolveId))
            {
                ApplyPrefix(part, resolveId);
            }
        }

        var holder = new XElement("holder", parts);
        ExpandIn(holder, path, Path.GetDirectoryName(path) ?? directory, [.. chain, path]);
        var result = holder.Nodes().ToList();
        foreach (var node in result)
        {
            node.Remove();
        }

        return result;
    }

    /// <summary>The element named by a shorthand <c>xpointer</c> (an id), or the root's children when there is none.</summary>
    private List<XElement> Select(XDocument included, XElement include, string file, string href)
    {
        var root = included.Root!;
        var pointer = ((string?)include.Attribute("xpointer"))?.Trim();
        if (string.IsNullOrEmpty(pointer))
        {
            return [.. root.Elements()];
        }

        var match = ShorthandPointer().Match(pointer);
        if (!match.Success)
        {
            Report(include.Attribute("xpointer")!, file, $"xpointer '{pointer}' is not supported: give the id of the element to include", false);
            return [];
        }

        var id = match.Groups["id"].Value;
        var element = root.DescendantsAndSelf().FirstOrDefault(e => (string?)e.Attribute("id") == id);
        if (element is null)
        {
            Report(include.Attribute("xpointer")!, file, $"include file '{href}' has no element with id '{id}'", false);
            return [];
        }

        return [element];
    }

    /// <summary>A missing file: the <c>xi:fallback</c> content if there is one, else a warning and nothing.</summary>
    private List<XNode> Fallback(XElement include, string file, string directory, List<string> chain, string message)
    {
        if (include.Element(FallbackName) is { } fallback)
        {
            var holder = new XElement("holder", fallback.Nodes());
            ExpandIn(holder, file, directory, chain);
            return [.. holder.Nodes()];
        }

        HasMissingIncludes = true;
        include.Parent?.AddAnnotation(new MissingInclude());
        Report(include, file, message, true);
        return [];
    }

    /// <summary>Composer's include prefix: state ids, the marker in targets, initial and event descriptors, and <c>_my_prefix</c>.</summary>
    private static void ApplyPrefix(XElement part, string prefix)
    {
        var literal = "'" + prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
        foreach (var element in part.DescendantsAndSelf())
        {
            var scxml = element.Name.NamespaceName is DocumentParser.ScxmlNs or "";
            var isInclude = element.Name == IncludeName;
            foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.NamespaceName.Length == 0).ToList())
            {
                var name = attribute.Name.LocalName;
                if (scxml && name == "id" && StateElements.Contains(element.Name.LocalName))
                {
                    attribute.Value = prefix + "." + attribute.Value;
                }
                else if ((scxml && (name is "target" or "initial" || (name == "event" && element.Name.LocalName == "transition"))) || (isInclude && name == "resolveid"))
                {
                    attribute.Value = attribute.Value.Replace(PrefixMarker, prefix, StringComparison.Ordinal);
                }
                else if (!NameAttributes.Contains(name) && !isInclude)
                {
                    attribute.Value = ReplacePrefixVariable(attribute.Value, literal);
                }
            }

            if (scxml && element.Name.LocalName == "script")
            {
                foreach (var text in element.Nodes().OfType<XText>())
                {
                    text.Value = ReplacePrefixVariable(text.Value, literal);
                }
            }
        }
    }

    private static string ReplacePrefixVariable(string value, string literal) =>
        value.Contains("_my_prefix", StringComparison.Ordinal) ? PrefixVariable().Replace(value, literal) : value;

    private void Report(XObject node, string file, string message, bool warning)
    {
        var (line, column) = node is IXmlLineInfo info && info.HasLineInfo() ? (info.LineNumber, info.LinePosition) : (0, 0);
        _diagnostics.Add(new ScxmlDiagnostic(IncludedFileOf(node) ?? file, line, column, message, warning));
    }

    private static string FullPathOf(string file)
    {
        try
        {
            return Path.GetFullPath(file);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return file;
        }
    }

    /// <summary>A bare id, <c>element(id)</c> or <c>xpointer(id('id'))</c>.</summary>
    [GeneratedRegex(@"^(?:(?<id>[A-Za-z_][\w.\-]*)|element\((?<id>[A-Za-z_][\w.\-]*)\)|xpointer\(id\(['""](?<id>[A-Za-z_][\w.\-]*)['""]\)\))$")]
    private static partial Regex ShorthandPointer();

    /// <summary><c>_my_prefix</c> read as a variable (not a member, not part of a longer name or a quoted word, not assigned).</summary>
    [GeneratedRegex(@"(?<![\w$.'""])_my_prefix(?![\w$'""])(?!\s*=(?!=))")]
    private static partial Regex PrefixVariable();

    /// <summary>Marks an element that came from another file (diagnostics name that file).</summary>
    private sealed record IncludedFrom(string File);

    /// <summary>Marks an element whose include file was missing: what it would have held is absent.</summary>
    private sealed class MissingInclude;
}
