// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TPartyState (AttributePartyState 124): generic, supplementary and routing states plus modifiers.</summary>
public enum PartyState
{
    /// <summary>Null (0).</summary>
    Null = 0,
    /// <summary>Initiated (1).</summary>
    Initiated = 1,
    /// <summary>Queued (9).</summary>
    Queued = 9,
    /// <summary>Alerting (10).</summary>
    Alerting = 10,
    /// <summary>Busy (11).</summary>
    Busy = 11,
    /// <summary>Connected (12).</summary>
    Connected = 12,
    /// <summary>CP_Detect (13).</summary>
    CP_Detect = 13,
    /// <summary>Held (14).</summary>
    Held = 14,
    /// <summary>Failed (15).</summary>
    Failed = 15,
    /// <summary>NoListen (16).</summary>
    NoListen = 16,
    /// <summary>NoTalk (32).</summary>
    NoTalk = 32,
    /// <summary>Bridged (64).</summary>
    Bridged = 64,
    /// <summary>Audit (128).</summary>
    Audit = 128,
    /// <summary>SvcObserving (160).</summary>
    SvcObserving = 160,
    /// <summary>TreatmentReq (256).</summary>
    TreatmentReq = 256,
    /// <summary>Treatment (512).</summary>
    Treatment = 512,
    /// <summary>Routing (2048).</summary>
    Routing = 2048,
    /// <summary>Dialing (65536).</summary>
    Dialing = 65536,
    /// <summary>Uncertain (131072).</summary>
    Uncertain = 131072,
    /// <summary>GenericMask (15).</summary>
    GenericMask = 15,
    /// <summary>SupplementaryMask (240).</summary>
    SupplementaryMask = 240,
    /// <summary>RoutingMask (3840).</summary>
    RoutingMask = 3840,
    /// <summary>ReportMask (65535).</summary>
    ReportMask = 65535,
}
