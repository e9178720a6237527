namespace CtiGateway.Pbx.Csta;

/// <summary>Namespace URIs seen on real CSTA-XML links (switch.md 1.1).</summary>
public static class CstaNamespaces
{
    /// <summary>ECMA-323 edition 3 (Avaya DMCC, Microsoft OCS/Lync RCC).</summary>
    public const string Ed3 = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";

    /// <summary>ECMA-323 edition 4 (OpenScape Voice).</summary>
    public const string Ed4 = "http://www.ecma-international.org/standards/ecma-323/csta/ed4";

    /// <summary>ECMA-354 application session services.</summary>
    public const string ApplicationSession = "http://www.ecma-international.org/standards/ecma-354/appl_session";

    /// <summary>Avaya's private CSTA extensions (DMCC GetDeviceId, acx:SessionLoginInfo).</summary>
    public const string AvayaPrivate = "http://www.avaya.com/csta";

    /// <summary>The namespace a flavour writes its requests in.</summary>
    public static string For(CstaDialectFlavour flavour) => flavour switch
    {
        CstaDialectFlavour.OsvEd4 => Ed4,
        CstaDialectFlavour.DmccEd3 => Ed3,
        _ => throw new ArgumentOutOfRangeException(nameof(flavour), flavour, "Unknown CSTA dialect flavour."),
    };
}
