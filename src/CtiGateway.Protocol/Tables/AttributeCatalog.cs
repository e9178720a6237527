// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>The value type of every attribute id, and the enum that names its values where there is one.</summary>
public static class AttributeCatalog
{
    private static readonly AttributeValueType[] Types =
    [
        AttributeValueType.String, // 0 ProtocolVersion
        AttributeValueType.String, // 1 ErrorMessage
        AttributeValueType.Int, // 2 ReferenceID
        AttributeValueType.Long, // 3 CallID
        AttributeValueType.Int, // 4 NodeID
        AttributeValueType.Long, // 5 NetworkCallID
        AttributeValueType.Int, // 6 NetworkNodeID
        AttributeValueType.Long, // 7 TransferredNetworkCallID
        AttributeValueType.Int, // 8 TransferredNetworkNodeID
        AttributeValueType.Long, // 9 ConnID
        AttributeValueType.Long, // 10 PreviousConnID
        AttributeValueType.Long, // 11 TransferConnID
        AttributeValueType.Long, // 12 ConferenceConnID
        AttributeValueType.Int, // 13 CallState
        AttributeValueType.String, // 14 AgentID
        AttributeValueType.Int, // 15 AgentStateReasonUnused
        AttributeValueType.Int, // 16 AgentWorkMode
        AttributeValueType.List, // 17 Reasons
        AttributeValueType.String, // 18 DNIS
        AttributeValueType.String, // 19 ANI
        AttributeValueType.String, // 20 ThisDN
        AttributeValueType.String, // 21 ThisQueue
        AttributeValueType.String, // 22 ThisTrunk
        AttributeValueType.Int, // 23 ThisDNRole
        AttributeValueType.String, // 24 OtherDN
        AttributeValueType.String, // 25 OtherQueue
        AttributeValueType.String, // 26 OtherTrunk
        AttributeValueType.Int, // 27 OtherDNRole
        AttributeValueType.String, // 28 ThirdPartyDN
        AttributeValueType.String, // 29 ThirdPartyQueue
        AttributeValueType.String, // 30 ThirdPartyTrunk
        AttributeValueType.Int, // 31 ThirdPartyDNRole
        AttributeValueType.String, // 32 MusicPath
        AttributeValueType.String, // 33 VoiceFileName
        AttributeValueType.Int, // 34 FileHandle
        AttributeValueType.String, // 35 UserID
        AttributeValueType.String, // 36 Password
        AttributeValueType.String, // 37 VoiceSegment
        AttributeValueType.Int, // 38 VoiceIFlag
        AttributeValueType.Int, // 39 VoiceCFlag
        AttributeValueType.Int, // 40 NumberOfDigits
        AttributeValueType.String, // 41 TerminateDigits
        AttributeValueType.Int, // 42 Timeout
        AttributeValueType.String, // 43 CollectedDigits
        AttributeValueType.String, // 44 LastDigit
        AttributeValueType.Mask, // 45 InputMask
        AttributeValueType.Int, // 46 ErrorCode
        AttributeValueType.Int, // 47 AddressType
        AttributeValueType.Int, // 48 AddressMode
        AttributeValueType.Int, // 49 RegisterMode
        AttributeValueType.Int, // 50 ControlMode
        AttributeValueType.List, // 51 UserData
        AttributeValueType.String, // 52 DataKey
        AttributeValueType.List, // 53 Extensions
        AttributeValueType.Int, // 54 CallType
        AttributeValueType.String, // 55 CallingLineName
        AttributeValueType.Int, // 56 AddressInfoType
        AttributeValueType.Int, // 57 AddressInfoStatus
        AttributeValueType.Int, // 58 UserEvent
        AttributeValueType.String, // 59 CommunicationDN
        AttributeValueType.Int, // 60 RouteType
        AttributeValueType.String, // 61 ServerVersion
        AttributeValueType.Int, // 62 ServerRole
        AttributeValueType.Mask, // 63 ServerCapabilityMask
        AttributeValueType.String, // 64 ApplicationName
        AttributeValueType.String, // 65 ApplicationPassword
        AttributeValueType.Int, // 66 MergeType
        AttributeValueType.Int, // 67 ForwardMode
        AttributeValueType.String, // 68 DTMFDigits
        AttributeValueType.String, // 69 Location
        AttributeValueType.String, // 70 RemoteLocation
        AttributeValueType.Long, // 71 RemoteConnID
        AttributeValueType.String, // 72 RemoteDN
        AttributeValueType.Int, // 73 MakeCallType
        AttributeValueType.Int, // 74 CallInfoType
        AttributeValueType.String, // 75 HomeLocation
        AttributeValueType.String, // 76 CustomerID
        AttributeValueType.String, // 77 FirstTransferHomeLocation
        AttributeValueType.String, // 78 FirstTransferOrigDN
        AttributeValueType.String, // 79 LastTransferHomeLocation
        AttributeValueType.String, // 80 LastTransferOrigDN
        AttributeValueType.Int, // 81 SetOperation
        AttributeValueType.Long, // 82 NewConnID
        AttributeValueType.Int, // 83 TreatmentType
        AttributeValueType.List, // 84 TreatmentParms
        AttributeValueType.String, // 85 CLID
        AttributeValueType.Int, // 86 TimeinSecs
        AttributeValueType.Int, // 87 TimeinuSecs
        AttributeValueType.Int, // 88 SwitchInfoType
        AttributeValueType.Int, // 89 XRouteType
        AttributeValueType.String, // 90 AccessNumber
        AttributeValueType.Int, // 91 XReferenceID
        AttributeValueType.String, // 92 Place
        AttributeValueType.Int, // 93 Priority
        AttributeValueType.String, // 94 AgentIdleReason
        AttributeValueType.Int, // 95 RegistrationCode
        AttributeValueType.List, // 96 DNSyncInfo
        AttributeValueType.Int, // 97 MediaType
        AttributeValueType.Int, // 98 LocationInfoType
        AttributeValueType.Long, // 99 OriginalConnID
        AttributeValueType.Int, // 100 ConsultType
        AttributeValueType.Int, // 101 MonitorNextCallType
        AttributeValueType.Int, // 102 ClientID
        AttributeValueType.Int, // 103 ProtocolID
        AttributeValueType.Long, // 104 PreviousCallID
        AttributeValueType.Int, // 105 PrivateMsgID
        AttributeValueType.Long, // 106 FirstTransferConnID
        AttributeValueType.Long, // 107 LastTransferConnID
        AttributeValueType.String, // 108 SessionID
        AttributeValueType.String, // 109 Host
        AttributeValueType.Int, // 110 Port
        AttributeValueType.Int, // 111 DBID
        AttributeValueType.Int, // 112 OtherDBID
        AttributeValueType.Int, // 113 ThirdPartyDBID
        AttributeValueType.Int, // 114 Cause
        AttributeValueType.String, // 115 DN
        AttributeValueType.String, // 116 DialedNumber
        AttributeValueType.Long, // 117 OriginConnID
        AttributeValueType.Long, // 118 RefConnID
        AttributeValueType.Int, // 119 Reliability
        AttributeValueType.Time, // 120 TimeStamp
        AttributeValueType.Time, // 121 SwitchTime
        AttributeValueType.String, // 122 PartyID
        AttributeValueType.Int, // 123 PartyType
        AttributeValueType.Int, // 124 PartyState
        AttributeValueType.String, // 125 RefParty
        AttributeValueType.String, // 126 CtrlParty
        AttributeValueType.String, // 127 RemoteLoc
        AttributeValueType.String, // 128 RemoteParty
        AttributeValueType.String, // 129 Device
        AttributeValueType.Binary, // 130 Reserved_1
        AttributeValueType.Binary, // 131 Reserved_2
        AttributeValueType.Int, // 132 UpdateRevision
        AttributeValueType.Int, // 133 ReturnReceipt
        AttributeValueType.String, // 134 ReturnReceiptDN
        AttributeValueType.List, // 135 ServerXCapabilities
        AttributeValueType.Int, // 136 NetworkCallState
        AttributeValueType.Int, // 137 NetworkDestState
        AttributeValueType.Int, // 138 NetworkPartyRole
        AttributeValueType.String, // 139 NetworkOrigDN
        AttributeValueType.String, // 140 NetworkDestDN
        AttributeValueType.String, // 141 CallUUID
        AttributeValueType.String, // 142 NewCallUUID
        AttributeValueType.String, // 143 OrigCallUUID
        AttributeValueType.String, // 144 RefCallUUID
        AttributeValueType.String, // 145 PartyUUID
        AttributeValueType.List, // 146 ISLinkList
        AttributeValueType.Time, // 147 ServerStartTime
        AttributeValueType.Long, // 148 EventSequenceNumber
    ];

