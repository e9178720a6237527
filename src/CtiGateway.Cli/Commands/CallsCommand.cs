using System.Text.Json;

namespace CtiGateway.Cli;

/// <summary>
/// <c>ctigw calls [--control PATH] [--json]</c>: the live calls of the daemon's call models, asked over its local
/// control socket (never the T-Library port). Text: one line per call, oldest first, then a count line; --json prints
/// the daemon's JSON answer (one object with the array <c>calls</c>).
/// </summary>
internal static class CallsCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> tokens, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var args = ParsedArguments.Parse("calls", tokens, ["--control"], ["--json"]);
        if (args.Positionals.Count > 0)
        {
            throw args.Usage($"unexpected argument '{args.Positionals[0]}'.");
        }

        var path = args.Get("--control") ?? StatusCommand.DefaultControlSocket;
        if (path.Length == 0)
        {
            throw args.Usage("--control needs a socket path.");
        }

        var answer = await StatusCommand.AskAsync(path, "calls", cancellationToken);
        using var document = StatusCommand.ParseAnswer(answer, path);
        var root = document.RootElement;
        if (!root.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
        {
            var error = root.TryGetProperty("error", out var e) ? e.GetString() : answer;
            await stderr.WriteLineAsync($"ctigw: the daemon refused 'calls': {error}");
            return ExitCodes.RuntimeFailure;
        }

        await stdout.WriteAsync(args.Has("--json") ? answer.Trim() + Environment.NewLine : CallsText.Render(root));
        await stdout.FlushAsync(cancellationToken);
        return ExitCodes.Success;
    }
}
