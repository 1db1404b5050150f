using BenchmarkDotNet.Running;
using SecureCloudinary.Benchmarks;

if (args.Contains("--upload-memory"))
{
    return await UploadMemoryMeasurement.RunAsync(args).ConfigureAwait(false);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
