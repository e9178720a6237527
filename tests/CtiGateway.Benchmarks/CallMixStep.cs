using CtiGateway.Pbx.Csta;

namespace CtiGateway.Benchmarks;

/// <summary>
/// One input of the recorded call mix: a CSTA call event as the decoder produced it, or (when <see cref="Event"/> is
/// null) a TAttachUserData by <see cref="Dn"/> on the call the switch names <see cref="CallId"/>.
/// </summary>
internal readonly record struct CallMixStep(CstaCallEvent? Event, string? CallId, string? Dn);
