using System.Runtime.InteropServices;

namespace CtiGateway.Daemon.Tests;

/// <summary>kill(2), to send SIGTERM/SIGHUP/SIGINT to a child process.</summary>
internal static partial class Posix
{
    public const int SIGHUP = 1;
    public const int SIGINT = 2;
    public const int SIGTERM = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}
