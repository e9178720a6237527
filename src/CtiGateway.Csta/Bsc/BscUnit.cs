namespace CtiGateway.Pbx.Bsc;

/// <summary>One unit read from or written to a BSC link: a control unit, or a data block and its text.</summary>
/// <param name="Kind">What the unit is.</param>
/// <param name="Text">For <see cref="BscUnitKind.Block"/>, the bytes between STX and ETX (BCC verified); empty otherwise.</param>
public readonly record struct BscUnit(BscUnitKind Kind, ReadOnlyMemory<byte> Text)
{
    /// <summary>A control unit (anything but <see cref="BscUnitKind.Block"/>).</summary>
    public static BscUnit Control(BscUnitKind kind)
    {
        if (kind is BscUnitKind.None or BscUnitKind.Block)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A control unit cannot be None or Block.");
        }

        return new BscUnit(kind, ReadOnlyMemory<byte>.Empty);
    }

    /// <summary>A data block carrying <paramref name="text"/>.</summary>
    public static BscUnit Block(ReadOnlyMemory<byte> text) => new(BscUnitKind.Block, text);

    /// <inheritdoc />
    public override string ToString() =>
        Kind == BscUnitKind.Block ? $"Block[{Text.Length}]" : Kind.ToString();
}
