using System.Globalization;

namespace CtiGateway.Cli.Bench;

/// <summary>CPU time and peak resident memory of a Linux process, from /proc/PID (null where they cannot be read).</summary>
internal static class ProcessMeter
{
    /// <summary>The kernel's user-space clock tick (USER_HZ), fixed at 100 on Linux.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>User plus system CPU time of every thread of the process (utime + stime of /proc/PID/stat).</summary>
    public static TimeSpan? CpuTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // Fields after "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 12
            && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
            ? TimeSpan.FromSeconds((user + system) / TicksPerSecond)
            : null;
    }

    /// <summary>The peak resident set size (VmHWM of /proc/PID/status) in bytes.</summary>
    public static long? PeakResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                {
                    return kb * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }
}
