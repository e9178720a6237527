using System.Xml.Linq;

namespace CtiGateway.Scxml.Model;

/// <summary>An executable-content element in another namespace, run by the handler registered for that namespace.</summary>
internal sealed class CustomActionNode : ExecNode
{
    public required XElement Element { get; init; }
}
