namespace CtiGateway.CallModel;

/// <summary>The four user-data requests.</summary>
internal enum UserDataChange
{
    Attach,
    Update,
    DeleteKey,
    DeleteAll,
}
