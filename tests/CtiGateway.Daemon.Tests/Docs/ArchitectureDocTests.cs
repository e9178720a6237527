using System.Text.RegularExpressions;

namespace CtiGateway.Daemon.Tests.Docs;

/// <summary>
/// Holds docs/architecture.md to the code: its assembly table to the ProjectReference and PackageReference items of
/// <c>src/*/*.csproj</c> (both ways), and every type, member, file and folder it names to what exists.
/// </summary>
public sealed partial class ArchitectureDocTests
{
    private static readonly Lazy<IReadOnlyList<ProjectFile>> Projects = new(ProjectFile.All);

    [Fact]
    public void TheAssemblyTableHasOneRowPerProject()
    {
        var rows = ArchitectureDocument.AssemblyRows();
        var projects = Projects.Value.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(projects);

        var twice = rows.GroupBy(r => r.Assembly, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = projects.Where(p => rows.All(r => r.Assembly != p)).ToList();
        var unknown = rows.Where(r => !projects.Contains(r.Assembly)).Select(r => $"{r.Assembly} (line {r.Line})").ToList();

        Assert.True(twice.Count == 0, $"{ArchitectureDocument.RelativePath}: listed twice: {string.Join(", ", twice)}.");
        Assert.True(missing.Count == 0, $"{ArchitectureDocument.RelativePath}: no row for the project(s) {string.Join(", ", missing)} of src/.");
        Assert.True(unknown.Count == 0, $"{ArchitectureDocument.RelativePath}: rows for projects that src/ does not have: {string.Join(", ", unknown)}.");
    }

    [Fact]
    public void TheAssemblyTableReferencesAreThoseOfTheProjectFiles()
    {
        var rows = ArchitectureDocument.AssemblyRows().ToDictionary(r => r.Assembly, StringComparer.Ordinal);
        var wrong = new List<string>();
        foreach (var project in Projects.Value)
        {
            if (!rows.TryGetValue(project.Name, out var row))
            {
                continue;
            }

            Compare(wrong, row, "project reference", project.ProjectReferences, row.ProjectReferences);
            Compare(wrong, row, "package", project.Packages, row.Packages);
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void EveryTypeMemberFileAndFolderNamedOnThePageExists()
    {
        var names = BuiltNames.Of(Projects.Value);
        var mentions = ArchitectureDocument.CodeSpans().Concat(ArchitectureDocument.DiagramNames()).ToList();
        var checkedCount = 0;
        var wrong = new List<string>();
        foreach (var mention in mentions)
        {
            var problem = Check(mention.Text, names, ref checkedCount);
            if (problem is not null)
            {
                wrong.Add($"{ArchitectureDocument.RelativePath}:{mention.Line}: `{mention.Text}` {problem}");
            }
        }

        Assert.True(checkedCount > 50, $"Only {checkedCount} names on {ArchitectureDocument.RelativePath} were checked: is the page read?");
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private static void Compare(List<string> wrong, AssemblyRow row, string what, IReadOnlySet<string> inProject, IReadOnlySet<string> inTable)
    {
        foreach (var name in inProject.Except(inTable).Order(StringComparer.Ordinal))
        {
            wrong.Add($"{ArchitectureDocument.RelativePath}:{row.Line}: {row.Assembly} has the {what} {name} in its .csproj, the table does not list it.");
        }

        foreach (var name in inTable.Except(inProject).Order(StringComparer.Ordinal))
        {
            wrong.Add($"{ArchitectureDocument.RelativePath}:{row.Line}: the table lists the {what} {name} for {row.Assembly}, its .csproj has no such reference.");
        }
    }

    // Null when the mention exists or is not a code name (commands, config keys, prose); else what is wrong.
    private static string? Check(string text, BuiltNames names, ref int checkedCount)
    {
        if (IsProject(text))
        {
            checkedCount++;
            return null;
        }

        if (PathLike().IsMatch(text))
        {
            checkedCount++;
            return PathExists(text) ? null : "is neither a path below the repository root nor a file or folder under src/.";
        }

        var m = CodeName().Match(text);
        if (!m.Success || !m.Groups["type"].Value.Any(char.IsLower))
        {
            return null;
        }

        checkedCount++;
        var type = m.Groups["type"].Value;
        if (m.Groups["member"].Success)
        {
            var member = m.Groups["member"].Value;
            if (names.IsSourceType(type))
            {
                return names.HasMember(type, member) ? null : $"names {member}, which {type} does not declare.";
            }

            return names.IsLibraryType(type) || names.IsNamespace(text) ? null : $"names no type {type} in src/ or in a library it uses.";
        }

        return names.IsSourceType(type) || names.IsSourceMember(type) || names.IsLibraryType(type) || names.IsNamespace(type)
            ? null
            : "is no type, member or namespace of src/ and no type of a library it uses.";
    }

    // A project name, full (CtiGateway.Server) or short (Transport.Serial).
    private static bool IsProject(string text) =>
        Projects.Value.Any(p => p.Name == text || p.Name == "CtiGateway." + text);

    private static bool PathExists(string text)
    {
        var relative = text.TrimEnd('/');
        if (File.Exists(Path.Combine(RepoPaths.Root, relative)) || Directory.Exists(Path.Combine(RepoPaths.Root, relative)))
        {
            return true;
        }

        var src = Path.Combine(RepoPaths.Root, "src");
        var suffix = "/" + relative;
        return Directory.EnumerateFileSystemEntries(src, "*", SearchOption.AllDirectories)
            .Select(e => e.Replace(Path.DirectorySeparatorChar, '/'))
            .Where(e => !e.Contains("/bin/", StringComparison.Ordinal) && !e.Contains("/obj/", StringComparison.Ordinal))
            .Any(e => e.EndsWith(suffix, StringComparison.Ordinal) || e.EndsWith(suffix + ".cs", StringComparison.Ordinal));
    }

    // Paths: a slash and no spaces (src/Shared/LoopProbe.cs, Csta/CstaFrameReader, Lapb/), or a file name with an extension.
    [GeneratedRegex(@"^(?:[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]*|[A-Za-z0-9_.-]+\.(?:cs|md|json|lua|csproj|props|targets|sh|service))$")]
    private static partial Regex PathLike();

    // Type, Type<T>, Type.Member, Member(args): a name that starts with a capital letter.
    [GeneratedRegex(@"^(?<type>[A-Z][A-Za-z0-9_]*)(?:<[^>]+>)?(?:\.(?<member>[A-Z][A-Za-z0-9_]*))?(?:\([^)]*\))?$")]
    private static partial Regex CodeName();
}
