namespace CtiGateway.Orchestration;

/// <summary>Strategies that do not load: every problem as <c>FILE:LINE:COL: message</c> or a key path and reason.</summary>
public sealed class OrchestrationConfigException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/>.</summary>
    public OrchestrationConfigException(IReadOnlyList<string> problems)
        : base("Orchestration strategies do not load:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with one problem.</summary>
    public OrchestrationConfigException()
        : this(["unknown problem"])
    {
    }

    /// <summary>Creates the exception with one problem.</summary>
    public OrchestrationConfigException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with one problem and its cause.</summary>
    public OrchestrationConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>One line per problem.</summary>
    public IReadOnlyList<string> Problems { get; }
}
