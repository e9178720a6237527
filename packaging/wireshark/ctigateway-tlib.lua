-- CtiGateway T-Library wire format (docs/wire-format.md), Wireshark dissector.
--
-- Usage:
--   tshark -X lua_script:packaging/wireshark/ctigateway-tlib.lua -r capture.pcapng -Y ctigw
--   tshark -X lua_script:packaging/wireshark/ctigateway-tlib.lua -r capture.pcapng -d tcp.port==3001,ctigw \
--          -T fields -e ctigw.msg.name -e ctigw.attr.name -e ctigw.attr.value
-- or copy this file to ~/.local/lib/wireshark/plugins/.
--
-- It registers on TCP port 3000 (preference ctigw.tcp_port) and as a heuristic TCP dissector that recognises the
-- frame header "TL" 0x01 <kind 1-4>. Frames are reassembled across TCP segments, and one segment may carry several
-- frames. The name tables below are generated from the C# enums in src/CtiGateway.Protocol/Tables; the test
-- tests/CtiGateway.Protocol.Tests/Wireshark/LuaTablesTests.cs fails when they drift apart.

-- BEGIN GENERATED TABLES (from src/CtiGateway.Protocol/Tables; tests/CtiGateway.Protocol.Tests/Wireshark checks they match)
local MESSAGE_NAMES = {
    [0] = "RequestRegisterClient",
    [1] = "RequestQueryServer",
    [2] = "RequestQueryAddress",
    [3] = "RequestRegisterAddress",
    [4] = "RequestUnregisterAddress",
    [5] = "RequestRegisterAll",
    [6] = "RequestUnregisterAll",
    [7] = "RequestSetInputMask",
    [8] = "RequestAgentLogin",
    [9] = "RequestAgentLogout",
    [10] = "RequestAgentReady",
    [11] = "RequestAgentNotReady",
    [12] = "RequestSetDNDOn",
    [13] = "RequestSetDNDOff",
    [14] = "RequestMakeCall",
    [15] = "RequestMakePredictiveCall",
    [16] = "RequestAnswerCall",
    [17] = "RequestReleaseCall",
    [18] = "RequestHoldCall",
    [19] = "RequestRetrieveCall",
    [20] = "RequestInitiateConference",
    [21] = "RequestCompleteConference",
    [22] = "RequestDeleteFromConference",
    [23] = "RequestInitiateTransfer",
    [24] = "RequestMuteTransfer",
    [25] = "RequestSingleStepTransfer",
    [26] = "RequestCompleteTransfer",
    [27] = "RequestMergeCalls",
    [28] = "RequestAlternateCall",
    [29] = "RequestReconnectCall",
    [30] = "RequestAttachUserData",
    [31] = "RequestUpdateUserData",
    [32] = "RequestDeleteUserData",
    [33] = "RequestDeletePair",
    [34] = "RequestCallForwardSet",
    [35] = "RequestCallForwardCancel",
    [36] = "RequestRouteCall",
    [37] = "RequestGiveMusicTreatment",
    [38] = "RequestGiveSilenceTreatment",
    [39] = "RequestGiveRingBackTreatment",
    [40] = "RequestLoginMailBox",
    [41] = "RequestLogoutMailBox",
    [42] = "RequestOpenVoiceFile",
    [43] = "RequestCloseVoiceFile",
    [44] = "RequestPlayVoiceFile",
    [45] = "RequestCollectDigits",
    [46] = "RequestSetMessageWaitingOn",
    [47] = "RequestSetMessageWaitingOff",
    [48] = "RequestDistributeUserEvent",
    [49] = "RequestDistributeEvent",
    [50] = "EventServerConnected",
    [51] = "EventServerDisconnected",
    [52] = "EventError",
    [53] = "EventRegistered",
    [54] = "EventUnregistered",
    [55] = "EventRegisteredAll",
    [56] = "EventUnregisteredAll",
    [57] = "EventQueued",
    [58] = "EventDiverted",
    [59] = "EventAbandoned",
    [60] = "EventRinging",
    [61] = "EventDialing",
    [62] = "EventNetworkReached",
    [63] = "EventDestinationBusy",
    [64] = "EventEstablished",
    [65] = "EventReleased",
    [66] = "EventHeld",
    [67] = "EventRetrieved",
    [68] = "EventPartyChanged",
    [69] = "EventPartyAdded",
    [70] = "EventPartyDeleted",
    [71] = "EventRouteRequest",
    [72] = "EventRouteUsed",
    [73] = "EventAgentLogin",
    [74] = "EventAgentLogout",
    [75] = "EventAgentReady",
    [76] = "EventAgentNotReady",
    [77] = "EventDNDOn",
    [78] = "EventDNDOff",
    [79] = "EventMailBoxLogin",
    [80] = "EventMailBoxLogout",
    [81] = "EventVoiceFileOpened",
    [82] = "EventVoiceFileClosed",
    [83] = "EventVoiceFileEndPlay",
    [84] = "EventDigitsCollected",
    [85] = "EventAttachedDataChanged",
    [86] = "EventOffHook",
    [87] = "EventOnHook",
    [88] = "EventForwardSet",
    [89] = "EventForwardCancel",
    [90] = "EventMessageWaitingOn",
    [91] = "EventMessageWaitingOff",
    [92] = "EventAddressInfo",
    [93] = "EventServerInfo",
    [94] = "EventLinkDisconnected",
    [95] = "EventLinkConnected",
    [96] = "EventUserEvent",
    [97] = "RequestSendDTMF",
    [98] = "EventDTMFSent",
    [99] = "EventResourceAllocated",
    [100] = "EventResourceFreed",
    [101] = "EventRemoteConnectionSuccess",
    [102] = "EventRemoteConnectionFailed",
    [103] = "RequestRedirectCall",
    [104] = "RequestListenDisconnect",
    [105] = "RequestListenReconnect",
    [106] = "EventListenDisconnected",
    [107] = "EventListenReconnected",
    [108] = "RequestQueryCall",
    [109] = "EventPartyInfo",
    [110] = "RequestClearCall",
    [111] = "RequestSetCallInfo",
    [112] = "EventCallInfoChanged",
    [113] = "RequestApplyTreatment",
    [114] = "EventTreatmentApplied",
    [115] = "EventTreatmentNotApplied",
    [116] = "EventTreatmentEnd",
    [117] = "EventHardwareError",
    [118] = "EventAgentAfterCallWork",
    [119] = "EventTreatmentRequired",
    [120] = "RequestSingleStepConference",
    [121] = "RequestQuerySwitch",
    [122] = "EventSwitchInfo",
    [123] = "RequestGetAccessNumber",
    [124] = "RequestCancelReqGetAccessNumber",
    [125] = "EventAnswerAccessNumber",
    [126] = "EventReqGetAccessNumberCanceled",
    [127] = "RequestReserveAgent",
    [128] = "EventAgentReserved",
    [129] = "RequestReserveAgentAndGetAccessNumber",
    [130] = "RequestAgentSetIdleReason",
    [131] = "EventAgentIdleReasonSet",
    [132] = "EventRestoreConnection",
    [133] = "EventPrimaryChanged",
    [134] = "RequestLostBackupConnection",
    [135] = "RequestSetDNInfo",
    [136] = "RequestQueryLocation",
    [137] = "EventLocationInfo",
    [138] = "EventACK",
    [139] = "RequestMonitorNextCall",
    [140] = "RequestCancelMonitoring",
    [141] = "EventMonitoringNextCall",
    [142] = "EventMonitoringCancelled",
    [143] = "RequestSetMuteOn",
    [144] = "RequestSetMuteOff",
    [145] = "EventMuteOn",
    [146] = "EventMuteOff",
    [147] = "EventDNOutOfService",
    [148] = "EventDNBackInService",
    [149] = "RequestPrivateService",
    [150] = "EventPrivateInfo",
    [151] = "EventBridged",
    [152] = "EventQueueLogout",
    [153] = "EventReserved_1",
    [154] = "EventReserved_2",
    [155] = "EventReserved_3",
    [156] = "EventReserved_4",
    [157] = "EventReserved_5",
    [158] = "EventReserved_6",
    [159] = "EventReserved_7",
    [160] = "EventCallCreated",
    [161] = "EventCallDataChanged",
    [162] = "EventCallDeleted",
    [163] = "EventCallPartyAdded",
    [164] = "EventCallPartyState",
    [165] = "EventCallPartyMoved",
    [166] = "EventCallPartyDeleted",
    [167] = "RequestStartCallMonitoring",
    [168] = "RequestStopCallMonitoring",
    [169] = "RequestSendReturnReceipt",
    [170] = "EventReturnReceipt",
    [171] = "RequestNetworkConsult",
    [172] = "RequestNetworkAlternate",
    [173] = "RequestNetworkTransfer",
    [174] = "RequestNetworkMerge",
    [175] = "RequestNetworkReconnect",
    [176] = "RequestNetworkSingleStepTransfer",
    [177] = "RequestNetworkPrivateService",
    [178] = "EventNetworkCallStatus",
    [179] = "EventNetworkPrivateInfo",
    [180] = "RequestTransactionMonitoring",
    [181] = "EventTransactionStatus",
    [182] = "EventResourceInfo",
}

