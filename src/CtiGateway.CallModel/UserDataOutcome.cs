namespace CtiGateway.CallModel;

/// <summary>What became of a user-data request.</summary>
public enum UserDataOutcome
{
    /// <summary>The data changed; EventAttachedDataChanged went to the call's parties (and the requester).</summary>
    Changed,

    /// <summary>No call has that ConnID (TERR_INVALID_CONNID, 56).</summary>
    UnknownConnId,

    /// <summary>DeleteUserData named a key the call's data does not hold; nothing changed.</summary>
    KeyNotFound,
}
