namespace CtiGateway.Protocol;

/// <summary>An attribute of a message: its id and typed value.</summary>
/// <param name="Id">The attribute id.</param>
/// <param name="Value">The typed value.</param>
public readonly record struct TlibAttribute(AttributeId Id, AttributeValue Value)
{
    /// <summary>The reference name, e.g. "ThisDN".</summary>
    public string Name => AttributeCatalog.GetName(Id);
}
