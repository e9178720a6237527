namespace CtiGateway.Pbx.Profiles;

/// <summary>A profile that does not load; <see cref="Problems"/> holds every mistake found, one per entry.</summary>
public sealed class FirmwareProfileException : Exception
{
    public FirmwareProfileException(IReadOnlyList<ProfileProblem> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    public FirmwareProfileException()
        : this([])
    {
    }

    public FirmwareProfileException(string message)
        : base(message)
    {
        Problems = [];
    }

    public FirmwareProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>The mistakes, in file order of detection.</summary>
    public IReadOnlyList<ProfileProblem> Problems { get; }
}
