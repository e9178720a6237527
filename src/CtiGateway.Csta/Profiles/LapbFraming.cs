namespace CtiGateway.Pbx.Profiles;

/// <summary>
/// LAPB (ISO 7776) over an asynchronous line, modulo 8: addresses, T1 (retransmission), T3 (idle), N1 (max frame
/// octets), N2 (retries) and k (window).
/// </summary>
public sealed record LapbFraming(int AddressLocal, int AddressRemote, TimeSpan T1, TimeSpan T3, int N1, int N2, int K);
