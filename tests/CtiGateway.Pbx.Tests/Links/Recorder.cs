using System.Threading.Channels;

namespace CtiGateway.Pbx.Tests.Links;

/// <summary>Collects callbacks of a link into a channel that tests await with a timeout.</summary>
internal sealed class Recorder<T>
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>();

    public List<T> All { get; } = [];

    public void Add(T item)
    {
        lock (All)
        {
            All.Add(item);
        }

        _channel.Writer.TryWrite(item);
    }

    public async Task<T> NextAsync() => await _channel.Reader.ReadAsync().AsTask().WaitAsync(FakeSwitch.Timeout);

    public async Task<T> NextAsync(Func<T, bool> match)
    {
        while (true)
        {
            var item = await NextAsync();
            if (match(item))
            {
                return item;
            }
        }
    }
}