local ATTRIBUTE_NAMES = {
    [0] = "ProtocolVersion",
    [1] = "ErrorMessage",
    [2] = "ReferenceID",
    [3] = "CallID",
    [4] = "NodeID",
    [5] = "NetworkCallID",
    [6] = "NetworkNodeID",
    [7] = "TransferredNetworkCallID",
    [8] = "TransferredNetworkNodeID",
    [9] = "ConnID",
    [10] = "PreviousConnID",
    [11] = "TransferConnID",
    [12] = "ConferenceConnID",
    [13] = "CallState",
    [14] = "AgentID",
    [15] = "AgentStateReasonUnused",
    [16] = "AgentWorkMode",
    [17] = "Reasons",
    [18] = "DNIS",
    [19] = "ANI",
    [20] = "ThisDN",
    [21] = "ThisQueue",
    [22] = "ThisTrunk",
    [23] = "ThisDNRole",
    [24] = "OtherDN",
    [25] = "OtherQueue",
    [26] = "OtherTrunk",
    [27] = "OtherDNRole",
    [28] = "ThirdPartyDN",
    [29] = "ThirdPartyQueue",
    [30] = "ThirdPartyTrunk",
    [31] = "ThirdPartyDNRole",
    [32] = "MusicPath",
    [33] = "VoiceFileName",
    [34] = "FileHandle",
    [35] = "UserID",
    [36] = "Password",
    [37] = "VoiceSegment",
    [38] = "VoiceIFlag",
    [39] = "VoiceCFlag",
    [40] = "NumberOfDigits",
    [41] = "TerminateDigits",
    [42] = "Timeout",
    [43] = "CollectedDigits",
    [44] = "LastDigit",
    [45] = "InputMask",
    [46] = "ErrorCode",
    [47] = "AddressType",
    [48] = "AddressMode",
    [49] = "RegisterMode",
    [50] = "ControlMode",
    [51] = "UserData",
    [52] = "DataKey",
    [53] = "Extensions",
    [54] = "CallType",
    [55] = "CallingLineName",
    [56] = "AddressInfoType",
    [57] = "AddressInfoStatus",
    [58] = "UserEvent",
    [59] = "CommunicationDN",
    [60] = "RouteType",
    [61] = "ServerVersion",
    [62] = "ServerRole",
    [63] = "ServerCapabilityMask",
    [64] = "ApplicationName",
    [65] = "ApplicationPassword",
    [66] = "MergeType",
    [67] = "ForwardMode",
    [68] = "DTMFDigits",
    [69] = "Location",
    [70] = "RemoteLocation",
    [71] = "RemoteConnID",
    [72] = "RemoteDN",
    [73] = "MakeCallType",
    [74] = "CallInfoType",
    [75] = "HomeLocation",
    [76] = "CustomerID",
    [77] = "FirstTransferHomeLocation",
    [78] = "FirstTransferOrigDN",
    [79] = "LastTransferHomeLocation",
    [80] = "LastTransferOrigDN",
    [81] = "SetOperation",
    [82] = "NewConnID",
    [83] = "TreatmentType",
    [84] = "TreatmentParms",
    [85] = "CLID",
    [86] = "TimeinSecs",
    [87] = "TimeinuSecs",
    [88] = "SwitchInfoType",
    [89] = "XRouteType",
    [90] = "AccessNumber",
    [91] = "XReferenceID",
    [92] = "Place",
    [93] = "Priority",
    [94] = "AgentIdleReason",
    [95] = "RegistrationCode",
    [96] = "DNSyncInfo",
    [97] = "MediaType",
    [98] = "LocationInfoType",
    [99] = "OriginalConnID",
    [100] = "ConsultType",
    [101] = "MonitorNextCallType",
    [102] = "ClientID",
    [103] = "ProtocolID",
    [104] = "PreviousCallID",
    [105] = "PrivateMsgID",
    [106] = "FirstTransferConnID",
    [107] = "LastTransferConnID",
    [108] = "SessionID",
    [109] = "Host",
    [110] = "Port",
    [111] = "DBID",
    [112] = "OtherDBID",
    [113] = "ThirdPartyDBID",
    [114] = "Cause",
    [115] = "DN",
    [116] = "DialedNumber",
    [117] = "OriginConnID",
    [118] = "RefConnID",
    [119] = "Reliability",
    [120] = "TimeStamp",
    [121] = "SwitchTime",
    [122] = "PartyID",
    [123] = "PartyType",
    [124] = "PartyState",
    [125] = "RefParty",
    [126] = "CtrlParty",
    [127] = "RemoteLoc",
    [128] = "RemoteParty",
    [129] = "Device",
    [130] = "Reserved_1",
    [131] = "Reserved_2",
    [132] = "UpdateRevision",
    [133] = "ReturnReceipt",
    [134] = "ReturnReceiptDN",
    [135] = "ServerXCapabilities",
    [136] = "NetworkCallState",
    [137] = "NetworkDestState",
    [138] = "NetworkPartyRole",
    [139] = "NetworkOrigDN",
    [140] = "NetworkDestDN",
    [141] = "CallUUID",
    [142] = "NewCallUUID",
    [143] = "OrigCallUUID",
    [144] = "RefCallUUID",
    [145] = "PartyUUID",
    [146] = "ISLinkList",
    [147] = "ServerStartTime",
    [148] = "EventSequenceNumber",
}

