using CtiGateway.Scxml;

namespace CtiGateway.Orchestration;

/// <summary>A strategy document loaded and checked once, shared by every session that runs it.</summary>
/// <param name="Name">What listings show: the file name.</param>
/// <param name="File">The full path.</param>
/// <param name="Document">The prepared document.</param>
internal sealed record LoadedStrategy(string Name, string File, ScxmlDocument Document);
