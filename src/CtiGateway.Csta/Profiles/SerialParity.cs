namespace CtiGateway.Pbx.Profiles;

/// <summary>Serial parity.</summary>
public enum SerialParity
{
    None,
    Even,
    Odd,
    Mark,
    Space,
}
