using System.Text.RegularExpressions;

namespace CtiGateway.Daemon.Tests.Docs;

/// <summary>Reads docs/architecture.md: its assembly table, its `code` spans and the names in its diagram.</summary>
internal static partial class ArchitectureDocument
{
    public const string RelativePath = "docs/architecture.md";

    private const string ProjectColumn = "assembly";
    private const string ReferenceColumn = "project references";
    private const string PackageColumn = "packages";

    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "architecture.md")));

    /// <summary>
    /// The rows of the table whose header has the columns "assembly", "project references" and "packages", in page
    /// order. Reference cells hold "none" or names separated by commas: a project's short name (<c>Server</c>) or
    /// full name, a package id.
    /// </summary>
    public static IReadOnlyList<AssemblyRow> AssemblyRows()
    {
        var lines = Lines.Value;
        var header = Array.FindIndex(lines, l => l.StartsWith('|') && Cells(l).Contains(ProjectColumn, StringComparer.OrdinalIgnoreCase));
        if (header < 0)
        {
            throw new FormatException($"{RelativePath} has no table with an '{ProjectColumn}' column.");
        }

        var columns = Cells(lines[header]).Select(c => c.ToLowerInvariant()).ToList();
        var project = columns.IndexOf(ProjectColumn);
        var references = columns.IndexOf(ReferenceColumn);
        var packages = columns.IndexOf(PackageColumn);
        if (references < 0 || packages < 0)
        {
            throw new FormatException($"{RelativePath}:{header + 1}: the assembly table needs the columns '{ReferenceColumn}' and '{PackageColumn}'.");
        }

        var rows = new List<AssemblyRow>();
        for (var i = header + 2; i < lines.Length && lines[i].StartsWith('|'); i++)
        {
            var cells = Cells(lines[i]);
            var name = CodeSpanText().Match(cells[project]);
            if (!name.Success)
            {
                throw new FormatException($"{RelativePath}:{i + 1}: the first cell names no assembly in backticks: '{cells[project]}'.");
            }

            rows.Add(new AssemblyRow(
                name.Groups[1].Value,
                Names(cells[references], i + 1).Select(r => r.StartsWith("CtiGateway", StringComparison.Ordinal) ? r : "CtiGateway." + r).ToHashSet(StringComparer.Ordinal),
                Names(cells[packages], i + 1).ToHashSet(StringComparer.Ordinal),
                i + 1));
        }

        return rows;
    }

    /// <summary>Every `code` span outside fenced blocks, with its line.</summary>
    public static IReadOnlyList<CodeSpan> CodeSpans()
    {
        var spans = new List<CodeSpan>();
        var fenced = false;
        for (var i = 0; i < Lines.Value.Length; i++)
        {
            var line = Lines.Value[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (!fenced)
            {
                spans.AddRange(CodeSpanText().Matches(line).Select(m => new CodeSpan(m.Groups[1].Value, i + 1)));
            }
        }

        return spans;
    }

    /// <summary>
    /// The code names of the fenced blocks (the diagram): words with at least two capitals and a lower-case letter,
    /// with their dotted parts (<c>ClientConnection</c>, <c>ITlibCodec.TryReadFrame</c>, <c>CtiGateway.Server</c>).
    /// </summary>
    public static IReadOnlyList<CodeSpan> DiagramNames()
    {
        var names = new List<CodeSpan>();
        var fenced = false;
        for (var i = 0; i < Lines.Value.Length; i++)
        {
            var line = Lines.Value[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (fenced)
            {
                names.AddRange(DottedWord().Matches(line)
                    .Where(m => m.Value.Count(char.IsUpper) >= 2 && m.Value.Any(char.IsLower))
                    .Select(m => new CodeSpan(m.Value, i + 1)));
            }
        }

        return names;
    }

    private static string[] Cells(string row) => [.. row.Trim().Trim('|').Split('|').Select(c => c.Trim())];

    private static IEnumerable<string> Names(string cell, int line)
    {
        if (cell.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var names = cell.Split(',').Select(n => n.Trim()).ToList();
        var bad = names.FirstOrDefault(n => !PlainName().IsMatch(n));
        return bad is null
            ? names
            : throw new FormatException($"{RelativePath}:{line}: '{bad}' is not a project or package name; reference cells hold 'none' or names separated by commas.");
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpanText();

    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9]*(?:\.[A-Z][A-Za-z0-9]*)*")]
    private static partial Regex DottedWord();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+$")]
    private static partial Regex PlainName();
}
