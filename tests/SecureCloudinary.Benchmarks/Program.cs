using BenchmarkDotNet.Running;
using SecureCloudinary.Benchmarks;

// Three one-shot measurement modes next to the BenchmarkDotNet cases (see README.md).
if (args is ["scan-throughput", .. var rest])
{
    return await ScanThroughput.RunAsync(rest);
}

if (args is ["signer-interleaved", .. var signerArgs])
{
    return SignerInterleaved.Run(signerArgs);
}

if (args.Contains("--upload-memory"))
{
    return await UploadMemoryMeasurement.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(ChunkedUploadBenchmarks).Assembly).Run(args);
return 0;
