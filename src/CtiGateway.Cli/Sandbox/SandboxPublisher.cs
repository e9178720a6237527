using CtiGateway.Server;

namespace CtiGateway.Cli.Sandbox;

/// <summary>
/// The T-Library server as the sandbox's switches see it: every event they publish is shown to the sandbox first
/// (<paramref name="observe"/>: the event and the DN it goes to), then published as usual.
/// </summary>
internal sealed class SandboxPublisher(ITlibPublisher inner, Action<TlibMessage, string?> observe) : ITlibPublisher
{
    public Func<string, KeyValueList?>? LinkDetails
    {
        get => inner.LinkDetails;
        set => inner.LinkDetails = value;
    }

    public ITlibRequestHandler? RequestHandler
    {
        get => inner.RequestHandler;
        set => inner.RequestHandler = value;
    }

    public long Publish(TlibMessage evt, string? dn)
    {
        observe(evt, dn);
        return inner.Publish(evt, dn);
    }

    public bool HasRegistrations(string dn) => inner.HasRegistrations(dn);

    public void SetLinkState(string switchName, bool connected, string? reason = null) => inner.SetLinkState(switchName, connected, reason);

    public void PublishHardwareError(TlibHardwareError error) => inner.PublishHardwareError(error);
}
