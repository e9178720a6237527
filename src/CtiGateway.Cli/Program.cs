using System.Runtime.InteropServices;
using System.Text;

namespace CtiGateway.Cli;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var interrupted = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupted.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            interrupted.Cancel();
        });

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8, 64 * 1024) { AutoFlush = false };
        await using var stderr = new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true };
        var code = await CliApp.RunAsync(args, stdout, stderr, interrupted.Token);
        try
        {
            await stdout.FlushAsync(CancellationToken.None);
        }
        catch (IOException)
        {
            // stdout was closed by the reader (e.g. a pipe into head): nothing more to say.
        }

        return code;
    }
}
