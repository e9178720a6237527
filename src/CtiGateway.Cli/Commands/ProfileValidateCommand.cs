using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Cli;

/// <summary>
/// <c>ctigw profile validate FILE...</c>: checks firmware profiles. Every problem goes to stderr as
/// <c>FILE:LINE:COL: message</c>, one line each; a valid file prints <c>FILE: ok</c> on stdout. Exit 2 when any file
/// has a problem (a missing file included), 0 otherwise.
/// </summary>
internal static class ProfileValidateCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> tokens, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (tokens.Count == 0 || tokens[0] != "validate")
        {
            throw new UsageException(tokens.Count == 0
                ? "profile needs a subcommand: validate."
                : $"unknown profile subcommand '{tokens[0]}' (known: validate).") { Command = "profile" };
        }

        var args = ParsedArguments.Parse("profile", tokens.Skip(1).ToList(), [], []);
        if (args.Positionals.Count == 0)
        {
            throw args.Usage("profile validate needs at least one FILE.");
        }

        var exit = ExitCodes.Success;
        foreach (var file in args.Positionals)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var problems = FirmwareProfileLoader.Validate(file);
            if (problems.Count == 0)
            {
                await stdout.WriteLineAsync($"{file}: ok");
                continue;
            }

            exit = ExitCodes.BadUsage;
            foreach (var problem in problems)
            {
                await stderr.WriteLineAsync(problem.ToString());
            }
        }

        await stdout.FlushAsync(cancellationToken);
        await stderr.FlushAsync(cancellationToken);
        return exit;
    }
}