local ATTRIBUTE_TYPES = {
    [0] = 0,
    [1] = 0,
    [2] = 1,
    [3] = 6,
    [4] = 1,
    [5] = 6,
    [6] = 1,
    [7] = 6,
    [8] = 1,
    [9] = 6,
    [10] = 6,
    [11] = 6,
    [12] = 6,
    [13] = 1,
    [14] = 0,
    [15] = 1,
    [16] = 1,
    [17] = 3,
    [18] = 0,
    [19] = 0,
    [20] = 0,
    [21] = 0,
    [22] = 0,
    [23] = 1,
    [24] = 0,
    [25] = 0,
    [26] = 0,
    [27] = 1,
    [28] = 0,
    [29] = 0,
    [30] = 0,
    [31] = 1,
    [32] = 0,
    [33] = 0,
    [34] = 1,
    [35] = 0,
    [36] = 0,
    [37] = 0,
    [38] = 1,
    [39] = 1,
    [40] = 1,
    [41] = 0,
    [42] = 1,
    [43] = 0,
    [44] = 0,
    [45] = 7,
    [46] = 1,
    [47] = 1,
    [48] = 1,
    [49] = 1,
    [50] = 1,
    [51] = 3,
    [52] = 0,
    [53] = 3,
    [54] = 1,
    [55] = 0,
    [56] = 1,
    [57] = 1,
    [58] = 1,
    [59] = 0,
    [60] = 1,
    [61] = 0,
    [62] = 1,
    [63] = 7,
    [64] = 0,
    [65] = 0,
    [66] = 1,
    [67] = 1,
    [68] = 0,
    [69] = 0,
    [70] = 0,
    [71] = 6,
    [72] = 0,
    [73] = 1,
    [74] = 1,
    [75] = 0,
    [76] = 0,
    [77] = 0,
    [78] = 0,
    [79] = 0,
    [80] = 0,
    [81] = 1,
    [82] = 6,
    [83] = 1,
    [84] = 3,
    [85] = 0,
    [86] = 1,
    [87] = 1,
    [88] = 1,
    [89] = 1,
    [90] = 0,
    [91] = 1,
    [92] = 0,
    [93] = 1,
    [94] = 0,
    [95] = 1,
    [96] = 3,
    [97] = 1,
    [98] = 1,
    [99] = 6,
    [100] = 1,
    [101] = 1,
    [102] = 1,
    [103] = 1,
    [104] = 6,
    [105] = 1,
    [106] = 6,
    [107] = 6,
    [108] = 0,
    [109] = 0,
    [110] = 1,
    [111] = 1,
    [112] = 1,
    [113] = 1,
    [114] = 1,
    [115] = 0,
    [116] = 0,
    [117] = 6,
    [118] = 6,
    [119] = 1,
    [120] = 8,
    [121] = 8,
    [122] = 0,
    [123] = 1,
    [124] = 1,
    [125] = 0,
    [126] = 0,
    [127] = 0,
    [128] = 0,
    [129] = 0,
    [130] = 2,
    [131] = 2,
    [132] = 1,
    [133] = 1,
    [134] = 0,
    [135] = 3,
    [136] = 1,
    [137] = 1,
    [138] = 1,
    [139] = 0,
    [140] = 0,
    [141] = 0,
    [142] = 0,
    [143] = 0,
    [144] = 0,
    [145] = 0,
    [146] = 3,
    [147] = 8,
    [148] = 6,
}

