namespace CtiGateway.Pbx.Links;

/// <summary>
/// The error-storm drop (issue 8, storms): with <see cref="CstaTcpLinkOptions.ErrorStorm"/> every hardware error of a
/// connection is counted per second of link time; when the rate held at or over the threshold for the whole window,
/// the link reports the hardware error <c>error-storm</c> saying so, drops the connection and reconnects with its
/// backoff like after any other loss.
/// </summary>
public sealed partial class CstaTcpLink
{
    private ErrorStormDetector? _storm;

    /// <summary>After each hardware error: drops the connection when the error rate held over the threshold for the window.</summary>
    private void DropOnErrorStorm()
    {
        if (_options.ErrorStorm is not { } threshold)
        {
            return;
        }

        HardwareErrorRecord record;
        lock (_sync)
        {
            if (_connection is not { IsCancellationRequested: false } connection)
            {
                return;
            }

            _storm ??= new ErrorStormDetector(threshold);
            if (!_storm.OnError(Now, connection))
            {
                return;
            }

            var seconds = threshold.Window.TotalSeconds;
            var why = $"{_storm.StreakErrors} hardware errors in {seconds} s, at least {threshold.ErrorsPerSecond} in each second";
            record = HardwareErrorRecord.ErrorStorm(
                Name,
                $"Error storm on link {Name}: {why} (threshold {threshold.ErrorsPerSecond} per second for {seconds} s, profile hardware-errors): link dropped, reconnecting.",
                _time.GetUtcNow());
            _dropReason = $"error storm: {why}";

            // CancelAsync runs the token's callbacks on the thread pool, not here under the lock; the read loop sees the
            // cancellation at its next frame.
            _ = connection.CancelAsync();
        }

        Counters.HardwareError(record);
        HardwareError?.Invoke(record);
    }
}
