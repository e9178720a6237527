namespace CtiGateway.Orchestration;

/// <summary>
/// An agent chosen by a submit, held so that no other submit takes it meanwhile: until the call reaches the agent (its
/// calls go above <paramref name="CallsAtClaim"/>), the routing fails, or <paramref name="Until"/> passes.
/// </summary>
internal sealed record AgentClaim(string RequestId, string SessionId, DateTimeOffset Until, int CallsAtClaim);
