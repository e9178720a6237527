namespace CtiGateway.Pbx.Csta;

/// <summary>The CSTA-XML dialect flavours of the firmware profiles (switch.md 1.1, 1.3).</summary>
public enum CstaDialectFlavour
{
    /// <summary>OpenScape Voice: ed4 namespace, typeOfNumber attributes on device elements.</summary>
    OsvEd4,

    /// <summary>Avaya DMCC: ed3 namespace, plain device identifiers.</summary>
    DmccEd3,
}
