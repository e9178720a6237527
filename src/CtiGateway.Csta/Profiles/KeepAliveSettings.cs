namespace CtiGateway.Pbx.Profiles;

/// <summary>
/// Keep-alive with Genesys <c>kpl-interval</c> / <c>kpl-tolerance</c> semantics: a dummy request every interval on an
/// idle link (zero disables), and the link is lost after <see cref="Tolerance"/> failed keep-alives.
/// </summary>
public sealed record KeepAliveSettings(TimeSpan Interval, int Tolerance, KeepAliveMethod Method);
