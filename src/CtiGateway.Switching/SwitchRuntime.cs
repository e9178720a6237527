using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Switching;

/// <summary>One configured switch at run time: its profile, links and link group.</summary>
internal sealed class SwitchRuntime(string name, FirmwareProfile profile, CstaDialectFlavour flavour, IReadOnlyList<(CstaTcpLink Link, string Endpoint)> links)
{
    /// <summary>Switch messages read so far (the call model consumes them later).</summary>
    public long MessagesReceived;

    public string Name { get; } = name;

    public FirmwareProfile Profile { get; } = profile;

    public CstaDialectFlavour Flavour { get; } = flavour;

    public IReadOnlyList<(CstaTcpLink Link, string Endpoint)> Links { get; } = links;

    public SwitchLinkGroup Group { get; set; } = null!;
}