local ENUMS = {
    AddressInfoType = {
        [0] = "AddressStatus",
        [1] = "MessageWaitingStatus",
        [2] = "AssociationStatus",
        [3] = "CallForwardingStatus",
        [4] = "AgentStatus",
        [5] = "NumberOfAgentsInQueue",
        [6] = "NumberOfAvailableAgentsInQueue",
        [7] = "NumberOfCallsInQueue",
        [8] = "AddressType",
        [9] = "CallsQuery",
        [10] = "SendAllCallsStatus",
        [11] = "QueueLoginAudit",
        [12] = "NumberOfIdleClassifiers",
        [13] = "NumberOfClassifiersInUse",
        [14] = "NumberOfIdleTrunks",
        [15] = "NumberOfTrunksInUse",
        [16] = "DatabaseValue",
        [17] = "DNStatus",
        [18] = "QueueStatus",
    },
    AddressType = {
        [0] = "Unknown",
        [1] = "DN",
        [2] = "Position",
        [3] = "Queue",
        [4] = "RouteDN",
        [5] = "Trunk",
        [6] = "VoiceChannel",
        [7] = "DataChannel",
        [8] = "Announcement",
        [9] = "ASAI",
        [10] = "ACDGroup",
        [11] = "VSP",
        [12] = "RouteQueue",
        [13] = "AgentID",
        [99] = "Other",
    },
    AgentWorkMode = {
        [0] = "Unknown",
        [1] = "ManualIn",
        [2] = "AutoIn",
        [3] = "AfterCallWork",
        [4] = "AuxWork",
        [5] = "NoCallDisconnect",
        [6] = "WalkAway",
        [7] = "ReturnBack",
    },
    CallInfoType = {
        [0] = "PartiesQuery",
        [1] = "StatusQuery",
    },
    CallState = {
        [0] = "Ok",
        [1] = "Transferred",
        [2] = "Conferenced",
        [3] = "GeneralError",
        [4] = "SystemError",
        [5] = "RemoteRelease",
        [6] = "Busy",
        [7] = "NoAnswer",
        [8] = "SitDetected",
        [9] = "AnsweringMachineDetected",
        [10] = "AllTrunksBusy",
        [11] = "SitInvalidnum",
        [12] = "SitVacant",
        [13] = "SitIntercept",
        [14] = "SitUnknown",
        [15] = "SitNocircuit",
        [16] = "SitReorder",
        [17] = "FaxDetected",
        [18] = "QueueFull",
        [19] = "Cleared",
        [20] = "Overflowed",
        [21] = "Abandoned",
        [22] = "Redirected",
        [23] = "Forwarded",
        [24] = "Consult",
        [25] = "Pickedup",
        [26] = "Dropped",
        [27] = "Droppednoanswer",
        [28] = "Unknown",
        [29] = "Covered",
        [30] = "ConverseOn",
        [31] = "Bridged",
        [49] = "Deafened",
        [50] = "Held",
    },
    CallType = {
        [0] = "Unknown",
        [1] = "Internal",
        [2] = "Inbound",
        [3] = "Outbound",
        [4] = "Consult",
    },
    ControlMode = {
        [0] = "RegisterDefault",
        [1] = "RegisterForce",
        [2] = "RegisterLocal",
    },
    DNRole = {
        [0] = "Unknown",
        [1] = "Origination",
        [2] = "Destination",
        [3] = "ConferenceMember",
        [4] = "NewParty",
        [5] = "AddedBy",
        [6] = "DeletedBy",
        [7] = "TransferredBy",
        [8] = "DeletedParty",
        [9] = "ConferencedBy",
        [10] = "Observer",
    },
    ErrorCode = {
        [40] = "TERR_NOMORE_LICENSE",
        [41] = "TERR_NOT_REGISTERED",
        [42] = "TERR_RESOURCE_SEIZED",
        [43] = "TERR_IN_SAME_STATE",
        [50] = "TERR_UNKNOWN_ERROR",
        [51] = "TERR_UNSUP_OPER",
        [52] = "TERR_INTERNAL",
        [53] = "TERR_INVALID_ATTR",
        [54] = "TERR_NO_SWITCH",
        [55] = "TERR_PROTO_VERS",
        [56] = "TERR_INV_CONNID",
        [57] = "TERR_TIMEOUT",
        [58] = "TERR_OUT_OF_SERVICE",
        [59] = "TERR_NOT_CONFIGURED",
        [109] = "TERR_LINK_DOWN",
        [110] = "TERR_REQ_IN_PROGRESS",
        [111] = "TERR_TOO_MANY_REQ",
        [223] = "TERR_BAD_PARAM",
        [231] = "TERR_DN_BUSY",
        [232] = "TERR_DN_NO_ANSWER",
        [233] = "TERR_CALL_REJECTED",
        [1700] = "TERR_AGENT_ALREADY_RESERVED",
        [1703] = "TERR_SOFT_AGENT_WRONG_ID",
        [1704] = "TERR_SOFT_AGENT_ID_IN_USE",
        [1705] = "TERR_SOFT_AGENT_PSWD_DOESNT_MATCH",
        [1706] = "TERR_SOFT_AGENT_ALREADY_LOGGED_IN",
        [1707] = "TERR_SOFT_AGENT_NOT_LOGGED_IN",
        [1710] = "TERR_CTL_CALL_REJECTED",
        [1711] = "TERR_CTL_CALL_EXPIRED",
        [1712] = "TERR_CTL_INV_CALL_STATE",
    },
    ForwardMode = {
        [0] = "None",
        [1] = "Unconditional",
        [2] = "OnBusy",
        [3] = "OnNoAnswer",
        [4] = "OnBusyAndNoAnswer",
        [5] = "SendAllCalls",
    },
    LocationInfoType = {
        [0] = "AllLocations",
        [1] = "LocationData",
        [2] = "MonitorLocation",
        [3] = "CancelMonitorLocation",
        [4] = "MonitorAllLocations",
        [5] = "CancelMonitorAllLocations",
        [6] = "LocationMonitorCanceled",
        [7] = "AllLocationsMonitorCanceled",
    },
    MakeCallType = {
        [0] = "Regular",
        [1] = "DirectAgent",
        [2] = "SupervisorAssist",
        [3] = "Priority",
        [4] = "DirectPriority",
    },
    MediaType = {
        [0] = "Voice",
        [1] = "VoIP",
        [2] = "EMail",
        [3] = "VMail",
        [4] = "SMail",
        [5] = "Chat",
        [6] = "Video",
        [7] = "Cobrowsing",
        [8] = "Whiteboard",
        [9] = "AppSharing",
        [10] = "WebForm",
        [11] = "WorkItem",
        [100] = "Custom",
    },
    MergeType = {
        [0] = "ForTransfer",
        [1] = "ForConference",
    },
    MessageType = MESSAGE_NAMES,
    MonitorNextCallType = {
        [0] = "MonitorOneCall",
        [1] = "MonitorAllCalls",
    },
    NetworkCallState = {
        [0] = "Unknown",
        [1] = "Consulting",
        [2] = "ConsultHeld",
        [3] = "Transferred",
        [4] = "Conferenced",
        [5] = "Reconnected",
        [6] = "Disconnected",
        [7] = "Null",
    },
    NetworkDestState = {
        [0] = "Unknown",
        [1] = "Routing",
        [2] = "Delivering",
        [3] = "NoParty",
        [4] = "Ok",
    },
    NetworkPartyRole = {
        [0] = "Unknown",
        [1] = "OrigParty",
        [2] = "DestParty",
    },
    PartyState = {
        [0] = "Null",
        [1] = "Initiated",
        [9] = "Queued",
        [10] = "Alerting",
        [11] = "Busy",
        [12] = "Connected",
        [13] = "CP_Detect",
        [14] = "Held",
        [15] = "Failed",
        [16] = "NoListen",
        [32] = "NoTalk",
        [64] = "Bridged",
        [128] = "Audit",
        [160] = "SvcObserving",
        [240] = "SupplementaryMask",
        [256] = "TreatmentReq",
        [512] = "Treatment",
        [2048] = "Routing",
        [3840] = "RoutingMask",
        [65535] = "ReportMask",
        [65536] = "Dialing",
        [131072] = "Uncertain",
    },
    RegisterMode = {
        [0] = "ModeShare",
        [1] = "ModePrivate",
        [2] = "ModeMonitor",
    },
    RouteType = {
        [0] = "Unknown",
        [1] = "Default",
        [2] = "Label",
        [3] = "OverwriteDNIS",
        [4] = "DDD",
        [5] = "IDDD",
        [6] = "Direct",
        [7] = "Reject",
        [8] = "Announcement",
        [9] = "PostFeature",
        [10] = "DirectAgent",
        [11] = "Priority",
        [12] = "DirectPriority",
        [13] = "AgentID",
        [14] = "CallDisconnect",
    },
    ServerRole = {
        [0] = "Primary",
        [1] = "Backup",
    },
    SwitchInfoType = {
        [0] = "Unused",
        [1] = "DateTime",
        [2] = "ClassifierStat",
    },
    TreatmentType = {
        [0] = "Unknown",
        [1] = "IVR",
        [2] = "Music",
        [3] = "RingBack",
        [4] = "Silence",
        [5] = "Busy",
        [6] = "CollectDigits",
        [7] = "PlayAnnouncement",
        [8] = "PlayAnnouncementAndDigits",
        [9] = "VerifyDigits",
        [10] = "RecordUserAnnouncement",
        [11] = "DeleteUserAnnouncement",
        [12] = "CancelCall",
        [13] = "PlayApplication",
        [14] = "SetDefaultRoute",
        [15] = "TextToSpeech",
        [16] = "TextToSpeechAndDigits",
        [17] = "FastBusy",
        [18] = "RAN",
    },
    XRouteType = {
        [-1] = "Default",
        [0] = "Route",
        [1] = "Direct",
        [2] = "Reroute",
        [3] = "DirectUUI",
        [4] = "DirectANI",
        [5] = "DirectNoToken",
        [6] = "DNISPooling",
        [7] = "DirectDigits",
        [8] = "PullBack",
        [9] = "ExtProtocol",
        [10] = "RouteUUI",
        [11] = "DirectNetworkCallID",
    },
}

