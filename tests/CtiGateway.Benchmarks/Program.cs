using BenchmarkDotNet.Running;
using CtiGateway.Benchmarks;

if (args is ["--cpu-time"])
{
    return CpuTimeCheck.Run();
}

if (args is ["--serial-cpu", ..])
{
    return await SerialLineCpuCheck.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
