namespace CtiGateway.Scxml;

/// <summary>Runs custom executable content elements of one XML namespace (such as ixn:, queue:, dialog:).</summary>
public interface IScxmlActionHandler
{
    /// <summary>The XML namespace whose elements this handler runs.</summary>
    string Namespace { get; }

    /// <summary>Runs one element. Throw <see cref="ScxmlActionException"/> to raise error.execution in the session.</summary>
    void Execute(ScxmlActionContext context);
}
