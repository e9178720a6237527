namespace CtiGateway.Scxml;

/// <summary>How a document's attributes are read: W3C SCXML 1.0 (2015 Recommendation) or Genesys ORS (2009 working draft).</summary>
public enum ScxmlDialect
{
    /// <summary>Chosen from the document: a Genesys module namespace or a <c>profile</c> attribute means ORS, anything else W3C.</summary>
    Auto,

    /// <summary>W3C SCXML 1.0 Recommendation: <c>event</c>, <c>target</c>, <c>delay</c> and <c>sendid</c> are literal values.</summary>
    W3c,

    /// <summary>Genesys ORS (2009 draft): <c>event</c>, <c>target</c>, <c>delay</c> and <c>sendid</c> are ECMAScript expressions.</summary>
    Ors,
}
