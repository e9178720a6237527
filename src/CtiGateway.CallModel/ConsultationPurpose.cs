namespace CtiGateway.CallModel;

/// <summary>Why a station dials a consultation call: the request that started it (TInitiateTransfer or TInitiateConference).</summary>
public enum ConsultationPurpose
{
    /// <summary>TInitiateTransfer (or TMuteTransfer): the consultation's events carry TransferConnID.</summary>
    Transfer,

    /// <summary>TInitiateConference: the consultation's events carry ConferenceConnID.</summary>
    Conference,
}
