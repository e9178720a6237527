// Values from the public T-Library tables (docs: ../../docs/wire-format.md, source: reference tlib.md).
namespace CtiGateway.Protocol;

/// <summary>TServerRole (AttributeServerRole 62).</summary>
public enum ServerRole
{
    /// <summary>Primary (0).</summary>
    Primary = 0,
    /// <summary>Backup (1).</summary>
    Backup = 1,
}
