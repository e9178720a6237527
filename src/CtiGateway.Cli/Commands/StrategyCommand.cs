using CtiGateway.Cli.Sandbox;
using CtiGateway.Scxml;
using CtiGateway.Simulator;
using CtiGateway.Switching;

namespace CtiGateway.Cli;

/// <summary>
/// <c>ctigw strategy try FILE [--dn DN@SWITCH] [--timeout SECONDS] [--dialect w3c|ors] [script options]</c>: the
/// strategy sandbox (<see cref="StrategySandbox"/>). A strategy that does not load prints each problem as
/// <c>FILE:LINE:COL: message</c> and exits 2.
/// </summary>
internal static class StrategyCommand
{
    private static readonly string[] ValueOptions = ["--dn", "--timeout", "--dialect", "--answer", "--abandon", "--agent-ready", "--ani", "--dnis", "--udata"];
    private static readonly string[] Flags = ["--agents-busy", "--all-agents-ready"];
    private static readonly string[] Repeatable = ["--agent-ready", "--udata"];

    public static async Task<int> RunAsync(IReadOnlyList<string> tokens, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var sub = tokens.Count > 0 ? tokens[0] : null;
        if (sub != "try")
        {
            throw sub is null
                ? new UsageException("strategy needs a subcommand: try.") { Command = "strategy" }
                : new UsageException($"unknown strategy subcommand '{sub}' (known: try).") { Command = "strategy" };
        }

        var args = ParsedArguments.Parse("strategy", tokens.Skip(1).ToList(), ValueOptions, Flags, Repeatable);
        var script = Script(args);
        try
        {
            ScxmlLoader.LoadFile(script.File, new ScxmlLoadOptions { Dialect = script.Dialect });
        }
        catch (ScxmlLoadException ex)
        {
            foreach (var problem in ex.Diagnostics)
            {
                await stderr.WriteLineAsync(problem.ToString());
            }

            return ExitCodes.BadUsage;
        }

        int exit;
        await using (var sandbox = new StrategySandbox(script, stdout, stderr))
        {
            try
            {
                exit = await sandbox.RunAsync(cancellationToken);
            }
            catch (SwitchConfigException ex)
            {
                await stderr.WriteLineAsync($"ctigw: strategy try: {ex.Message}");
                exit = ExitCodes.RuntimeFailure;
            }
        }

        await stdout.FlushAsync(CancellationToken.None);
        await stderr.FlushAsync(CancellationToken.None);
        return exit;
    }

    private static SandboxScript Script(ParsedArguments args)
    {
        if (args.Positionals.Count != 1)
        {
            throw args.Usage("strategy try needs exactly one FILE.");
        }

        var (dn, switchName) = RoutePoint(args);
        return new SandboxScript
        {
            File = args.Positionals[0],
            Dn = dn,
            Switch = switchName,
            Dialect = args.Get("--dialect") switch
            {
                null or "ors" => ScxmlDialect.Ors,
                "w3c" => ScxmlDialect.W3c,
                var other => throw args.Usage($"--dialect must be w3c or ors, not '{other}'."),
            },
            Timeout = args.GetSeconds("--timeout", 300, 86_400),
            AnswerAfter = args.Get("--answer") is null ? null : args.GetSeconds("--answer", 0, 86_400),
            AbandonAfter = args.Get("--abandon") is null ? null : args.GetSeconds("--abandon", 0, 86_400),
            ReadyAgents = ReadyAgents(args),
            Ani = Number(args, "--ani") ?? SandboxScript.DefaultAni,
            Dnis = Number(args, "--dnis"),
            UserData = UserData(args),
        };
    }

    /// <summary>--udata KEY=VALUE (repeatable): string pairs the call brings to the route point.</summary>
    private static List<KeyValuePair<string, string>> UserData(ParsedArguments args)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var text in args.GetAll("--udata"))
        {
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw args.Usage($"--udata {text}: give KEY=VALUE (a key of at least one character).");
            }

            var key = text[..eq];
            if (pairs.Any(p => p.Key == key))
            {
                throw args.Usage($"--udata {text}: key '{key}' is given twice.");
            }

            pairs.Add(new(key, text[(eq + 1)..]));
        }

        return pairs;
    }

    /// <summary>--dn DN@SWITCH (default 3001@tel_sw): a route point of the demo plan, or a DN outside it that the sandbox adds as one.</summary>
    private static (string Dn, string Switch) RoutePoint(ParsedArguments args)
    {
        var text = args.Get("--dn") ?? DemoPlan.RoutePoint + "@" + DemoPlan.Switch;
        var at = text.LastIndexOf('@');
        var dn = at >= 0 ? text[..at] : text;
        var switchName = at >= 0 ? text[(at + 1)..] : DemoPlan.Switch;
        if (switchName is not (DemoPlan.Switch or DemoPlan.Switch1))
        {
            throw args.Usage($"--dn {text}: the sandbox's switches are {DemoPlan.Switch} and {DemoPlan.Switch1}, not '{switchName}'.");
        }

        if (dn.Length == 0 || dn.Length > SwitchDirectory.MaxDnLength || !dn.All(char.IsAsciiDigit))
        {
            throw args.Usage($"--dn {text}: the DN must be 1-{SwitchDirectory.MaxDnLength} digits.");
        }

        if (SwitchingPlan.Demo().TryGet(dn, out var device))
        {
            if (device.Kind != SimDeviceKind.RoutePoint)
            {
                var kind = device.Kind switch
                {
                    SimDeviceKind.AcdQueue => "an ACD queue",
                    SimDeviceKind.Extension => "an extension",
                    _ => device.Kind.ToString(),
                };
                throw args.Usage($"--dn {text}: {dn} is {kind} of the demo plan on {device.SwitchName}; strategies run on route points "
                    + $"({DemoPlan.RoutePoint}@{DemoPlan.Switch}, or a DN outside the plan, which the sandbox adds as a route point).");
            }

            if (device.SwitchName != switchName)
            {
                throw args.Usage($"--dn {text}: route point {dn} is on {device.SwitchName}, not {switchName}.");
            }
        }

        return (dn, switchName);
    }

    /// <summary>--agents-busy (none ready), --agent-ready ID (repeatable, or comma-separated: only those), --all-agents-ready (the default).</summary>
    private static HashSet<string>? ReadyAgents(ParsedArguments args)
    {
        var named = args.GetAll("--agent-ready").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        var busy = args.Has("--agents-busy");
        var all = args.Has("--all-agents-ready");
        if ((busy ? 1 : 0) + (all ? 1 : 0) + (named.Count > 0 ? 1 : 0) > 1)
        {
            throw args.Usage("give one of --agents-busy, --agent-ready ID and --all-agents-ready.");
        }

        if (named.FirstOrDefault(a => !DemoPlan.AgentIds.Contains(a)) is { } unknown)
        {
            throw args.Usage($"--agent-ready {unknown}: not an agent of {DemoPlan.Group} ({DemoPlan.AgentIds[0]}-{DemoPlan.AgentIds[^1]}).");
        }

        return busy ? [] : named.Count > 0 ? [.. named] : null;
    }

    private static string? Number(ParsedArguments args, string option)
    {
        if (args.Get(option) is not { } text)
        {
            return null;
        }

        if (text.Length is 0 or > 32 || !text.All(c => char.IsAsciiDigit(c) || c is '+' or '*' or '#'))
        {
            throw args.Usage($"{option} must be a telephone number (digits, +, * or #, at most 32), not '{text}'.");
        }

        return text;
    }
}
