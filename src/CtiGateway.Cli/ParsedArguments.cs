using System.Globalization;

namespace CtiGateway.Cli;

/// <summary>
/// The arguments of one command: positionals, options with values (<c>--name value</c> or <c>--name=value</c>) and
/// flags. Anything not declared is a usage error that names it. <c>--</c> ends the options.
/// </summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _repeated = new(StringComparer.Ordinal);

    private ParsedArguments(string command)
    {
        Command = command;
    }

    /// <summary>The command, e.g. "monitor", for messages.</summary>
    public string Command { get; }

    /// <summary>The positional arguments, in order.</summary>
    public List<string> Positionals { get; } = [];

    /// <summary>
    /// Parses <paramref name="tokens"/> for <paramref name="command"/>. The options in <paramref name="repeatable"/> (also
    /// listed in <paramref name="valueOptions"/>) may be given more than once (<see cref="GetAll"/>).
    /// </summary>
    public static ParsedArguments Parse(string command, IReadOnlyList<string> tokens, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flags,
        IReadOnlyCollection<string>? repeatable = null)
    {
        var parsed = new ParsedArguments(command);
        var optionsEnded = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (optionsEnded || !token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                if (token == "--" && !optionsEnded)
                {
                    optionsEnded = true;
                    continue;
                }

                parsed.Positionals.Add(token);
                continue;
            }

            var eq = token.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? token[..eq] : token;
            if (flags.Contains(name))
            {
                if (eq > 0)
                {
                    throw parsed.Usage($"option {name} takes no value (got '{token}').");
                }

                parsed._flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                string value;
                if (eq > 0)
                {
                    value = token[(eq + 1)..];
                }
                else if (i + 1 < tokens.Count)
                {
                    value = tokens[++i];
                }
                else
                {
                    throw parsed.Usage($"option {name} needs a value.");
                }

                if (repeatable?.Contains(name) == true)
                {
                    if (!parsed._repeated.TryGetValue(name, out var values))
                    {
                        parsed._repeated[name] = values = [];
                    }

                    values.Add(value);
                }
                else if (!parsed._values.TryAdd(name, value))
                {
                    throw parsed.Usage($"option {name} is given twice.");
                }
            }
            else
            {
                throw parsed.Usage($"unknown option '{name}' for 'ctigw {command}'.");
            }
        }

        return parsed;
    }

    /// <summary>True when the flag was given.</summary>
    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>The value of an option, or null.</summary>
    public string? Get(string option) => _values.GetValueOrDefault(option);

    /// <summary>Every value of a repeatable option, in order (empty when it was not given).</summary>
    public IReadOnlyList<string> GetAll(string option) => _repeated.TryGetValue(option, out var values) ? values : [];

    /// <summary>An integer option within [min, max], or the default.</summary>
    public int GetInt(string option, int defaultValue, int min, int max)
    {
        if (Get(option) is not { } text)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw Usage($"{option} must be a whole number from {min} to {max}, not '{text}'.");
        }

        return value;
    }

    /// <summary>A positive number of seconds (fractions allowed) up to <paramref name="max"/>, or the default.</summary>
    public TimeSpan GetSeconds(string option, double defaultSeconds, double max)
    {
        if (Get(option) is not { } text)
        {
            return TimeSpan.FromSeconds(defaultSeconds);
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds > 0) || seconds > max)
        {
            throw Usage($"{option} must be a number of seconds above 0 and at most {max.ToString(CultureInfo.InvariantCulture)}, not '{text}'.");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>A usage error for this command.</summary>
    public UsageException Usage(string message) => new(message) { Command = Command };
}
