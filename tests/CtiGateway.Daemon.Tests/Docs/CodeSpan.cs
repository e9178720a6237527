namespace CtiGateway.Daemon.Tests.Docs;

/// <summary>A name a page mentions: the text of a `code` span, or a dotted CamelCase word of a diagram.</summary>
/// <param name="Text">The text, without the backticks.</param>
/// <param name="Line">The 1-based line it is on.</param>
internal sealed record CodeSpan(string Text, int Line);
