using System.Globalization;
using System.Runtime.InteropServices;

[assembly: AssemblyFixture(typeof(SecureCloudinary.Packaging.Tests.PackedPackages))]

namespace SecureCloudinary.Packaging.Tests;

/// <summary>
/// Packs the six packages once for the whole test assembly, the way a release does
/// (<c>dotnet pack SecureCloudinary.Packages.slnf -c Release</c>), into a temp folder that is deleted afterwards.
/// </summary>
/// <remarks>
/// The build goes to its own artifacts folder, so it never touches the bin/obj folders that <c>dotnet test</c> is
/// using. The version is unique to this run (MinVer's override), and consumers restore into a private global
/// packages folder, so a package cached by an earlier run can never stand in for the one just packed.
/// </remarks>
public sealed class PackedPackages : IAsyncLifetime
{
    public static readonly string[] PackageIds =
    [
        "SecureCloudinary",
        "SecureCloudinary.AwsSecretsManager",
        "SecureCloudinary.Vault",
        "SecureCloudinary.Conjur",
        "SecureCloudinary.Testing",
        "SecureCloudinary.Cli",
    ];

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(8);

    public PackedPackages()
    {
        RepositoryRoot = FindRepositoryRoot();
        Root = Directory.CreateTempSubdirectory("securecloudinary-packaging-").FullName;
        PackageFolder = Directory.CreateDirectory(Path.Combine(Root, "packages")).FullName;
        Version = string.Create(
            CultureInfo.InvariantCulture,
            $"0.0.0-packagingtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}");
    }

    /// <summary>The clone or worktree the tests run in.</summary>
    public string RepositoryRoot { get; }

    /// <summary>This run's temp folder (deleted on dispose).</summary>
    public string Root { get; }

    /// <summary>Where the .nupkg and .snupkg files are.</summary>
    public string PackageFolder { get; }

    /// <summary>The version every package was packed with.</summary>
    public string Version { get; }

    /// <summary>The pack command's result.</summary>
    internal ProcessResult? PackResult { get; private set; }

    /// <summary>The dotnet executable that runs this test host (the SDK's muxer).</summary>
    public static string DotnetHost => Path.Combine(DotnetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");

    /// <summary>The .NET installation folder (for DOTNET_ROOT of an installed tool's apphost).</summary>
    public static string DotnetRoot =>
        Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    public string NupkgPath(string id) => Path.Combine(PackageFolder, $"{id}.{Version}.nupkg");

    public string SnupkgPath(string id) => Path.Combine(PackageFolder, $"{id}.{Version}.snupkg");

    /// <summary>
    /// Environment for a consumer (tool install, app restore): a private global packages folder, with the machine's
    /// own global packages folder as a read-only fallback so Microsoft.Extensions.* need no download.
    /// </summary>
    public Dictionary<string, string> ConsumerEnvironment(string name) => new(StringComparer.Ordinal)
    {
        ["NUGET_PACKAGES"] = Directory.CreateDirectory(Path.Combine(Root, "nuget-" + name)).FullName,
        ["NUGET_FALLBACK_PACKAGES"] = MachineGlobalPackagesFolder(),
    };

    /// <summary>A nuget.config that adds the packed folder to the sources the machine already has.</summary>
    public void WriteNuGetConfig(string folder) => File.WriteAllText(
        Path.Combine(folder, "nuget.config"),
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="securecloudinary-packed" value="{PackageFolder}" />
          </packageSources>
        </configuration>
        """);

    public async ValueTask InitializeAsync()
    {
        PackResult = await ProcessRunner.RunAsync(
            DotnetHost,
            [
                "pack", Path.Combine(RepositoryRoot, "SecureCloudinary.Packages.slnf"),
                "-c", "Release",
                "-o", PackageFolder,
                "--artifacts-path", Path.Combine(Root, "build"),
                "-p:MinVerVersionOverride=" + Version,
                "-nr:false",
            ],
            RepositoryRoot,
            environment: null,
            PackTimeout,
            CancellationToken.None).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the OS cleans temp folders eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Fails the calling test with the pack output when packing failed.</summary>
    public void AssertPacked()
    {
        Assert.NotNull(PackResult);
        Assert.True(PackResult.ExitCode == 0, PackResult.Describe());
    }

    private static string MachineGlobalPackagesFolder()
    {
        var configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        return string.IsNullOrEmpty(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages")
            : configured;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecureCloudinary.Packages.slnf")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SecureCloudinary.Packages.slnf not found above " + AppContext.BaseDirectory);
    }
}
