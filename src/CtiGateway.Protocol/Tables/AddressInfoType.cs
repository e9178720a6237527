// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TAddressInfoType (AttributeAddressInfoType 56).</summary>
public enum AddressInfoType
{
    /// <summary>AddressStatus (0).</summary>
    AddressStatus = 0,
    /// <summary>MessageWaitingStatus (1).</summary>
    MessageWaitingStatus = 1,
    /// <summary>AssociationStatus (2).</summary>
    AssociationStatus = 2,
    /// <summary>CallForwardingStatus (3).</summary>
    CallForwardingStatus = 3,
    /// <summary>AgentStatus (4).</summary>
    AgentStatus = 4,
    /// <summary>NumberOfAgentsInQueue (5).</summary>
    NumberOfAgentsInQueue = 5,
    /// <summary>NumberOfAvailableAgentsInQueue (6).</summary>
    NumberOfAvailableAgentsInQueue = 6,
    /// <summary>NumberOfCallsInQueue (7).</summary>
    NumberOfCallsInQueue = 7,
    /// <summary>AddressType (8).</summary>
    AddressType = 8,
    /// <summary>CallsQuery (9).</summary>
    CallsQuery = 9,
    /// <summary>SendAllCallsStatus (10).</summary>
    SendAllCallsStatus = 10,
    /// <summary>QueueLoginAudit (11).</summary>
    QueueLoginAudit = 11,
    /// <summary>NumberOfIdleClassifiers (12).</summary>
    NumberOfIdleClassifiers = 12,
    /// <summary>NumberOfClassifiersInUse (13).</summary>
    NumberOfClassifiersInUse = 13,
    /// <summary>NumberOfIdleTrunks (14).</summary>
    NumberOfIdleTrunks = 14,
    /// <summary>NumberOfTrunksInUse (15).</summary>
    NumberOfTrunksInUse = 15,
    /// <summary>DatabaseValue (16).</summary>
    DatabaseValue = 16,
    /// <summary>DNStatus (17).</summary>
    DNStatus = 17,
    /// <summary>QueueStatus (18).</summary>
    QueueStatus = 18,
}
