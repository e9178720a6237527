namespace CtiGateway.Scxml;

/// <summary>Resolves <c>src</c> references: <c>file:</c> URIs or plain paths, relative to the document folder, kept inside allowed folders.</summary>
internal static class PathPolicy
{
    public static bool TryResolve(string reference, string baseDirectory, IReadOnlyList<string> allowedRoots, out string path, out string problem)
    {
        path = string.Empty;
        problem = string.Empty;
        var value = reference.Trim();
        if (value.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
            {
                problem = $"'{reference}' is not a valid file URI";
                return false;
            }

            value = uri.LocalPath;
        }
        else if (value.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            value = Uri.UnescapeDataString(value[5..]);
        }
        else if (value.Contains("://", StringComparison.Ordinal))
        {
            problem = $"'{reference}': only file references are supported";
            return false;
        }

        if (value.Length == 0)
        {
            problem = "empty src reference";
            return false;
        }

        string full;
        try
        {
            full = Path.GetFullPath(Path.IsPathRooted(value) ? value : Path.Combine(baseDirectory, value));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            problem = $"'{reference}' is not a valid path: {ex.Message}";
            return false;
        }

        var inside = IsUnder(full, baseDirectory) || allowedRoots.Any(root => IsUnder(full, root));
        if (!inside)
        {
            problem = $"'{reference}' is outside the document folder and the allowed folders";
            return false;
        }

        if (!File.Exists(full))
        {
            problem = $"'{reference}' was not found (looked for {full})";
            return false;
        }

        path = full;
        return true;
    }

    private static bool IsUnder(string full, string root)
    {
        var rootFull = Path.GetFullPath(root);
        if (!rootFull.EndsWith(Path.DirectorySeparatorChar))
        {
            rootFull += Path.DirectorySeparatorChar;
        }

        return full.StartsWith(rootFull, StringComparison.Ordinal);
    }
}
