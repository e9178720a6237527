using System.Globalization;
using System.Text.RegularExpressions;

namespace CtiGateway.Protocol.Tests.WireFormat;

/// <summary>Reads docs/wire-format.md: its hex dumps and its id tables.</summary>
internal static partial class WireFormatDocument
{
    public const string RelativePath = "docs/wire-format.md";

    private static readonly Lazy<string[]> Lines = new(() => System.IO.File.ReadAllLines(RepoRoot.File(RelativePath)));

    /// <summary>Every line of the document.</summary>
    public static IReadOnlyList<string> AllLines => Lines.Value;

    /// <summary>Every hex block, in document order. Malformed blocks throw with the line that is wrong.</summary>
    public static IReadOnlyList<HexBlock> HexBlocks()
    {
        var lines = Lines.Value;
        var blocks = new List<HexBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (!line.StartsWith("```hex", StringComparison.Ordinal))
            {
                continue;
            }

            var m = FenceName().Match(line);
            if (!m.Success)
            {
                throw new FormatException($"{RelativePath}:{i + 1}: a hex block needs an info string 'hex name=NAME', not '{line}'.");
            }

            var start = i + 1;
            var bytes = new List<byte>();
            for (i++; ; i++)
            {
                if (i >= lines.Length)
                {
                    throw new FormatException($"{RelativePath}:{start}: hex block '{m.Groups[1].Value}' is not closed.");
                }

                var text = lines[i];
                if (text.TrimEnd() == "```")
                {
                    break;
                }

                var semicolon = text.IndexOf(';', StringComparison.Ordinal);
                var data = semicolon >= 0 ? text[..semicolon] : text;
                foreach (var token in data.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                {
                    if (token.Length != 2 || !byte.TryParse(token, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                    {
                        throw new FormatException($"{RelativePath}:{i + 1}: '{token}' is not a hex byte (comments start with ';').");
                    }

                    bytes.Add(b);
                }
            }

            blocks.Add(new HexBlock(m.Groups[1].Value, start, [.. bytes]));
        }

        return blocks;
    }

    /// <summary>The lines of the section that starts with <paramref name="heading"/>, up to the next heading.</summary>
    public static IReadOnlyList<string> Section(string heading)
    {
        var lines = Lines.Value;
        var start = Array.FindIndex(lines, l => l.TrimEnd() == heading);
        if (start < 0)
        {
            throw new FormatException($"{RelativePath} has no heading '{heading}'.");
        }

        var section = new List<string>();
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith('#'); i++)
        {
            section.Add(lines[i]);
        }

        return section;
    }

    [GeneratedRegex(@"^```hex\s+name=([A-Za-z0-9_.-]+)\s*$")]
    private static partial Regex FenceName();
}
