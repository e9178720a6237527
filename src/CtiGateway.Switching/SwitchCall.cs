using CtiGateway.CallModel;

namespace CtiGateway.Switching;

/// <summary>A live call of a switch, as listed by <c>ctigw calls</c>.</summary>
/// <param name="Switch">The switch's name.</param>
/// <param name="Call">The call (a copy).</param>
public sealed record SwitchCall(string Switch, CallInfo Call);