local ATTRIBUTE_ENUMS = {
    [13] = ENUMS.CallState,
    [16] = ENUMS.AgentWorkMode,
    [23] = ENUMS.DNRole,
    [27] = ENUMS.DNRole,
    [31] = ENUMS.DNRole,
    [46] = ENUMS.ErrorCode,
    [47] = ENUMS.AddressType,
    [49] = ENUMS.RegisterMode,
    [50] = ENUMS.ControlMode,
    [54] = ENUMS.CallType,
    [56] = ENUMS.AddressInfoType,
    [58] = ENUMS.MessageType,
    [60] = ENUMS.RouteType,
    [62] = ENUMS.ServerRole,
    [66] = ENUMS.MergeType,
    [67] = ENUMS.ForwardMode,
    [73] = ENUMS.MakeCallType,
    [74] = ENUMS.CallInfoType,
    [83] = ENUMS.TreatmentType,
    [88] = ENUMS.SwitchInfoType,
    [89] = ENUMS.XRouteType,
    [97] = ENUMS.MediaType,
    [98] = ENUMS.LocationInfoType,
    [101] = ENUMS.MonitorNextCallType,
    [124] = ENUMS.PartyState,
    [136] = ENUMS.NetworkCallState,
    [137] = ENUMS.NetworkDestState,
    [138] = ENUMS.NetworkPartyRole,
}
-- END GENERATED TABLES

-- Wire constants (src/CtiGateway.Protocol/Codec/TlibWire.cs).
local HEADER_SIZE = 8
local MAX_LIST_DEPTH = 16
local MASK_LENGTH = 64
local DEFAULT_PORT = 3000

local KIND_NAMES = { [1] = "Message", [2] = "AddpPoll", [3] = "AddpReply", [4] = "AddpHello" }
local TAG_NAMES = { [0] = "String", [1] = "Int", [2] = "Binary", [3] = "List", [6] = "Long", [7] = "Mask", [8] = "Time" }
local KV_TYPE_NAMES = { [0] = "String", [1] = "Int", [2] = "Binary", [3] = "List", [4] = "Unicode" }
local TRACE_NAMES = { [0] = "Off", [1] = "Local", [2] = "Remote", [3] = "Full" }

local TAG_STRING, TAG_INT, TAG_BINARY, TAG_LIST, TAG_LONG, TAG_MASK, TAG_TIME = 0, 1, 2, 3, 6, 7, 8
local KV_STRING, KV_INT, KV_BINARY, KV_LIST, KV_UNICODE = 0, 1, 2, 3, 4

-- Attributes shown in the Info column, in message order.
local INFO_ATTRIBUTES = {
    [2] = true,  -- ReferenceID
    [9] = true,  -- ConnID
    [14] = true, -- AgentID
    [20] = true, -- ThisDN
    [24] = true, -- OtherDN
    [28] = true, -- ThirdPartyDN
    [46] = true, -- ErrorCode
}

local ctigw = Proto("ctigw", "CtiGateway T-Library")

