using BenchmarkDotNet.Running;
using SecureCloudinary.Benchmarks;

if (args is ["scan-throughput", .. var rest])
{
    return await ScanThroughput.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(ScanThroughput).Assembly).Run(args);
return 0;
