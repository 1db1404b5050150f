using Microsoft.Extensions.DependencyInjection;

namespace SecureCloudinary.Cli.Tests.TestSupport;

/// <summary>Runs <c>secure-cloudinary</c> in-process with its own environment and working folder.</summary>
internal static class CliRunner
{
    public static Task<CliResult> RunAsync(
        IReadOnlyDictionary<string, string?> environment,
        string workingDirectory,
        Action<IServiceCollection>? configureServices,
        params string[] args) => RunAsync(environment, workingDirectory, configureServices, TimeProvider.System, args);

    public static async Task<CliResult> RunAsync(
        IReadOnlyDictionary<string, string?> environment,
        string workingDirectory,
        Action<IServiceCollection>? configureServices,
        TimeProvider timeProvider,
        params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, environment, workingDirectory) { ConfigureServices = configureServices, TimeProvider = timeProvider };
        var exitCode = await CliApplication.RunAsync(args, context, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, string workingDirectory, params string[] args) =>
        RunAsync(environment, workingDirectory, configureServices: null, args);
}
