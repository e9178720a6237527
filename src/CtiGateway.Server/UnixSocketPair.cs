using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace CtiGateway.Server;

/// <summary>
/// A connected pair of Unix stream sockets made by <c>socketpair(2)</c>: no address, no listener, so nothing outside
/// the process can reach either end. Each end is a <see cref="Socket"/> over its own file descriptor.
/// </summary>
internal static partial class UnixSocketPair
{
    private const int AfUnix = 1;
    private const int SockStream = 1;
    private const int SockCloExec = 0x80000;

    /// <summary>Creates the pair; the caller owns both sockets.</summary>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    /// <exception cref="IOException">socketpair failed (e.g. out of file descriptors).</exception>
    public static (Socket First, Socket Second) Create()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("In-process T-Library connections need socketpair(AF_UNIX) as on Linux.");
        }

        Span<int> fds = stackalloc int[2];

        // Close-on-exec: a child process the daemon starts must not inherit either end.
        if (SocketPair(AfUnix, SockStream | SockCloExec, 0, ref fds[0]) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"socketpair(AF_UNIX, SOCK_STREAM) failed: errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)})");
        }

        var firstHandle = new SafeSocketHandle(fds[0], ownsHandle: true);
        var secondHandle = new SafeSocketHandle(fds[1], ownsHandle: true);
        Socket? first = null;
        try
        {
            first = new Socket(firstHandle);
            return (first, new Socket(secondHandle));
        }
        catch
        {
            if (first is null)
            {
                firstHandle.Dispose();
            }
            else
            {
                first.Dispose();
            }

            secondHandle.Dispose();
            throw;
        }
    }

    [LibraryImport("libc", EntryPoint = "socketpair", SetLastError = true)]
    private static partial int SocketPair(int domain, int type, int protocol, ref int fds);
}
