using System.Globalization;

namespace CtiGateway.Protocol;

/// <summary>
/// The three ADDP options, with the documented semantics: addp-timeout (this side polls after that much silence and
/// declares the connection lost when the same interval passes again without an answer), addp-remote-timeout (handed
/// to the peer after connect), addp-trace. Timeouts are 0-3600 s; 0 means off.
/// </summary>
public sealed record AddpOptions
{
    /// <summary>ADDP_MAX_TIMEOUT_SEC.</summary>
    public const int MaxTimeoutSeconds = 3600;

    /// <summary>addp-timeout in seconds (0 = this side does not poll).</summary>
    public int TimeoutSeconds { get; init; }

    /// <summary>addp-remote-timeout in seconds (0 = the peer does not poll).</summary>
    public int RemoteTimeoutSeconds { get; init; }

    /// <summary>addp-trace.</summary>
    public AddpTrace Trace { get; init; }

    /// <summary>True when either side polls.</summary>
    public bool Enabled => TimeoutSeconds > 0 || RemoteTimeoutSeconds > 0;

    /// <summary>Checks the ranges; returns one message per problem.</summary>
    public IEnumerable<string> Validate(string path)
    {
        if (TimeoutSeconds is < 0 or > MaxTimeoutSeconds)
        {
            yield return $"{path}:TimeoutSeconds: {TimeoutSeconds} is out of range 0-3600 (addp-timeout, 0 = off)";
        }

        if (RemoteTimeoutSeconds is < 0 or > MaxTimeoutSeconds)
        {
            yield return $"{path}:RemoteTimeoutSeconds: {RemoteTimeoutSeconds} is out of range 0-3600 (addp-remote-timeout, 0 = off)";
        }
    }

    /// <summary>The hello this side sends after connect.</summary>
    public AddpHello ToHello() => new((ushort)TimeoutSeconds, (ushort)RemoteTimeoutSeconds, Trace);

    /// <summary>Parses an addp-trace value: off/false/no, local/on/true/yes, remote, full/both.</summary>
    public static bool TryParseTrace(string? text, out AddpTrace trace)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "off" or "false" or "no":
                trace = AddpTrace.Off;
                return true;
            case "local" or "on" or "true" or "yes":
                trace = AddpTrace.Local;
                return true;
            case "remote":
                trace = AddpTrace.Remote;
                return true;
            case "full" or "both":
                trace = AddpTrace.Full;
                return true;
            default:
                trace = AddpTrace.Off;
                return false;
        }
    }

    /// <summary>Parses a timeout in seconds, 0-3600.</summary>
    public static bool TryParseTimeout(string? text, out int seconds) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds) && seconds is >= 0 and <= MaxTimeoutSeconds;
}
