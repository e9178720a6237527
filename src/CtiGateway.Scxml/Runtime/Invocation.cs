using CtiGateway.Scxml.Model;

namespace CtiGateway.Scxml.Runtime;

/// <summary>A running invoked child session and the invoke element that started it.</summary>
internal sealed record Invocation(InvokeNode Node, string InvokeId, ScxmlSession Child);
