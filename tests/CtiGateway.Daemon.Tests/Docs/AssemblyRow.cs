namespace CtiGateway.Daemon.Tests.Docs;

/// <summary>One row of the assembly table of docs/architecture.md.</summary>
/// <param name="Assembly">The project name in the first column (<c>CtiGateway.Server</c>).</param>
/// <param name="ProjectReferences">The "project references" column, as full project names.</param>
/// <param name="Packages">The "packages" column, as package ids.</param>
/// <param name="Line">The 1-based line of the row.</param>
internal sealed record AssemblyRow(string Assembly, IReadOnlySet<string> ProjectReferences, IReadOnlySet<string> Packages, int Line);