local pf = {
    magic = ProtoField.string("ctigw.magic", "Magic"),
    version = ProtoField.uint8("ctigw.version", "Wire version"),
    kind = ProtoField.uint8("ctigw.kind", "Frame kind", base.DEC, KIND_NAMES),
    length = ProtoField.uint32("ctigw.length", "Payload length"),
    msg_type = ProtoField.uint16("ctigw.msg.type", "Message type", base.DEC, MESSAGE_NAMES),
    msg_name = ProtoField.string("ctigw.msg.name", "Message name"),
    attr_count = ProtoField.uint16("ctigw.msg.attr_count", "Attribute count"),
    attr = ProtoField.none("ctigw.attr", "Attribute"),
    attr_id = ProtoField.uint16("ctigw.attr.id", "Attribute id", base.DEC, ATTRIBUTE_NAMES),
    attr_name = ProtoField.string("ctigw.attr.name", "Attribute name"),
    attr_tag = ProtoField.uint8("ctigw.attr.tag", "Type tag", base.DEC, TAG_NAMES),
    attr_value = ProtoField.string("ctigw.attr.value", "Value", base.UNICODE),
    attr_enum = ProtoField.string("ctigw.attr.enum", "Value name"),
    attr_length = ProtoField.uint32("ctigw.attr.length", "Length"),
    attr_string = ProtoField.string("ctigw.attr.string", "String", base.UNICODE),
    attr_int = ProtoField.int32("ctigw.attr.int", "Int"),
    attr_long = ProtoField.int64("ctigw.attr.long", "Long"),
    attr_connid = ProtoField.string("ctigw.attr.connid", "ConnID"),
    attr_binary = ProtoField.bytes("ctigw.attr.binary", "Binary"),
    attr_mask = ProtoField.bytes("ctigw.attr.mask", "Mask"),
    attr_mask_bit = ProtoField.uint16("ctigw.attr.mask_bit", "Bit set", base.DEC, MESSAGE_NAMES),
    attr_time = ProtoField.absolute_time("ctigw.attr.time", "Time", base.UTC),
    attr_seconds = ProtoField.int64("ctigw.attr.seconds", "Seconds"),
    attr_microseconds = ProtoField.int32("ctigw.attr.microseconds", "Microseconds"),
    list_length = ProtoField.uint32("ctigw.list.length", "List body length"),
    kv = ProtoField.none("ctigw.kv", "Pair"),
    kv_key = ProtoField.string("ctigw.kv.key", "Key", base.UNICODE),
    kv_type = ProtoField.uint8("ctigw.kv.type", "Value type", base.DEC, KV_TYPE_NAMES),
    kv_value = ProtoField.string("ctigw.kv.value", "Value", base.UNICODE),
    kv_depth = ProtoField.uint8("ctigw.kv.depth", "Depth"),
    addp_timeout = ProtoField.uint16("ctigw.addp.timeout", "addp-timeout (s)"),
    addp_remote_timeout = ProtoField.uint16("ctigw.addp.remote_timeout", "addp-remote-timeout (s)"),
    addp_trace = ProtoField.uint8("ctigw.addp.trace", "addp-trace", base.DEC, TRACE_NAMES),
    addp_seq = ProtoField.uint32("ctigw.addp.seq", "Sequence"),
}

