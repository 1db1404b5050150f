namespace SecureCloudinary.Packaging.Tests;

/// <summary>Builds and runs a new app that references the packed packages from the temp folder.</summary>
public sealed class ConsumerAppTests(PackedPackages packed)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task ConsoleApp_ReferencingCoreAndVaultPackages_BuildsWithoutWarningsAndRuns()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        packed.AssertPacked();
        var app = Directory.CreateDirectory(Path.Combine(packed.Root, "app")).FullName;
        packed.WriteNuGetConfig(app);
        // Stop MSBuild's upward search for Directory.*.props/targets at the app's own folder.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(app, "ConsumerApp.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SecureCloudinary" Version="{packed.Version}" />
                <PackageReference Include="SecureCloudinary.Vault" Version="{packed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Microsoft.Extensions.DependencyInjection;
            using SecureCloudinary;
            using SecureCloudinary.Vault;

            var services = new ServiceCollection();
            services.AddSecureCloudinary(options => options.Source = "Vault")
                .AddVault(vault =>
                {
                    vault.Address = new Uri("https://vault.invalid:8200");
                    vault.Path = "cloudinary/app";
                    vault.Auth.Token = "placeholder-token"; // never used: the app reads no secret
                });

            using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
            var client = provider.GetRequiredService<CloudinaryClient>();
            var credentials = provider.GetRequiredService<ICloudinaryCredentialProvider>();
            Console.WriteLine($"resolved {client.GetType().Name} via {credentials.SourceName}; vault source {typeof(VaultCredentialSource).Assembly.GetName().Name}");
            """);

        var build = await ProcessRunner.RunAsync(
            PackedPackages.DotnetHost, ["build", "-c", "Release", "-nr:false", "-o", Path.Combine(app, "out")],
            app, packed.ConsumerEnvironment("app"), BuildTimeout, cancellationToken);
        Assert.True(build.ExitCode == 0, build.Describe());
        Assert.Contains(" 0 Warning(s)", build.Output, StringComparison.Ordinal);

        var run = await ProcessRunner.RunAsync(
            PackedPackages.DotnetHost, [Path.Combine(app, "out", "ConsumerApp.dll")],
            app, null, BuildTimeout, cancellationToken);
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal("resolved CloudinaryClient via Vault; vault source SecureCloudinary.Vault", run.Output.Trim());
    }
}
