using System.Xml.Linq;

namespace CtiGateway.Scxml.Model;

/// <summary>An executable-content element in another namespace, run by the handler registered for that namespace.</summary>
internal sealed class CustomActionNode : ExecNode
{
    public required XElement Element { get; init; }

    /// <summary>
    /// The namespace a handler is looked up by: the element's own, except that a Genesys module namespace spelt
    /// without the scheme (<c>www.genesyslab.com/modules/queue</c>, as the ORS documentation writes it), with https
    /// or with a trailing slash is the module's <c>http://www.genesyslab.com/modules/...</c> name.
    /// </summary>
    public required string Namespace { get; init; }
}
