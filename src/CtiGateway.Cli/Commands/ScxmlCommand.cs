using System.Text.Json;
using CtiGateway.Scxml;

namespace CtiGateway.Cli;

/// <summary>
/// <c>ctigw scxml run FILE [--timeout S] [--json] [--dialect w3c|ors]</c> runs one SCXML document on its own until it
/// reaches a top-level final state (prints <c>final: ID</c>, exit 0) or the timeout (prints <c>timeout</c>, exit 1);
/// <c>&lt;log&gt;</c> output goes to stderr. <c>ctigw scxml validate FILE [--dialect w3c|ors]</c> checks a document:
/// each problem on stderr as <c>FILE:LINE:COL: message</c>, exit 2 if any is an error.
/// </summary>
internal static class ScxmlCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> tokens, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var sub = tokens.Count > 0 ? tokens[0] : null;
        return sub switch
        {
            "run" => await RunChartAsync(ParsedArguments.Parse("scxml", tokens.Skip(1).ToList(), ["--timeout", "--dialect"], ["--json"]), stdout, stderr, cancellationToken),
            "validate" => await ValidateAsync(ParsedArguments.Parse("scxml", tokens.Skip(1).ToList(), ["--dialect"], []), stdout, stderr, cancellationToken),
            null => throw new UsageException("scxml needs a subcommand: run or validate.") { Command = "scxml" },
            _ => throw new UsageException($"unknown scxml subcommand '{sub}' (known: run, validate).") { Command = "scxml" },
        };
    }

    private static ScxmlLoadOptions LoadOptions(ParsedArguments args) => new()
    {
        Dialect = args.Get("--dialect") switch
        {
            null => ScxmlDialect.Auto,
            "w3c" => ScxmlDialect.W3c,
            "ors" => ScxmlDialect.Ors,
            var other => throw args.Usage($"--dialect must be w3c or ors, not '{other}'."),
        },
    };

    private static string SingleFile(ParsedArguments args, string sub)
    {
        if (args.Positionals.Count != 1)
        {
            throw args.Usage($"scxml {sub} needs exactly one FILE.");
        }

        return args.Positionals[0];
    }

    private static async Task<int> ValidateAsync(ParsedArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = LoadOptions(args);
        var file = SingleFile(args, "validate");
        var problems = ScxmlLoader.Validate(file, options);
        foreach (var problem in problems)
        {
            await stderr.WriteLineAsync(problem.ToString());
        }

        var errors = problems.Count(p => !p.IsWarning);
        if (errors == 0)
        {
            await stdout.WriteLineAsync($"{file}: ok");
        }

        await stdout.FlushAsync(cancellationToken);
        await stderr.FlushAsync(cancellationToken);
        return errors == 0 ? ExitCodes.Success : ExitCodes.BadUsage;
    }

    private static async Task<int> RunChartAsync(ParsedArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var options = LoadOptions(args);
        var timeout = args.GetSeconds("--timeout", 30, 86_400);
        var json = args.Has("--json");
        var file = SingleFile(args, "run");
        ScxmlDocument document;
        try
        {
            document = ScxmlLoader.LoadFile(file, options);
        }
        catch (ScxmlLoadException ex)
        {
            foreach (var problem in ex.Diagnostics)
            {
                await stderr.WriteLineAsync(problem.ToString());
            }

            return ExitCodes.BadUsage;
        }

        var logs = new List<(string? Label, string Value)>();
        var logLock = new Lock();
        using var scheduler = new ThreadPoolScxmlScheduler();
        using var runtime = new ScxmlRuntime(scheduler, new ScxmlRuntimeOptions
        {
            EnableBasicHttp = true,
            LogSink = (_, label, value) =>
            {
                lock (logLock)
                {
                    logs.Add((label, value));
                    if (!json)
                    {
                        stderr.WriteLine(label is null ? $"log: {value}" : $"log {label}: {value}");
                    }
                }
            },
        });
        var session = runtime.Start(document);
        var finished = await Task.WhenAny(session.Completion, Task.Delay(timeout, cancellationToken)) == session.Completion;
        cancellationToken.ThrowIfCancellationRequested();
        var result = finished ? session.Completion.Result : null;
        var line = result switch
        {
            null => "timeout",
            { End: ScxmlSessionEnd.Final } => "final: " + result.FinalStateId,
            { End: ScxmlSessionEnd.Failed } => "failed: " + result.Error,
            _ => "cancelled",
        };
        if (json)
        {
            string[] logLines;
            lock (logLock)
            {
                logLines = [.. logs.Select(l => l.Label is null ? l.Value : $"{l.Label}: {l.Value}")];
            }

            var report = new ScxmlRunReport(result is null ? "timeout" : result.End.ToString().ToLowerInvariant(), result?.FinalStateId,
                result?.Error, session.SessionId, logLines);
            await stdout.WriteLineAsync(JsonSerializer.Serialize(report, ScxmlRunReportContext.Default.ScxmlRunReport));
        }
        else
        {
            await stdout.WriteLineAsync(line);
        }

        await stdout.FlushAsync(cancellationToken);
        await stderr.FlushAsync(cancellationToken);
        return result is { End: ScxmlSessionEnd.Final } ? ExitCodes.Success : ExitCodes.RuntimeFailure;
    }
}
