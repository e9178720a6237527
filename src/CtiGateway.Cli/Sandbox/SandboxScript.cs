using CtiGateway.Scxml;

namespace CtiGateway.Cli.Sandbox;

/// <summary>What <c>ctigw strategy try</c> runs and what its simulated call does (scripted times are virtual).</summary>
internal sealed record SandboxScript
{
    /// <summary>The strategy document.</summary>
    public required string File { get; init; }

    /// <summary>The DN the call arrives at (a route point), bare.</summary>
    public required string Dn { get; init; }

    /// <summary>The switch of <see cref="Dn"/>.</summary>
    public required string Switch { get; init; }

    /// <summary>The dialect the strategy is read in.</summary>
    public ScxmlDialect Dialect { get; init; } = ScxmlDialect.Ors;

    /// <summary>Virtual time after which the sandbox gives up (<c>timeout</c>).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Each station the call rings at answers this long after it started ringing; null: nobody answers.</summary>
    public TimeSpan? AnswerAfter { get; init; }

    /// <summary>The caller hangs up this long after the call arrived; null: the caller stays.</summary>
    public TimeSpan? AbandonAfter { get; init; }

    /// <summary>The agents of DemoAgents that are ready (the others are not ready); null: all of them.</summary>
    public IReadOnlySet<string>? ReadyAgents { get; init; }

    /// <summary>The caller's number when --ani does not give one: the first number of the simulator's scripted traffic.</summary>
    public const string DefaultAni = "302118840100";

    /// <summary>The caller's number (ANI).</summary>
    public string Ani { get; init; } = DefaultAni;

    /// <summary>The number the caller dialled (DNIS); null: the DN itself.</summary>
    public string? Dnis { get; init; }

    /// <summary>User data on the call when it reaches the route point.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UserData { get; init; } = [];
}
