using CtiGateway.Pbx.Bsc;
using CtiGateway.Pbx.Lapb;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Pbx.SerialLinks;

/// <summary>
/// The link-layer options of a serial firmware profile for each end of the line. LAPB: the profile's addresses are
/// the switch's view (<c>address-local</c> is the switch, <c>address-remote</c> the host), so the gateway swaps them;
/// N1 counts the whole frame (address, control, information and the two FCS octets, ISO 7776), so the information
/// field carries at most N1 - 4 octets. BSC: the switch is the primary station, the gateway the secondary.
/// </summary>
internal static class SerialFramingOptions
{
    /// <summary>Octets of an I frame that are not information: address, control and the two FCS octets.</summary>
    public const int LapbFrameOverhead = 4;

    /// <summary>The smallest usable N1: the overhead plus one information octet.</summary>
    public const int MinN1 = LapbFrameOverhead + 1;

    /// <summary>LAPB options of one end of the line.</summary>
    public static LapbOptions Lapb(LapbFraming framing, bool switchSide)
    {
        ArgumentNullException.ThrowIfNull(framing);
        if (framing.N1 < MinN1)
        {
            throw new ArgumentException($"LAPB N1 = {framing.N1} leaves no room for information (at least {MinN1} octets).", nameof(framing));
        }

        var switchAddress = (byte)framing.AddressLocal;
        var hostAddress = (byte)framing.AddressRemote;
        return new LapbOptions
        {
            LocalAddress = switchSide ? switchAddress : hostAddress,
            RemoteAddress = switchSide ? hostAddress : switchAddress,
            T1 = framing.T1,
            T3 = framing.T3,
            N2 = framing.N2,
            K = framing.K,
            MaxInformationLength = framing.N1 - LapbFrameOverhead,
        };
    }

    /// <summary>BSC options of one end of the line (the switch is primary).</summary>
    public static BscLinkOptions Bsc(BscFraming framing, bool switchSide)
    {
        ArgumentNullException.ThrowIfNull(framing);
        return new BscLinkOptions
        {
            IsPrimary = switchSide,
            ReplyTimeout = framing.SenderTimeout,
            ReceiveTimeout = framing.ReceiverTimeout,
            BidRetries = framing.StartRetries,
            EnqRetries = framing.QueryRetries,
            NakRetries = framing.NakRetries,
            MaxBlockSize = framing.MaxBlock,
        };
    }
}
