using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SecureCloudinary.Tests.DependencyInjection;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Options_UnknownSource_FailNamingTheKeyAndRegisteredSourcesButNotTheValue()
    {
        using var sp = TestHosts.Provider(null, ("Cloudinary:Source", "Vaultt"));

        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value);

        Assert.Contains("Cloudinary:Source names a credential source that is not registered", e.Message, StringComparison.Ordinal);
        Assert.Contains("Registered sources: Configuration, Environment.", e.Message, StringComparison.Ordinal);
        Assert.Contains("Vault (SecureCloudinary.Vault, .AddVault())", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Vaultt", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Vault", "SecureCloudinary.Vault", ".AddVault()")]
    [InlineData("awssecretsmanager", "SecureCloudinary.AwsSecretsManager", ".AddAwsSecretsManager()")]
    [InlineData("Conjur", "SecureCloudinary.Conjur", ".AddConjur()")]
    public void Options_KnownBackendNotAdded_SaysWhichPackageToAddAndMethodToCall(string source, string package, string method)
    {
        using var sp = TestHosts.Provider(null, ("Cloudinary:Source", source));

        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value);

        Assert.Contains("Cloudinary:Source selects the", e.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet add package " + package, e.Message, StringComparison.Ordinal);
        Assert.Contains(method, e.Message, StringComparison.Ordinal);
        Assert.Contains("Registered sources: Configuration, Environment.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_SourceCloseToARegisteredBackend_SuggestsItAndListsItOnce()
    {
        using var sp = TestHosts.Provider(
            b => b.AddCredentialSource("AwsSecretsManager", _ => throw new InvalidOperationException()),
            ("Cloudinary:Source", "AWS"));

        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value);

        Assert.Contains("Did you mean AwsSecretsManager?", e.Message, StringComparison.Ordinal);
        Assert.Contains("Registered sources: AwsSecretsManager, Configuration, Environment.", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AwsSecretsManager (SecureCloudinary.AwsSecretsManager", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_EmptySource_FailsNamingTheKey()
    {
        using var sp = TestHosts.Provider(null, ("Cloudinary:Source", " "));

        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value);

        Assert.Contains("Cloudinary:Source is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_RegisteredBackend_ListedAmongRegisteredSources()
    {
        using var sp = TestHosts.Provider(
            b => b.AddCredentialSource("Vault", _ => throw new InvalidOperationException()),
            ("Cloudinary:Source", "Nope"));

        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value);

        Assert.Contains("Registered sources: Configuration, Environment, Vault.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cloudinary:ApiBaseAddress", "http://api.example.com", "Cloudinary:ApiBaseAddress must be an absolute https:// address")]
    [InlineData("Cloudinary:ApiBaseAddress", "ftp://api.example.com", "Cloudinary:ApiBaseAddress must be an absolute https:// address")]
    [InlineData("Cloudinary:ApiBaseAddress", "/v1_1", "Cloudinary:ApiBaseAddress must be an absolute https:// address")]
    [InlineData("Cloudinary:ApiBaseAddress", "https://user:pw@api.example.com", "Cloudinary:ApiBaseAddress must be an absolute https:// address without a user name")]
    [InlineData("Cloudinary:ChunkSize", "4999999", "Cloudinary:ChunkSize must be at least 5000000 bytes")]
    [InlineData("Cloudinary:ChunkedUploadThreshold", "-1", "Cloudinary:ChunkedUploadThreshold must not be negative")]
    [InlineData("Cloudinary:MaxResponseBodyBytes", "-1", "Cloudinary:MaxResponseBodyBytes must be greater than 0")]
    public void Options_InvalidSetting_FailsNamingTheKeyNotTheValue(string key, string value, string expected)
    {
        using var sp = TestHosts.Provider(null, (key, value));

        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value);

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cloudinary:ApiBaseAddress", "https://api.cloudinary.com")]
    [InlineData("Cloudinary:ApiBaseAddress", "http://127.0.0.1:5000")]
    [InlineData("Cloudinary:ApiBaseAddress", "http://localhost:5000")]
    [InlineData("Cloudinary:ApiBaseAddress", "http://[::1]:5000")]
    [InlineData("Cloudinary:ChunkSize", "5000000")]
    [InlineData("Cloudinary:MaxResponseBodyBytes", "1")]
    public void Options_ValidSetting_Passes(string key, string value)
    {
        using var sp = TestHosts.Provider(null, (key, value));

        var options = sp.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value; // throws when validation fails
        object? bound = key switch
        {
            "Cloudinary:ApiBaseAddress" => options.ApiBaseAddress,
            "Cloudinary:ChunkSize" => options.ChunkSize,
            "Cloudinary:MaxResponseBodyBytes" => options.MaxResponseBodyBytes,
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
        object expected = key == "Cloudinary:ApiBaseAddress" ? new Uri(value) : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, bound); // the valid value was bound, not replaced by a default

    }

    [Fact]
    public void Options_SeveralProblems_ReportsEach()
    {
        using var sp = TestHosts.Provider(null, ("Cloudinary:ChunkSize", "1"), ("Cloudinary:MaxResponseBodyBytes", "-5"));

        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<SecureCloudinaryOptions>>().Value);

        Assert.Equal(2, e.Failures.Count());
    }

    [Fact]
    public async Task StartAsync_UnknownSource_FailsTheHostStart()
    {
        var builder = TestHosts.Builder(("Cloudinary:Source", "Vault"));
        builder.Services.AddSecureCloudinary(builder.Configuration.GetSection("Cloudinary"));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("dotnet add package SecureCloudinary.Vault", e.Message, StringComparison.Ordinal);
    }
}