local fields = {}
for _, f in pairs(pf) do
    fields[#fields + 1] = f
end
ctigw.fields = fields

local ef_malformed = ProtoExpert.new("ctigw.malformed", "Malformed CtiGateway T-Library frame", expert.group.MALFORMED, expert.severity.ERROR)
local ef_invalid = ProtoExpert.new("ctigw.invalid_attribute", "Invalid attribute", expert.group.PROTOCOL, expert.severity.WARN)
ctigw.experts = { ef_malformed, ef_invalid }

ctigw.prefs.tcp_port = Pref.uint("TCP port", DEFAULT_PORT, "TCP port of the CtiGateway T-Library server (0 = heuristics only)")

-- A decoding error: stops the current frame with an expert item.
local function fail(tree, range, text)
    error({ ctigw_error = true, tree = tree, range = range, text = text })
end

local function need(tvb, tree, pos, n, limit, what)
    if limit - pos < n then
        fail(tree, tvb(pos, limit - pos), what .. " needs " .. n .. " bytes but only " .. (limit - pos) .. " remain")
    end
end

local function attribute_name(id)
    return ATTRIBUTE_NAMES[id] or ("Attribute" .. id)
end

local function message_name(id)
    return MESSAGE_NAMES[id] or ("Message" .. id)
end

local function is_connid(id)
    return string.sub(attribute_name(id), -6) == "ConnID"
end

local function hex(range)
    if range:len() == 0 then
        return ""
    end
    return string.lower(range:bytes():tohex())
end

-- Strings are UTF-8; invalid sequences show as U+FFFD and get an expert note.
local function utf8_string(tvb, tree, pos, n)
    if n == 0 then
        return ""
    end
    local range = tvb(pos, n)
    local s = range:string(ENC_UTF_8)
    if s ~= range:raw() then
        tree:add_proto_expert_info(ef_invalid, "String is not valid UTF-8")
    end
    return s
end

local function format_time(seconds, microseconds)
    return os.date("!%Y-%m-%dT%H:%M:%S", seconds) .. string.format(".%06dZ", microseconds)
end

-- Reads a key-value list body at pos (the u32 body length); returns the text form and the offset after it.
local dissect_list

dissect_list = function(tvb, tree, pos, limit, depth)
    if depth > MAX_LIST_DEPTH then
        fail(tree, tvb(pos, 1), "Key-value lists nest deeper than " .. MAX_LIST_DEPTH .. " levels")
    end
    need(tvb, tree, pos, 4, limit, "List body length")
    local body = tvb(pos, 4):uint()
    tree:add(pf.list_length, tvb(pos, 4))
    pos = pos + 4
    if body > limit - pos then
        fail(tree, tvb(pos - 4, 4), "List claims " .. body .. " bytes but only " .. (limit - pos) .. " remain")
    end
    local last = pos + body
    local parts = {}
    while pos < last do
        if last - pos < 3 then
            fail(tree, tvb(pos, last - pos), "Key-value pair is cut short")
        end
        local start = pos
        local key_length = tvb(pos, 2):uint()
        if last - pos - 2 < key_length + 1 then
            fail(tree, tvb(pos, last - pos), "Key runs past the list")
        end
        local key = utf8_string(tvb, tree, pos + 2, key_length)
        pos = pos + 2 + key_length
        local vtype = tvb(pos, 1):uint()
        local item = tree:add(pf.kv, tvb(start, 1))
        item:set_text(key .. " (" .. (KV_TYPE_NAMES[vtype] or vtype) .. ")")
        item:add(pf.kv_key, tvb(start + 2, key_length), key)
        item:add(pf.kv_type, tvb(pos, 1))
        item:add(pf.kv_depth, depth)
        pos = pos + 1
        local text
        local value_start = pos
        if vtype == KV_STRING or vtype == KV_UNICODE or vtype == KV_BINARY then
            need(tvb, item, pos, 4, last, "Value length")
            local n = tvb(pos, 4):uint()
            need(tvb, item, pos + 4, n, last, "Value of " .. key)
            if vtype == KV_BINARY then
                text = hex(tvb(pos + 4, n))
            else
                text = utf8_string(tvb, item, pos + 4, n)
            end
            pos = pos + 4 + n
        elseif vtype == KV_INT then
            need(tvb, item, pos, 4, last, "Int value of " .. key)
            text = tostring(tvb(pos, 4):int())
            pos = pos + 4
        elseif vtype == KV_LIST then
            text, pos = dissect_list(tvb, item, pos, last, depth + 1)
        else
            fail(item, tvb(pos - 1, 1), "Key '" .. key .. "' has unknown value type " .. vtype)
        end
        item:add(pf.kv_value, tvb(value_start, math.max(pos - value_start, 1)), text)
        item:set_len(pos - start)
        item:set_text(key .. " = " .. text .. " (" .. KV_TYPE_NAMES[vtype] .. ")")
        parts[#parts + 1] = key .. "=" .. text
    end
    return "{" .. table.concat(parts, ", ") .. "}", pos
end

-- Dissects one attribute at pos; returns the offset after it and the value text.
local function dissect_attribute(tvb, tree, pos, limit, seen)
    need(tvb, tree, pos, 3, limit, "Attribute head")
    local start = pos
    local id = tvb(pos, 2):uint()
    local tag = tvb(pos + 2, 1):uint()
    local name = attribute_name(id)
    local item = tree:add(pf.attr, tvb(pos, 3))
    item:set_text(name .. " (" .. id .. ", " .. (TAG_NAMES[tag] or tag) .. ")")
    item:add(pf.attr_id, tvb(pos, 2))
    item:add(pf.attr_name, tvb(pos, 2), name)
    item:add(pf.attr_tag, tvb(pos + 2, 1))
    pos = pos + 3
    local text
    local enum_name
    if tag == TAG_STRING or tag == TAG_BINARY then
        need(tvb, item, pos, 4, limit, name .. " length")
        local n = tvb(pos, 4):uint()
        item:add(pf.attr_length, tvb(pos, 4))
        need(tvb, item, pos + 4, n, limit, name)
        if tag == TAG_STRING then
            text = utf8_string(tvb, item, pos + 4, n)
            item:add(pf.attr_string, tvb(pos + 4, math.max(n, 0)), text)
        else
            text = hex(tvb(pos + 4, n))
            if n > 0 then
                item:add(pf.attr_binary, tvb(pos + 4, n))
            end
        end
        item:add(pf.attr_value, tvb(pos, 4 + n), text)
        pos = pos + 4 + n
    elseif tag == TAG_INT then
        need(tvb, item, pos, 4, limit, name)
        local v = tvb(pos, 4):int()
        text = tostring(v)
        item:add(pf.attr_int, tvb(pos, 4))
        item:add(pf.attr_value, tvb(pos, 4), text)
        local names = ATTRIBUTE_ENUMS[id]
        if names ~= nil and names[v] ~= nil then
            enum_name = names[v]
            item:add(pf.attr_enum, tvb(pos, 4), enum_name)
        end
        pos = pos + 4
    elseif tag == TAG_LONG then
        need(tvb, item, pos, 8, limit, name)
        item:add(pf.attr_long, tvb(pos, 8))
        if is_connid(id) then
            text = hex(tvb(pos, 8))
            item:add(pf.attr_connid, tvb(pos, 8), text)
        else
            text = tostring(tvb(pos, 8):int64())
        end
        item:add(pf.attr_value, tvb(pos, 8), text)
        pos = pos + 8
    elseif tag == TAG_MASK then
        need(tvb, item, pos, MASK_LENGTH, limit, name)
        local range = tvb(pos, MASK_LENGTH)
        text = hex(range)
        item:add(pf.attr_mask, range)
        item:add(pf.attr_value, range, text)
        local set = {}
        for byte = 0, MASK_LENGTH - 1 do
            local b = tvb(pos + byte, 1):uint()
            if b ~= 0 then
                for bit = 0, 7 do
                    if bit32.band(b, bit32.lshift(1, bit)) ~= 0 then
                        local e = byte * 8 + bit
                        item:add(pf.attr_mask_bit, tvb(pos + byte, 1), e)
                        set[#set + 1] = message_name(e)
                    end
                end
            end
        end
        enum_name = table.concat(set, ", ")
        pos = pos + MASK_LENGTH
    elseif tag == TAG_TIME then
        need(tvb, item, pos, 12, limit, name)
        local seconds = tvb(pos, 8):int64():tonumber()
        local micro = tvb(pos + 8, 4):int()
        if micro < 0 or micro > 999999 then
            fail(item, tvb(pos + 8, 4), name .. " has " .. micro .. " microseconds (0-999999)")
        end
        text = format_time(seconds, micro)
        item:add(pf.attr_seconds, tvb(pos, 8))
        item:add(pf.attr_microseconds, tvb(pos + 8, 4))
        item:add(pf.attr_time, tvb(pos, 12), NSTime.new(seconds, micro * 1000))
        item:add(pf.attr_value, tvb(pos, 12), text)
        pos = pos + 12
    elseif tag == TAG_LIST then
        text, pos = dissect_list(tvb, item, pos, limit, 1)
        item:add(pf.attr_value, tvb(start + 3, pos - start - 3), text)
    else
        fail(item, tvb(start + 2, 1), name .. " (" .. id .. ") has unknown type tag " .. tag)
    end
    local expected = ATTRIBUTE_TYPES[id]
    if expected ~= nil and expected ~= tag then
        item:add_proto_expert_info(ef_invalid, name .. " (" .. id .. ") must be " .. TAG_NAMES[expected] .. ", not " .. TAG_NAMES[tag])
    elseif seen[id] then
        item:add_proto_expert_info(ef_invalid, name .. " (" .. id .. ") appears twice")
    end
    seen[id] = true
    item:set_len(pos - start)
    local shown = text
    if enum_name ~= nil and tag == TAG_INT then
        shown = enum_name .. " (" .. text .. ")"
    elseif tag == TAG_MASK then
        shown = enum_name == "" and "no bits set" or ("bits " .. enum_name)
        enum_name = nil
    end
    if #shown > 120 then
        shown = string.sub(shown, 1, 117) .. "..."
    end
    item:set_text(name .. " (" .. id .. ", " .. (TAG_NAMES[tag] or tag) .. "): " .. shown)
    return pos, id, text, enum_name
end

-- Dissects one whole frame (header included) at offset; returns the Info text.
local function dissect_frame(tvb, pinfo, tree, offset, total)
    local kind = tvb(offset + 3, 1):uint()
    local length = total - HEADER_SIZE
    local root = tree:add(ctigw, tvb(offset, total))
    local header = root:add(tvb(offset, HEADER_SIZE), "Header")
    header:add(pf.magic, tvb(offset, 2), "TL")
    header:add(pf.version, tvb(offset + 2, 1))
    header:add(pf.kind, tvb(offset + 3, 1))
    header:add(pf.length, tvb(offset + 4, 4))
    local p = offset + HEADER_SIZE
    local info
    if kind == 2 or kind == 3 then
        if length ~= 4 then
            root:add_proto_expert_info(ef_malformed, "ADDP " .. KIND_NAMES[kind] .. " payload must be 4 bytes, not " .. length)
            return KIND_NAMES[kind] .. " (malformed)"
        end
        local seq = tvb(p, 4):uint()
        root:add(pf.addp_seq, tvb(p, 4))
        info = (kind == 2 and "ADDP poll" or "ADDP reply") .. " seq=" .. seq
    elseif kind == 4 then
        if length ~= 5 then
            root:add_proto_expert_info(ef_malformed, "ADDP hello payload must be 5 bytes, not " .. length)
            return "ADDP hello (malformed)"
        end
        local timeout = tvb(p, 2):uint()
        local remote = tvb(p + 2, 2):uint()
        local trace = tvb(p + 4, 1):uint()
        root:add(pf.addp_timeout, tvb(p, 2))
        root:add(pf.addp_remote_timeout, tvb(p + 2, 2))
        root:add(pf.addp_trace, tvb(p + 4, 1))
        if timeout > 3600 or remote > 3600 or trace > 3 then
            root:add_proto_expert_info(ef_malformed, "ADDP hello out of range (timeouts are 0-3600 s, trace 0-3)")
        end
        info = "ADDP hello timeout=" .. timeout .. " remote-timeout=" .. remote .. " trace=" .. (TRACE_NAMES[trace] or trace)
    else
        if length < 4 then
            root:add_proto_expert_info(ef_malformed, "Message payload is shorter than its 4-byte head")
            return "Message (malformed)"
        end
        local limit = offset + total
        local type_id = tvb(p, 2):uint()
        local count = tvb(p + 2, 2):uint()
        local name = message_name(type_id)
        root:add(pf.msg_type, tvb(p, 2))
        root:add(pf.msg_name, tvb(p, 2), name)
        root:add(pf.attr_count, tvb(p + 2, 2))
        p = p + 4
        local summary = {}
        local seen = {}
        local ok, err = pcall(function()
            for _ = 1, count do
                local id, text, enum_name
                p, id, text, enum_name = dissect_attribute(tvb, root, p, limit, seen)
                if INFO_ATTRIBUTES[id] then
                    summary[#summary + 1] = attribute_name(id) .. "=" .. ((id == 46 and enum_name) or text)
                end
            end
            if p ~= limit then
                fail(root, tvb(p, limit - p), (limit - p) .. " bytes follow the last of " .. count .. " attributes")
            end
        end)
        if not ok then
            if type(err) == "table" and err.ctigw_error then
                err.tree:add_proto_expert_info(ef_malformed, err.text)
            else
                error(err)
            end
        end
        info = name
        if #summary > 0 then
            info = info .. " " .. table.concat(summary, " ")
        end
        root:append_text(", " .. name)
        return info
    end
    root:append_text(", " .. info)
    return info
end

local function header_ok(tvb, offset, available)
    if available >= 1 and tvb(offset, 1):uint() ~= 0x54 then return false end
    if available >= 2 and tvb(offset + 1, 1):uint() ~= 0x4C then return false end
    if available >= 3 and tvb(offset + 2, 1):uint() ~= 0x01 then return false end
    if available >= 4 then
        local kind = tvb(offset + 3, 1):uint()
        if kind < 1 or kind > 4 then return false end
    end
    return true
end

function ctigw.dissector(tvb, pinfo, tree)
    local len = tvb:len()
    local offset = 0
    local frames = 0
    while offset < len do
        local available = len - offset
        if not header_ok(tvb, offset, available) then
            if frames == 0 then
                return 0
            end
            break
        end
        if available < HEADER_SIZE then
            pinfo.desegment_offset = offset
            pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT
            return len
        end
        local total = HEADER_SIZE + tvb(offset + 4, 4):uint()
        if available < total then
            pinfo.desegment_offset = offset
            pinfo.desegment_len = total - available
            return len
        end
        local info = dissect_frame(tvb, pinfo, tree, offset, total)
        if frames == 0 then
            pinfo.cols.protocol = "CTIGW"
            pinfo.cols.info = info
        else
            pinfo.cols.info:append(" | " .. info)
        end
        frames = frames + 1
        offset = offset + total
    end
    return offset
end

local function heuristic(tvb, pinfo, tree)
    if tvb:len() < 4 or not header_ok(tvb, 0, 4) then
        return false
    end
    pinfo.conversation = ctigw
    ctigw.dissector(tvb, pinfo, tree)
    return true
end

ctigw:register_heuristic("tcp", heuristic)

local registered_port = 0

local function register_port(port)
    local tcp = DissectorTable.get("tcp.port")
    if registered_port ~= 0 then
        tcp:remove(registered_port, ctigw)
    end
    registered_port = port
    if port ~= 0 then
        tcp:add(port, ctigw)
    end
end

function ctigw.prefs_changed()
    if ctigw.prefs.tcp_port ~= registered_port then
        register_port(ctigw.prefs.tcp_port)
    end
end

register_port(DEFAULT_PORT)
