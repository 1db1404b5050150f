namespace SecureCloudinary.Cli.Tests.Scan;

/// <summary>
/// Dogfooding: this repository passes its own leak scanner. Known test fixtures (the official signing vectors,
/// the detection corpus, fake test URLs) are accepted by <c>.secure-cloudinary-baseline.json</c> at the root;
/// anything new fails here. To accept a deliberate fake, add a <c>secure-cloudinary:ignore</c> comment or rewrite
/// the baseline with <c>secure-cloudinary scan . --write-baseline .secure-cloudinary-baseline.json</c>.
/// </summary>
public sealed class RepositoryScanTests
{
    [Fact]
    public async Task Scan_ThisRepositoryWithItsBaseline_FindsNothingNew()
    {
        var root = FindRepositoryRoot();
        var baseline = Path.Combine(root, ".secure-cloudinary-baseline.json");
        Assert.True(File.Exists(baseline), "The repository's scan baseline is missing: " + baseline);

        var result = await ScanCli.RunAsync(root, root, "--baseline", baseline);

        Assert.True(result.ExitCode == 0, "secure-cloudinary scan found new hardcoded secrets:\n" + result.Output + result.Error);
        Assert.Contains("No Cloudinary secrets found", result.Output, StringComparison.Ordinal);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureCloudinary.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SecureCloudinary.sln not found above " + AppContext.BaseDirectory);
    }
}
