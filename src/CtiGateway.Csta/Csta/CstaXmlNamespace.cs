namespace CtiGateway.Pbx.Csta;

/// <summary>
/// One namespace declaration in scope while scanning CSTA-XML: the prefix (empty for <c>xmlns="..."</c>) as a slice of
/// the body, and the namespace name either as a slice of the body or, when it had references or white space to
/// normalise, as a slice of <see cref="CstaXmlScratch.UriBytes"/>.
/// </summary>
internal readonly record struct CstaXmlNamespace(int PrefixStart, int PrefixLength, int UriStart, int UriLength, bool UriDecoded);
