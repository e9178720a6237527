// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>T-Library error codes (EventError AttributeErrorCode 46), with the reference symbols.</summary>
public enum ErrorCode
{
    /// <summary>TERR_NOMORE_LICENSE (40).</summary>
    TERR_NOMORE_LICENSE = 40,
    /// <summary>TERR_NOT_REGISTERED (41).</summary>
    TERR_NOT_REGISTERED = 41,
    /// <summary>TERR_RESOURCE_SEIZED (42).</summary>
    TERR_RESOURCE_SEIZED = 42,
    /// <summary>TERR_IN_SAME_STATE (43).</summary>
    TERR_IN_SAME_STATE = 43,
    /// <summary>TERR_UNKNOWN_ERROR (50).</summary>
    TERR_UNKNOWN_ERROR = 50,
    /// <summary>TERR_UNSUP_OPER (51).</summary>
    TERR_UNSUP_OPER = 51,
    /// <summary>TERR_INTERNAL (52).</summary>
    TERR_INTERNAL = 52,
    /// <summary>TERR_INVALID_ATTR (53).</summary>
    TERR_INVALID_ATTR = 53,
    /// <summary>TERR_NO_SWITCH (54).</summary>
    TERR_NO_SWITCH = 54,
    /// <summary>TERR_PROTO_VERS (55).</summary>
    TERR_PROTO_VERS = 55,
    /// <summary>TERR_INV_CONNID (56).</summary>
    TERR_INV_CONNID = 56,
    /// <summary>TERR_TIMEOUT (57).</summary>
    TERR_TIMEOUT = 57,
    /// <summary>TERR_OUT_OF_SERVICE (58).</summary>
    TERR_OUT_OF_SERVICE = 58,
    /// <summary>TERR_NOT_CONFIGURED (59).</summary>
    TERR_NOT_CONFIGURED = 59,
    /// <summary>TERR_LINK_DOWN (109).</summary>
    TERR_LINK_DOWN = 109,
    /// <summary>TERR_REQ_IN_PROGRESS (110).</summary>
    TERR_REQ_IN_PROGRESS = 110,
    /// <summary>TERR_TOO_MANY_REQ (111).</summary>
    TERR_TOO_MANY_REQ = 111,
    /// <summary>TERR_BAD_PARAM (223).</summary>
    TERR_BAD_PARAM = 223,
    /// <summary>TERR_DN_BUSY (231).</summary>
    TERR_DN_BUSY = 231,
    /// <summary>TERR_DN_NO_ANSWER (232).</summary>
    TERR_DN_NO_ANSWER = 232,
    /// <summary>TERR_CALL_REJECTED (233).</summary>
    TERR_CALL_REJECTED = 233,
    /// <summary>TERR_AGENT_ALREADY_RESERVED (1700).</summary>
    TERR_AGENT_ALREADY_RESERVED = 1700,
    /// <summary>TERR_SOFT_AGENT_WRONG_ID (1703).</summary>
    TERR_SOFT_AGENT_WRONG_ID = 1703,
    /// <summary>TERR_SOFT_AGENT_ID_IN_USE (1704).</summary>
    TERR_SOFT_AGENT_ID_IN_USE = 1704,
    /// <summary>TERR_SOFT_AGENT_PSWD_DOESNT_MATCH (1705).</summary>
    TERR_SOFT_AGENT_PSWD_DOESNT_MATCH = 1705,
    /// <summary>TERR_SOFT_AGENT_ALREADY_LOGGED_IN (1706).</summary>
    TERR_SOFT_AGENT_ALREADY_LOGGED_IN = 1706,
    /// <summary>TERR_SOFT_AGENT_NOT_LOGGED_IN (1707).</summary>
    TERR_SOFT_AGENT_NOT_LOGGED_IN = 1707,
    /// <summary>TERR_CTL_CALL_REJECTED (1710).</summary>
    TERR_CTL_CALL_REJECTED = 1710,
    /// <summary>TERR_CTL_CALL_EXPIRED (1711).</summary>
    TERR_CTL_CALL_EXPIRED = 1711,
    /// <summary>TERR_CTL_INV_CALL_STATE (1712).</summary>
    TERR_CTL_INV_CALL_STATE = 1712,
}
