using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>
/// Puts the <see cref="LogRateLimiter"/> in front of another provider (Serilog's), keyed by category and event id.
/// The categories in <c>exempt</c> (the link and protocol traces, which an operator switches on to see every message)
/// get the inner provider's logger as is.
/// </summary>
internal sealed class RateLimitedLoggerProvider(ILoggerProvider inner, LogRateLimiter limiter, IReadOnlySet<string> exempt) : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (category, self) => self.Create(category), this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped)
        {
            scoped.SetScopeProvider(scopeProvider);
        }
    }

    public void Dispose()
    {
        limiter.Dispose();
        inner.Dispose();
    }

    private ILogger Create(string category)
    {
        var logger = inner.CreateLogger(category);
        return exempt.Contains(category) ? logger : new RateLimitedLogger(logger, category, limiter);
    }
}
