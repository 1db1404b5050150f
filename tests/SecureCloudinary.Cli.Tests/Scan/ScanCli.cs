using SecureCloudinary.Cli.Tests.TestSupport;

namespace SecureCloudinary.Cli.Tests.Scan;

/// <summary>Runs <c>secure-cloudinary scan</c> in-process.</summary>
internal static class ScanCli
{
    public static Task<CliResult> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, verifyAddress: null, args);

    public static async Task<CliResult> RunAsync(string workingDirectory, Uri? verifyAddress, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, new Dictionary<string, string?>(), workingDirectory) { ScanVerifyApiBaseAddress = verifyAddress };
        var exitCode = await CliApplication.RunAsync(["scan", .. args], context, TestContext.Current.CancellationToken);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Asserts that no 5-character piece of any secret appears in the text.</summary>
    public static void AssertNoSecret(string text, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            for (var i = 0; i + 5 <= secret.Length; i++)
            {
                Assert.DoesNotContain(secret.Substring(i, 5), text, StringComparison.Ordinal);
            }
        }
    }
}
