// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TTreatmentType (AttributeTreatmentType 83).</summary>
public enum TreatmentType
{
    /// <summary>Unknown (0).</summary>
    Unknown = 0,
    /// <summary>IVR (1).</summary>
    IVR = 1,
    /// <summary>Music (2).</summary>
    Music = 2,
    /// <summary>RingBack (3).</summary>
    RingBack = 3,
    /// <summary>Silence (4).</summary>
    Silence = 4,
    /// <summary>Busy (5).</summary>
    Busy = 5,
    /// <summary>CollectDigits (6).</summary>
    CollectDigits = 6,
    /// <summary>PlayAnnouncement (7).</summary>
    PlayAnnouncement = 7,
    /// <summary>PlayAnnouncementAndDigits (8).</summary>
    PlayAnnouncementAndDigits = 8,
    /// <summary>VerifyDigits (9).</summary>
    VerifyDigits = 9,
    /// <summary>RecordUserAnnouncement (10).</summary>
    RecordUserAnnouncement = 10,
    /// <summary>DeleteUserAnnouncement (11).</summary>
    DeleteUserAnnouncement = 11,
    /// <summary>CancelCall (12).</summary>
    CancelCall = 12,
    /// <summary>PlayApplication (13).</summary>
    PlayApplication = 13,
    /// <summary>SetDefaultRoute (14).</summary>
    SetDefaultRoute = 14,
    /// <summary>TextToSpeech (15).</summary>
    TextToSpeech = 15,
    /// <summary>TextToSpeechAndDigits (16).</summary>
    TextToSpeechAndDigits = 16,
    /// <summary>FastBusy (17).</summary>
    FastBusy = 17,
    /// <summary>RAN (18).</summary>
    RAN = 18,
}
