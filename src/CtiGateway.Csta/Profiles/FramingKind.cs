namespace CtiGateway.Pbx.Profiles;

/// <summary>The framing layer: CSTA-XML's 8-byte header over TCP, LAPB over async serial, or NEAX-style BSC.</summary>
public enum FramingKind
{
    CstaXmlTcp,
    Lapb,
    Bsc,
}
