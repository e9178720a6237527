using CtiGateway.Protocol.Tests.WireFormat;

namespace CtiGateway.Server.Tests.WireFormat;

/// <summary>The rows of a markdown table in one section of docs/wire-format.md.</summary>
internal static class DocTable
{
    /// <summary>
    /// The body rows (header and separator skipped) of the first table under <paramref name="heading"/> whose header
    /// starts with <paramref name="firstColumn"/>, as trimmed cells.
    /// </summary>
    public static IReadOnlyList<string[]> Rows(string heading, string firstColumn)
    {
        var lines = WireFormatDocument.Section(heading);
        var header = lines.ToList().FindIndex(l => l.StartsWith($"| {firstColumn} |", StringComparison.Ordinal));
        if (header < 0)
        {
            throw new FormatException($"{WireFormatDocument.RelativePath}: section '{heading}' has no table with the column '{firstColumn}'.");
        }

        var rows = new List<string[]>();
        for (var i = header + 2; i < lines.Count && lines[i].StartsWith('|'); i++)
        {
            rows.Add([.. lines[i].Trim().Trim('|').Split(" | ").Select(c => c.Trim())]);
        }

        return rows;
    }

    /// <summary>The text inside the first pair of backticks of <paramref name="cell"/>.</summary>
    public static string Code(string cell)
    {
        var start = cell.IndexOf('`', StringComparison.Ordinal);
        var end = start < 0 ? -1 : cell.IndexOf('`', start + 1);
        return end > start ? cell[(start + 1)..end] : throw new FormatException($"{WireFormatDocument.RelativePath}: no `code` in the cell '{cell}'.");
    }

    /// <summary>The bytes of a cell written as `54 4c 01 ...`.</summary>
    public static byte[] Hex(string cell) => Convert.FromHexString(Code(cell).Replace(" ", string.Empty, StringComparison.Ordinal));
}
