namespace CtiGateway.Switching;

/// <summary>
/// How a switch reaches another switch of the gateway over the PBX trunk (<c>Switches:N:AccessNumbers:M</c>): the
/// access code it dials in front of the other switch's DN (<c>Code</c> "8": DN 7778 of <c>Switch</c> is dialled 87778).
/// </summary>
public sealed class SwitchAccessNumber
{
    /// <summary>The other switch's name (<c>Switches:K:Name</c>).</summary>
    public string Switch { get; set; } = string.Empty;

    /// <summary>The access code: 1-16 of 0-9 * #, with an optional leading '+'.</summary>
    public string Code { get; set; } = string.Empty;
}
