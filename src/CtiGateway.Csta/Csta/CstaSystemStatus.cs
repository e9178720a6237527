namespace CtiGateway.Pbx.Csta;

/// <summary>A SystemStatus request from the switch (OSV sends one first on connect; answer SystemStatusResponse).</summary>
public sealed record CstaSystemStatus(string Element, string Namespace) : CstaMessage(Element, Namespace)
{
    /// <summary>The systemStatus value (normal, disabled, messagesLost, ...).</summary>
    public required string Status { get; init; }

    /// <summary>sysStatRegisterID, when sent.</summary>
    public string? SysStatRegisterId { get; init; }

    /// <summary>True for "messagesLost" and "disabled", which issue 3 turns into hardware errors.</summary>
    public bool IsHardwareError => Status is "messagesLost" or "disabled";
}
