namespace CtiGateway.Scxml;

/// <summary>Resolves <c>src</c> references: <c>file:</c> URIs or plain paths, relative to the document folder, kept inside allowed folders.</summary>
internal static class PathPolicy
{
    public static bool TryResolve(string reference, string baseDirectory, IReadOnlyList<string> allowedRoots, out string path, out string problem)
        => TryResolve(reference, baseDirectory, [baseDirectory, .. allowedRoots], false, out path, out problem, out _);

    /// <summary>
    /// Resolves <paramref name="reference"/> relative to <paramref name="relativeTo"/> and keeps it under one of
    /// <paramref name="roots"/>. <paramref name="missing"/> is true when the reference is well formed but names no file
    /// (with <paramref name="missingFirst"/>, checked before the folder rule, so that a missing include is reported as
    /// missing wherever it was looked for).
    /// </summary>
    public static bool TryResolve(string reference, string relativeTo, IReadOnlyList<string> roots, bool missingFirst, out string path, out string problem, out bool missing)
    {
        missing = false;
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
            full = Path.GetFullPath(Path.IsPathRooted(value) ? value : Path.Combine(relativeTo, value));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            problem = $"'{reference}' is not a valid path: {ex.Message}";
            return false;
        }

        var inside = roots.Any(root => IsUnder(full, root));
        if (!inside && !missingFirst)
        {
            problem = $"'{reference}' is outside the document folder and the allowed folders";
            return false;
        }

        if (!File.Exists(full))
        {
            missing = true;
            problem = inside ? $"'{reference}' was not found (looked for {full})" : $"'{reference}' was not found";
            return false;
        }

        if (!inside)
        {
            problem = $"'{reference}' is outside the document folder and the allowed folders";
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