    private static readonly Type?[] Enums = BuildEnums();

    /// <summary>Number of attribute ids in the table (0 to <see cref="Count"/> - 1).</summary>
    public const int Count = 149;

    /// <summary>Returns the wire value type of <paramref name="id"/>; ids past the table are <see cref="AttributeValueType.Unknown"/>.</summary>
    public static AttributeValueType GetValueType(AttributeId id) => (uint)id < (uint)Types.Length ? Types[(int)id] : AttributeValueType.Unknown;

    /// <summary>Returns the enum type that names the values of an Int attribute, or null.</summary>
    public static Type? GetEnumType(AttributeId id) => (uint)id < (uint)Enums.Length ? Enums[(int)id] : null;

    /// <summary>True when <paramref name="id"/> is one of the table's ids.</summary>
    public static bool IsKnown(AttributeId id) => (uint)id < (uint)Types.Length;

    /// <summary>The reference name of the attribute without the "Attribute" prefix, e.g. "ThisDN"; "Attribute123" for ids past the table.</summary>
    public static string GetName(AttributeId id) => IsKnown(id) ? Names[(int)id] : "Attribute" + ((int)id).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly string[] Names = BuildNames();

    private static string[] BuildNames()
    {
        var names = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            names[i] = ((AttributeId)i).ToString();
        }

