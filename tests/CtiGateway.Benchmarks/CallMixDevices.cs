namespace CtiGateway.Benchmarks;

/// <summary>How the recorded call mix spells devices in its CSTA events.</summary>
public enum CallMixDevices
{
    /// <summary>Plain DNs everywhere (the simulator's and DMCC's form).</summary>
    Plain,

    /// <summary>
    /// OpenScape Voice form in the device elements and connection-list endpoints (<c>N&lt;5001&gt;;noa=nk</c>,
    /// <c>N&lt;0611000001&gt;Line71001;displayNumber=0611000001</c>), plain deviceIDs in connections, as in the captures.
    /// </summary>
    Osv,
}
