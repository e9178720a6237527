using System.Globalization;
using System.Net;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Simulator;
using CtiGateway.Transport.Serial;

namespace CtiGateway.Cli;

/// <summary>
/// <c>ctigw simulate --profile FILE (--listen HOST:PORT | --serial DEVICE) [--calls-per-second N] [--max-calls N] [traffic options]
/// [--baud N] [--pace] [--corrupt-percent P] [--seed N] [--aes-user USER --aes-password PASSWORD]</c>: the PBX
/// simulator on its own, as the switch side of a link, with the demo switching plan (CONTRACT.md; ACD queue 4001
/// distributes its calls to the ready agents 5001-5020 by itself, lowest DN first). The profile is
/// validated first (problems on stderr as <c>FILE:LINE:COL: message</c>, exit 2); <c>--listen</c> needs a
/// CSTA-XML-over-TCP profile. It prints <c>simulator listening on HOST:PORT (profile ID)</c> and runs until
/// SIGINT/SIGTERM (exit 0).
/// </summary>
internal static class SimulateCommand
{
    /// <summary>The route point that receives the scripted inbound calls (the demo's 3001).</summary>
    public const string InboundTargetDn = "3001";

    /// <summary>The highest accepted --calls-per-second.</summary>
    public const double MaxCallsPerSecond = TrafficSettings.MaxCallsPerSecond;

    public static async Task<int> RunAsync(IReadOnlyList<string> tokens, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var args = ParsedArguments.Parse(
            "simulate",
            tokens,
            ["--profile", "--listen", "--serial", "--calls-per-second", "--max-calls", "--answer-delay", "--hold-time", "--abandon-rate", "--transfer-rate", "--transfer-to", "--routing-timeout",
             "--corrupt-percent", "--seed", "--baud", "--aes-user", "--aes-password"],
            ["--pace"]);
        if (args.Positionals.Count > 0)
        {
            throw args.Usage($"unexpected argument '{args.Positionals[0]}'.");
        }

        var profilePath = args.Get("--profile") ?? throw args.Usage("simulate needs --profile FILE.");
        var listen = args.Get("--listen");
        var serial = args.Get("--serial");
        if ((listen is null) == (serial is null))
        {
            throw args.Usage("simulate needs exactly one of --listen HOST:PORT or --serial DEVICE.");
        }

        var traffic = Traffic(args);
        var endpoint = listen is null ? null : ParseEndpoint(args, listen);
        if (serial is null && (args.Get("--corrupt-percent") ?? args.Get("--seed") ?? args.Get("--baud")) is not null || serial is null && args.Has("--pace"))
        {
            throw args.Usage("--corrupt-percent, --seed, --baud and --pace apply to --serial only.");
        }

        var line = (CorruptPercent: CorruptPercent(args), Seed: OptionalInt(args, "--seed", int.MinValue, int.MaxValue) ?? 1, Baud: OptionalInt(args, "--baud", 1, int.MaxValue), Pace: args.Has("--pace"));

        var problems = FirmwareProfileLoader.Validate(profilePath);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await stderr.WriteLineAsync(problem.ToString());
            }

