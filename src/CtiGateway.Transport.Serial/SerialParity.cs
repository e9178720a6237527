namespace CtiGateway.Transport.Serial;

/// <summary>Parity bit of an asynchronous serial line.</summary>
public enum SerialParity
{
    /// <summary>No parity bit.</summary>
    None,

    /// <summary>Odd parity.</summary>
    Odd,

    /// <summary>Even parity.</summary>
    Even,

    /// <summary>Parity bit always 1.</summary>
    Mark,

    /// <summary>Parity bit always 0.</summary>
    Space,
}
