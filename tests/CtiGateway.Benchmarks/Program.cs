using BenchmarkDotNet.Running;
using CtiGateway.Benchmarks;

if (args is ["--cpu-time"])
{
    return CpuTimeCheck.Run();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
