using System.Globalization;
using CtiGateway.Protocol;

namespace CtiGateway.Server;

internal sealed partial class ClientConnection
{
    // _partialSinceTicks when no incomplete frame is buffered.
    private const long NoPartialFrame = long.MinValue;

    private readonly TimeSpan _acceptedAt;
    private readonly TimeSpan _registrationTimeout;
    private readonly TimeSpan _frameTimeout;
    private long _partialSinceTicks = NoPartialFrame;
    private long _partialBytes;
    private volatile bool _registered;

    /// <summary>Bytes of an incomplete frame the process loop holds (0 when every byte read so far was framed).</summary>
    public long IncompleteFrameBytes => Volatile.Read(ref _partialSinceTicks) == NoPartialFrame ? 0 : Volatile.Read(ref _partialBytes);

    /// <summary>Called when RequestRegisterClient succeeded: the registration deadline no longer applies.</summary>
    public void MarkRegistered() => _registered = true;

    /// <summary>
    /// Closes the connection when a deadline has passed at <paramref name="now"/> (server elapsed time): no
    /// RequestRegisterClient within TServer:RegistrationTimeoutSeconds of the accept, or a frame not completed within
    /// TServer:FrameTimeoutSeconds of its first byte. The client gets EventError TERR_TIMEOUT (ReferenceID 0) saying
    /// which, then the connection closes after what is queued is written.
    /// </summary>
    public void CheckDeadlines(TimeSpan now)
    {
        if (!IsOpen)
        {
            return;
        }

        if (!_registered && now - _acceptedAt >= _registrationTimeout)
        {
            var seconds = Seconds(_registrationTimeout);
            if (CloseForDeadline(
                $"Closed: no RequestRegisterClient within {seconds} s of connecting (TServer:RegistrationTimeoutSeconds); register first",
                $"no RequestRegisterClient within {seconds} s"))
            {
                _server.OnRegistrationTimeout(this, _registrationTimeout);
            }

            return;
        }

        var since = Volatile.Read(ref _partialSinceTicks);
        if (since != NoPartialFrame && now.Ticks - since >= _frameTimeout.Ticks)
        {
            var seconds = Seconds(_frameTimeout);
            var bytes = Volatile.Read(ref _partialBytes);
            if (CloseForDeadline(
                $"Frame rejected: {bytes.ToString(CultureInfo.InvariantCulture)} bytes of a frame arrived, the rest not within {seconds} s of its first byte (TServer:FrameTimeoutSeconds)",
                $"a frame was not completed within {seconds} s"))
            {
                _server.OnFrameTimeout(this, _frameTimeout, bytes);
            }
        }
    }

    // Called by the process loop after each read: how much of an incomplete frame is buffered, and since when.
    private void NoteIncompleteFrame(long remaining, bool consumedAny, TimeSpan now)
    {
        if (remaining == 0)
        {
            Volatile.Write(ref _partialSinceTicks, NoPartialFrame);
            return;
        }

        // A frame that follows whole frames of this read started in it; otherwise the same frame is still arriving.
        Volatile.Write(ref _partialBytes, remaining);
        if (consumedAny || Volatile.Read(ref _partialSinceTicks) == NoPartialFrame)
        {
            Volatile.Write(ref _partialSinceTicks, now.Ticks);
        }
    }

    private bool CloseForDeadline(string errorMessage, string reason)
    {
        // The error is queued before the close is requested: the writer drains the queue before it stops.
        _server.SendError(this, null, 0, ErrorCode.TERR_TIMEOUT, errorMessage);
        return RequestClose(reason);
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(CultureInfo.InvariantCulture);
}
