namespace CtiGateway.CallModel;

/// <summary>
/// What a consultation call's user data is (the Genesys <c>consult-user-data</c> choice). Whatever the policy, when
/// the consultation is completed (transfer or conference) the joined call keeps the original call's ConnID and the
/// original call's user data; the consultation call's own data, where it had any, ends with it.
/// </summary>
public enum ConsultUserDataPolicy
{
    /// <summary>The consultation call starts with no user data; the two calls' data are independent.</summary>
    Separate,

    /// <summary>
    /// The consultation call starts with a copy of the original call's user data (as it is when the consultation is
    /// dialled); later changes to either call are not seen by the other.
    /// </summary>
    Inherited,

    /// <summary>
    /// The two calls share one set of user data: a change made on either ConnID is the other's too, and the parties of
    /// both calls get EventAttachedDataChanged, each on its own ConnID.
    /// </summary>
    Joint,
}
