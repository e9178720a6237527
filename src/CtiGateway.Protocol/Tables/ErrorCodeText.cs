// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>Canonical texts of the error codes (terrcode_to_string).</summary>
public static class ErrorCodeText
{
    /// <summary>Returns the canonical text of <paramref name="code"/>, or "Error N" for codes outside the table.</summary>
    public static string Get(int code) => code switch
    {
        40 => "No more licenses available",
        41 => "Client hadn't register DN",
        42 => "Resource is already seized",
        43 => "Object is already in requested state",
        50 => "Unrecognized error",
        51 => "Unsupported operation",
        52 => "Internal error",
        53 => "Invalid attribute value",
        54 => "No connection to the switch",
        55 => "Incorrect protocol version",
        56 => "Invalid ConnectionID",
        57 => "Timeout expired",
        58 => "Out of service",
        59 => "DN is not configured in CME",
        109 => "Link down",
        110 => "Request in progress",
        111 => "Too many requests",
        223 => "Bad parameter",
        231 => "DN busy",
        232 => "DN no answer",
        233 => "Call rejected",
        1700 => "Agent reservation attempt failed",
        1703 => "Soft agent: wrong id",
        1704 => "Soft agent: id in use",
        1705 => "Soft agent: password doesn't match",
        1706 => "Soft agent: already logged in",
        1707 => "Soft agent: not logged in",
        1710 => "CTI-less: call rejected",
        1711 => "CTI-less: call expired",
        1712 => "CTI-less: invalid call state",
        _ => "Error " + code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