            return ExitCodes.BadUsage;
        }

        var profile = FirmwareProfileLoader.Load(profilePath);
        if (serial is not null)
        {
            return await RunSerialAsync(args, profile, profilePath, serial, traffic, line, stdout, stderr, cancellationToken);
        }

        if (profile.Transport.Kind != TransportKind.Tcp || profile.Framing.Kind != FramingKind.CstaXmlTcp)
        {
            throw args.Usage(
                $"profile {profile.Id} ({profilePath}) is a {Describe(profile)} profile; --listen serves CSTA-XML over TCP only. A serial profile needs --serial DEVICE.");
        }

        var options = CstaSimulatorOptions.ForProfile(profile);
        var aesUser = args.Get("--aes-user");
        var aesPassword = args.Get("--aes-password");
        if (aesUser is not null || aesPassword is not null)
        {
            if (aesUser is null || aesPassword is null)
            {
                throw args.Usage("--aes-user and --aes-password go together.");
            }

            if (options.ApplicationSession is null)
            {
                throw args.Usage($"--aes-user and --aes-password need a profile with dialect.application-session; {profile.Id} has none.");
            }

            options = options with { ApplicationSession = options.ApplicationSession with { UserName = aesUser, Password = aesPassword } };
        }

        var model = new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System) { AutomaticDistribution = true };
        await using var server = new CstaSimulatorServer(model, options);
        server.Start(endpoint!);
        StartTraffic(args, server, traffic);

        await stdout.WriteLineAsync($"simulator listening on {server.LocalEndPoint} (profile {profile.Id})");
        await stdout.WriteLineAsync($"traffic: {traffic.Describe()}");
        await stdout.FlushAsync(CancellationToken.None);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // SIGINT or SIGTERM: the normal way to stop the simulator.
        }

        return ExitCodes.Success;
    }

    /// <summary>The line settings of a serial profile, for <paramref name="device"/>.</summary>
    public static SerialLinkSettings SerialSettingsOf(FirmwareProfile profile, string device)
    {
        var line = profile.Transport.Serial ?? throw new ArgumentException($"profile {profile.Id} has no serial settings.", nameof(profile));
        return new SerialLinkSettings
        {
            PortName = device,
            BaudRate = line.Baud,
            DataBits = line.DataBits,
            Parity = line.Parity switch
            {
                Pbx.Profiles.SerialParity.Even => Transport.Serial.SerialParity.Even,
                Pbx.Profiles.SerialParity.Odd => Transport.Serial.SerialParity.Odd,
                Pbx.Profiles.SerialParity.Mark => Transport.Serial.SerialParity.Mark,
                Pbx.Profiles.SerialParity.Space => Transport.Serial.SerialParity.Space,
                _ => Transport.Serial.SerialParity.None,
            },
            StopBits = line.StopBits switch
            {
                2 => SerialStopBits.Two,
                1.5 => SerialStopBits.OnePointFive,
                _ => SerialStopBits.One,
            },
            FlowControl = line.FlowControl switch
            {
                Pbx.Profiles.SerialFlowControl.RtsCts => Transport.Serial.SerialFlowControl.RtsCts,
                Pbx.Profiles.SerialFlowControl.XonXoff => Transport.Serial.SerialFlowControl.XonXoff,
                _ => Transport.Serial.SerialFlowControl.None,
            },
        };
    }

    private static async Task<int> RunSerialAsync(ParsedArguments args, FirmwareProfile profile, string profilePath, string device,
        TrafficSettings traffic, (double CorruptPercent, int Seed, int? Baud, bool Pace) lineOptions, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (profile.Transport.Kind != TransportKind.Serial || profile.Framing.Kind is not (FramingKind.Lapb or FramingKind.Bsc))
        {
            throw args.Usage(
                $"profile {profile.Id} ({profilePath}) is a {Describe(profile)} profile; --serial serves serial LAPB or BSC profiles only. A CSTA-XML-over-TCP profile needs --listen HOST:PORT.");
        }

        SerialDuplexPipe line;
        try
        {
            var settings = SerialSettingsOf(profile, device) with { PaceOutput = lineOptions.Pace };
            if (lineOptions.Baud is { } baud)
            {
                settings = settings with { BaudRate = baud };
            }

            if (settings.Validate() is { Count: > 0 } problems)
            {
                throw args.Usage(string.Join("; ", problems));
            }

            line = await SerialTransport.OpenAsync(settings, cancellationToken);
        }
        catch (SerialLinkException ex)
        {
            await stderr.WriteLineAsync($"ctigw: cannot open serial device {device}: {ex.Message}");
            return ExitCodes.RuntimeFailure;
        }

        await using (line)
        {
            var model = new SwitchModel(SwitchingPlan.Demo(), TimeProvider.System) { AutomaticDistribution = true };
            await using var server = new CstaSimulatorServer(model, CstaSimulatorOptions.ForProfile(profile));
            await using var bridge = await SerialSimulatorBridge.StartAsync(server, line, profile, cancellationToken: cancellationToken,
                corruptPercent: lineOptions.CorruptPercent, seed: lineOptions.Seed);
            StartTraffic(args, server, traffic);

            await stdout.WriteLineAsync($"simulator on serial {device} (profile {profile.Id})");
            await stdout.WriteLineAsync($"traffic: {traffic.Describe()}");
            await stdout.FlushAsync(CancellationToken.None);
            var last = string.Empty;
            try
            {
                while (true)
                {
                    last = await PrintStatsAsync(bridge, last, stdout);
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // SIGINT or SIGTERM: the normal way to stop the simulator.
            }

            await PrintStatsAsync(bridge, string.Empty, stdout);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Prints <c>serial: frames-sent=N digest=HEX corrupted=N line-errors=N</c> when it differs from
    /// <paramref name="previous"/>: the CSTA frames handed to the link layer and their digest (compare with the
    /// gateway's frames-in and frames-in-digest), the data frames corrupted on purpose (compare with the gateway's
    /// hardware errors) and the bad frames received from the gateway.
    /// </summary>
    private static async Task<string> PrintStatsAsync(SerialSimulatorBridge bridge, string previous, TextWriter stdout)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"serial: frames-sent={bridge.FramesSent} digest={CstaFrameDigest.Format(bridge.FramesSentDigest)} corrupted={bridge.CorruptedFrames} line-errors={bridge.LineErrors}");
        if (text != previous)
        {
            await stdout.WriteLineAsync(text);
            await stdout.FlushAsync(CancellationToken.None);
        }

        return text;
    }

    private static double CorruptPercent(ParsedArguments args)
    {
        if (args.Get("--corrupt-percent") is not { } text)
        {
            return 0;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= 0) || value > 100)
        {
            throw args.Usage($"--corrupt-percent must be a number from 0 to 100, not '{text}'.");
        }

        return value;
    }

    private static int? OptionalInt(ParsedArguments args, string option, int min, int max)
    {
        if (args.Get(option) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw args.Usage($"{option} must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'.");
        }

        return value;
    }

    private static string Describe(FirmwareProfile profile) =>
        $"{profile.Transport.Kind.ToString().ToLowerInvariant()}/{profile.Framing.Kind switch
        {
            FramingKind.CstaXmlTcp => "csta-xml-tcp",
            FramingKind.Lapb => "lapb",
            FramingKind.Bsc => "bsc",
            _ => profile.Framing.Kind.ToString(),
        }}";

    /// <summary>The traffic options; a bad value is a usage error naming the option.</summary>
    private static TrafficSettings Traffic(ParsedArguments args)
    {
        var traffic = new TrafficSettings { TargetDn = InboundTargetDn };
        traffic.CallsPerSecond = Number(args, "--calls-per-second", traffic.CallsPerSecond);
        traffic.AnswerDelay = Number(args, "--answer-delay", traffic.AnswerDelay);
        traffic.HoldTime = Number(args, "--hold-time", traffic.HoldTime);
        traffic.AbandonRate = Number(args, "--abandon-rate", traffic.AbandonRate);
        traffic.TransferRate = Number(args, "--transfer-rate", traffic.TransferRate);
        traffic.RoutingTimeout = Number(args, "--routing-timeout", traffic.RoutingTimeout);
        traffic.TransferTo = args.Get("--transfer-to") ?? traffic.TransferTo;
        traffic.MaxCalls = OptionalInt(args, "--max-calls", 1, int.MaxValue);
        var problem = traffic.Validate(OptionName).FirstOrDefault();
        return problem is null ? traffic : throw args.Usage(problem + ".");
    }

    /// <summary>"CallsPerSecond" -> "--calls-per-second".</summary>
    private static string OptionName(string property) =>
        "--" + string.Concat(property.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static double Number(ParsedArguments args, string option, double fallback)
    {
        if (args.Get(option) is not { } text)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw args.Usage($"{option} must be a number, not '{text}'.");
    }

    private static void StartTraffic(ParsedArguments args, CstaSimulatorServer server, TrafficSettings traffic)
    {
        if (traffic.ToOptions() is not { } options)
        {
            return;
        }

        try
        {
            server.Invoke(m => m.StartInboundTraffic(options));
        }
        catch (ArgumentException ex)
        {
            throw args.Usage($"traffic options: {ex.Message}");
        }
    }

    private static IPEndPoint ParseEndpoint(ParsedArguments args, string text)
    {
        if (IPEndPoint.TryParse(text, out var endpoint) && text.Contains(':', StringComparison.Ordinal))
        {
            return endpoint;
        }

        var colon = text.LastIndexOf(':');
        if (colon > 0
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port <= IPEndPoint.MaxPort
            && string.Equals(text[..colon], "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        throw args.Usage($"--listen must be HOST:PORT with an IP address or localhost and a port from 0 to 65535 (0 picks a free port), not '{text}'.");
    }
}
