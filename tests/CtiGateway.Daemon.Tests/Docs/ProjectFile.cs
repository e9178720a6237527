using System.Xml.Linq;

namespace CtiGateway.Daemon.Tests.Docs;

/// <summary>One <c>src/*/*.csproj</c>: its name, assembly name and direct references.</summary>
internal sealed class ProjectFile
{
    private ProjectFile(string name, string directory, string assemblyName, IReadOnlySet<string> projectReferences, IReadOnlySet<string> packages)
    {
        Name = name;
        Directory = directory;
        AssemblyName = assemblyName;
        ProjectReferences = projectReferences;
        Packages = packages;
    }

    /// <summary>The project name, e.g. <c>CtiGateway.Server</c>.</summary>
    public string Name { get; }

    /// <summary>The project's folder.</summary>
    public string Directory { get; }

    /// <summary>The assembly it builds (<c>ctigatewayd</c> for the daemon).</summary>
    public string AssemblyName { get; }

    /// <summary>The names of the projects it references directly.</summary>
    public IReadOnlySet<string> ProjectReferences { get; }

    /// <summary>The ids of the packages it references directly.</summary>
    public IReadOnlySet<string> Packages { get; }

    /// <summary>Every project under <c>src/</c>, by name.</summary>
    public static IReadOnlyList<ProjectFile> All() =>
        [.. System.IO.Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(Read)];

    private static ProjectFile Read(string path)
    {
        var xml = XDocument.Load(path);
        var name = Path.GetFileNameWithoutExtension(path);
        var items = xml.Descendants().Where(e => e.Name.LocalName is "ProjectReference" or "PackageReference").ToList();
        var projects = items.Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(Include(e, path)))
            .ToHashSet(StringComparer.Ordinal);
        var packages = items.Where(e => e.Name.LocalName == "PackageReference")
            .Select(e => Include(e, path))
            .ToHashSet(StringComparer.Ordinal);
        var assemblyName = xml.Descendants().FirstOrDefault(e => e.Name.LocalName == "AssemblyName")?.Value.Trim() ?? name;
        return new ProjectFile(name, Path.GetDirectoryName(path)!, assemblyName, projects, packages);
    }

    private static string Include(XElement item, string path) =>
        item.Attribute("Include")?.Value.Replace('\\', '/')
        ?? throw new FormatException($"{path}: a {item.Name.LocalName} without Include.");
}
