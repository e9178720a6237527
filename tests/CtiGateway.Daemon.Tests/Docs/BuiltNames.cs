using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CtiGateway.Daemon.Tests.Docs;

/// <summary>
/// The type and member names of the built <c>src/</c> assemblies, read from their metadata (no loading), and the type
/// names of the libraries they use (the other assemblies in their output folders, and the .NET framework).
/// </summary>
internal sealed class BuiltNames
{
    private readonly Dictionary<string, HashSet<string>> _types = new(StringComparer.Ordinal);
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private readonly HashSet<string> _namespaces = new(StringComparer.Ordinal);
    private readonly Lazy<HashSet<string>> _libraryTypes;

    private BuiltNames(IReadOnlyList<string> sourceAssemblies, IReadOnlyList<string> libraries)
    {
        foreach (var path in sourceAssemblies)
        {
            Read(path, members: true, _types);
        }

        _libraryTypes = new(() =>
        {
            var types = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var path in libraries)
            {
                Read(path, members: false, types);
            }

            return [.. types.Keys];
        });
    }

    /// <summary>Reads the built assembly of every project (all must be built: build the solution first).</summary>
    public static BuiltNames Of(IReadOnlyList<ProjectFile> projects)
    {
        var sources = new List<string>();
        var folders = new List<string>();
        foreach (var project in projects)
        {
            var bin = Path.Combine(project.Directory, "bin", RepoPaths.Configuration);
            var dll = Directory.Exists(bin)
                ? Directory.GetFiles(bin, project.AssemblyName + ".dll", SearchOption.AllDirectories).FirstOrDefault()
                : null;
            if (dll is null)
            {
                throw new FileNotFoundException($"{project.Name} is not built ({project.AssemblyName}.dll under {bin}); build the solution first.");
            }

            sources.Add(dll);
            folders.Add(Path.GetDirectoryName(dll)!);
        }

        // The shared framework only: the trusted list of a test process also holds the tests and their packages.
        var frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var framework = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkFolder, StringComparison.Ordinal));
        var libraries = folders.Distinct(StringComparer.Ordinal)
            .SelectMany(f => Directory.GetFiles(f, "*.dll"))
            .Concat(framework)
            .Except(sources, StringComparer.Ordinal)
            .ToList();
        return new BuiltNames(sources, libraries);
    }

    /// <summary>True when a src type of that name exists (generic arity ignored).</summary>
    public bool IsSourceType(string name) => _types.ContainsKey(name);

    /// <summary>True when a src type of that name declares a member (method, property, field, event, nested type) of that name.</summary>
    public bool HasMember(string type, string member) => _types.TryGetValue(type, out var members) && members.Contains(member);

    /// <summary>True when any src type declares a member of that name.</summary>
    public bool IsSourceMember(string name) => _members.Contains(name);

    /// <summary>True when the name is a namespace of the src assemblies, or the start of one (<c>CtiGateway</c>).</summary>
    public bool IsNamespace(string name) => _namespaces.Contains(name);

    /// <summary>True when a type of that name exists in a library the src assemblies use, or in .NET.</summary>
    public bool IsLibraryType(string name) => _libraryTypes.Value.Contains(name);

    private void Read(string path, bool members, Dictionary<string, HashSet<string>> types)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            return;
        }

        var md = pe.GetMetadataReader();
        if (!md.IsAssembly)
        {
            return;
        }

        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            var name = WithoutArity(md.GetString(type.Name));
            if (!types.TryGetValue(name, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                types[name] = set;
            }

            if (!members)
            {
                continue;
            }

            var ns = md.GetString(type.Namespace);
            for (var dot = ns.Length; dot > 0; dot = ns.LastIndexOf('.', dot - 1))
            {
                _namespaces.Add(ns[..dot]);
            }

            IEnumerable<string> names =
            [
                .. type.GetMethods().Select(h => md.GetString(md.GetMethodDefinition(h).Name)),
                .. type.GetProperties().Select(h => md.GetString(md.GetPropertyDefinition(h).Name)),
                .. type.GetFields().Select(h => md.GetString(md.GetFieldDefinition(h).Name)),
                .. type.GetEvents().Select(h => md.GetString(md.GetEventDefinition(h).Name)),
                .. type.GetNestedTypes().Select(h => WithoutArity(md.GetString(md.GetTypeDefinition(h).Name))),
            ];
            foreach (var member in names)
            {
                set.Add(member);
                _members.Add(member);
            }
        }
    }

    private static string WithoutArity(string name)
    {
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }
}
