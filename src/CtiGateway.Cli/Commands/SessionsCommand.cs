using System.Text.Json;

namespace CtiGateway.Cli;

/// <summary>
/// <c>ctigw sessions [show ID | kill ID] [--control PATH] [--json]</c>: the daemon's live orchestration sessions,
/// asked over its local control socket (never the T-Library port). Without a subcommand it lists them (id, strategy,
/// interactions with their ConnIDs, active states, age); <c>show ID</c> prints one session's states, data model, last
/// events and log lines; <c>kill ID</c> ends it. An unknown id is exit 1 with the daemon's message.
/// </summary>
internal static class SessionsCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> tokens, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var args = ParsedArguments.Parse("sessions", tokens, ["--control"], ["--json"]);
        var command = Command(args);
        var path = args.Get("--control") ?? StatusCommand.DefaultControlSocket;
        if (path.Length == 0)
        {
            throw args.Usage("--control needs a socket path.");
        }

        var answer = await StatusCommand.AskAsync(path, command, cancellationToken);
        using var document = StatusCommand.ParseAnswer(answer, path);
        var root = document.RootElement;
        if (!root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
        {
            var error = root.TryGetProperty("error", out var e) ? e.GetString() : answer;
            await stderr.WriteLineAsync($"ctigw: the daemon refused '{command}': {error}");
            return ExitCodes.RuntimeFailure;
        }

        string text;
        if (args.Has("--json"))
        {
            text = answer.Trim() + Environment.NewLine;
        }
        else
        {
            text = args.Positionals.Count == 0 ? SessionsText.RenderList(root)
                : args.Positionals[0] == "show" ? SessionsText.RenderDetails(root)
                : $"session {args.Positionals[1]} killed\n";
        }

        await stdout.WriteAsync(text);
        await stdout.FlushAsync(cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>The control command for the arguments: <c>sessions</c>, <c>sessions show ID</c> or <c>sessions kill ID</c>.</summary>
    private static string Command(ParsedArguments args)
    {
        var p = args.Positionals;
        if (p.Count == 0)
        {
            return "sessions";
        }

        if (p[0] is not ("show" or "kill"))
        {
            throw args.Usage($"unknown sessions subcommand '{p[0]}' (known: show ID, kill ID).");
        }

        if (p.Count == 1)
        {
            throw args.Usage($"sessions {p[0]} needs a session id (ctigw sessions lists them).");
        }

        if (p.Count > 2)
        {
            throw args.Usage($"unexpected argument '{p[2]}'.");
        }

        var id = p[1];
        if (id.Length is 0 or > 128 || id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw args.Usage($"'{id}' is not a session id (1-128 characters, no spaces).");
        }

        return $"sessions {p[0]} {id}";
    }
}
