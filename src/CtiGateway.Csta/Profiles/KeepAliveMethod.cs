namespace CtiGateway.Pbx.Profiles;

/// <summary>The request used as keep-alive on an idle link.</summary>
public enum KeepAliveMethod
{
    SystemStatus,
    RequestSystemStatus,
    ResetApplicationSessionTimer,
}
