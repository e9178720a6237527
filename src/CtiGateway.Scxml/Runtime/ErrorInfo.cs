namespace CtiGateway.Scxml.Runtime;

/// <summary>The data of an error event: what went wrong and where.</summary>
internal sealed record ErrorInfo(string Message, int Line, int Column);
