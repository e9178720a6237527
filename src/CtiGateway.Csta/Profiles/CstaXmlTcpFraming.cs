namespace CtiGateway.Pbx.Profiles;

/// <summary>CSTA-XML over TCP framing: the largest frame (total length incl. the 8-byte header) accepted.</summary>
public sealed record CstaXmlTcpFraming(int MaxFrame);