        return names;
    }

    /// <summary>Finds an attribute id by its reference name, with or without the "Attribute" prefix (case-insensitive).</summary>
    public static bool TryParse(string name, out AttributeId id)
    {
        ArgumentNullException.ThrowIfNull(name);
        var bare = name.StartsWith("Attribute", StringComparison.OrdinalIgnoreCase) && name.Length > 9 ? name[9..] : name;
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(Names[i], bare, StringComparison.OrdinalIgnoreCase))
            {
                id = (AttributeId)i;
                return true;
            }
        }

        id = default;
        return false;
    }

    private static Type?[] BuildEnums()
    {
        var enums = new Type?[Count];
        enums[13] = typeof(CallState);
        enums[16] = typeof(AgentWorkMode);
        enums[23] = typeof(DNRole);
        enums[27] = typeof(DNRole);
        enums[31] = typeof(DNRole);
        enums[46] = typeof(ErrorCode);
        enums[47] = typeof(AddressType);
        enums[49] = typeof(RegisterMode);
        enums[50] = typeof(ControlMode);
        enums[54] = typeof(CallType);
        enums[56] = typeof(AddressInfoType);
        enums[58] = typeof(MessageType);
        enums[60] = typeof(RouteType);
        enums[62] = typeof(ServerRole);
        enums[66] = typeof(MergeType);
        enums[67] = typeof(ForwardMode);
        enums[73] = typeof(MakeCallType);
        enums[74] = typeof(CallInfoType);
        enums[83] = typeof(TreatmentType);
        enums[88] = typeof(SwitchInfoType);
        enums[89] = typeof(XRouteType);
        enums[97] = typeof(MediaType);
        enums[98] = typeof(LocationInfoType);
        enums[101] = typeof(MonitorNextCallType);
        enums[124] = typeof(PartyState);
        enums[136] = typeof(NetworkCallState);
        enums[137] = typeof(NetworkDestState);
        enums[138] = typeof(NetworkPartyRole);
        return enums;
    }
}
