using System.Net.Sockets;

namespace CtiGateway.Server;

public sealed partial class TlibServer
{
    // In-process connections open now, under _clientsLock: they are not counted against TServer:MaxClients.
    private int _inProcessClients;

    /// <summary>In-process clients connected now (included in <see cref="ClientCount"/>).</summary>
    public int InProcessClientCount
    {
        get
        {
            lock (_clientsLock)
            {
                return _inProcessClients;
            }
        }
    }

    /// <summary>
    /// Attaches a T-Library client that lives in this process (a router, an orchestration engine) without the TCP
    /// port: returns the client's end of a private connected socket pair (<c>socketpair(AF_UNIX, SOCK_STREAM)</c>, no
    /// address, no listener, so nothing outside the process can reach it). The server's end is served exactly like an
    /// accepted TCP client: the same read loop, RequestRegisterClient and its deadline, DN registrations, input masks,
    /// events, ADDP, the limits on requests and DNs per client, the slow-reader cut. It is not subject to
    /// TServer:AllowedClients, TServer:MaxClientsPerAddress or TServer:MaxClients, never uses TLS, and shows in
    /// <see cref="GetClients"/> as in-process. Stopping or disposing the server closes it like any client; the caller
    /// then sees end of stream and may call this again on a new server.
    /// </summary>
    /// <param name="applicationName">
    /// Who is attaching, for the log line and the clients listing until its RequestRegisterClient names it.
    /// </param>
    /// <returns>The connected client socket; the caller owns it (hand it to a T-Library client, e.g. TServerClient's SocketFactory).</returns>
    /// <exception cref="InvalidOperationException">The server is not running (not started yet, or stopping/stopped).</exception>
    /// <exception cref="PlatformNotSupportedException">Not on Linux.</exception>
    /// <exception cref="IOException">The socket pair could not be created (e.g. out of file descriptors).</exception>
    public Socket ConnectInProcess(string applicationName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationName);
        ThrowIfNotRunning();
        var (serverEnd, clientEnd) = UnixSocketPair.Create();
        var id = Interlocked.Increment(ref _nextClientId);
        try
        {
            var client = new ClientConnection(this, id, serverEnd, InProcessEndPoint.Instance, sourceAddress: null, Time.GetUtcNow(), Elapsed)
            {
                ApplicationName = Printable(applicationName),
            };

            // Checked again under the lock StopAsync takes its list of clients under: a connection added here is
            // either in that list, started (so that StopAsync waits for its completion) and closed with the others,
            // or refused.
            lock (_clientsLock)
            {
                ThrowIfNotRunning();
                Volatile.Write(ref _clients, [.. _clients, client]);
                _inProcessClients++;
                Interlocked.Increment(ref _clientsAccepted);
                TServerLog.InProcessClientConnected(Logger, id, client.ApplicationName!);
                client.Start();
            }
        }
        catch
        {
            serverEnd.Dispose();
            clientEnd.Dispose();
            throw;
        }

        return clientEnd;
    }

    private void ThrowIfNotRunning()
    {
        var state = Volatile.Read(ref _state);
        if (state != 1)
        {
            throw new InvalidOperationException(state == 0
                ? "ConnectInProcess: the T-Library server is not started yet."
                : "ConnectInProcess: the T-Library server is stopping or stopped.");
        }
    }

    // TCP clients connected now: the count TServer:MaxClients limits.
    private int OutsideClientCount()
    {
        lock (_clientsLock)
        {
            return _clients.Length - _inProcessClients;
        }
    }
}
