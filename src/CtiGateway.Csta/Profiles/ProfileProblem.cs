namespace CtiGateway.Pbx.Profiles;

/// <summary>One mistake in a profile file, at a 1-based line and column (in characters).</summary>
public sealed record ProfileProblem(string File, int Line, int Column, string Message)
{
    /// <summary>The contract's form: <c>FILE:LINE:COL: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
