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

if (args is ["--scxml-memory", ..])
{
    return ScxmlFootprint.Run(args.Length > 1 && args[1] != "--no-park" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000,
        park: !args.Contains("--no-park"));
}

if (args is ["--orchestration-memory", var strategy, ..])
{
    return await OrchestrationFootprint.RunAsync(strategy, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
}

if (args is ["--scxml-quick"])
{
    return ScxmlFootprint.Quick();
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
