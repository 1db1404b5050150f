using SecureCloudinary.Cli.Tests.TestSupport;
using SecureCloudinary.Testing;
using SecureCloudinary.Testing.AwsSecretsManager;
using SecureCloudinary.Testing.Conjur;
using SecureCloudinary.Testing.Vault;

namespace SecureCloudinary.Cli.Tests.Rotate;

/// <summary>CLI environments pointing <c>rotate</c> at the emulators, and a runner with standard input.</summary>
internal static class RotateStores
{
    public const string AwsSecretId = "apps/rotate/refusal";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A Vault source on a KV v1 mount (no versions), with a token that may read and write the secret.</summary>
    public static Dictionary<string, string?> VaultKvV1(CloudinaryEmulator cloudinary, VaultEmulator vault, string mount, string path, bool provisioning)
    {
        vault.SetPolicy("kv1-read", $"{mount}/{path}");
        vault.SetWritePolicy("kv1-write", $"{mount}/{path}");
        var token = vault.CreateToken(new VaultTokenSpec { Policies = ["default", "kv1-read", "kv1-write"] });
        return With(provisioning ? cloudinary : null, new()
        {
            ["Cloudinary__Source"] = "Vault",
            ["Cloudinary__ApiBaseAddress"] = cloudinary.BaseAddress.ToString(),
            ["Cloudinary__Vault__Address"] = vault.Address.ToString(),
            ["Cloudinary__Vault__MountPath"] = mount,
            ["Cloudinary__Vault__Path"] = path,
            ["Cloudinary__Vault__Auth__Method"] = "Token",
            ["Cloudinary__Vault__Auth__Token"] = token,
            ["Cloudinary__Vault__MaxRetries"] = "0",
        });
    }

    /// <summary>A Conjur source: one variable, or (with <paramref name="parts"/>) the cloud name, API key and API secret variables.</summary>
    public static Dictionary<string, string?> Conjur(
        CloudinaryEmulator cloudinary, ConjurEmulator conjur, string login, string apiKey, string? variable, (string Cloud, string Key, string Secret)? parts, bool provisioning)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Cloudinary__Source"] = "Conjur",
            ["Cloudinary__ApiBaseAddress"] = cloudinary.BaseAddress.ToString(),
            ["Cloudinary__Conjur__ApplianceUrl"] = conjur.BaseAddress.ToString(),
            ["Cloudinary__Conjur__Account"] = conjur.Account,
            ["Cloudinary__Conjur__Login"] = login,
            ["Cloudinary__Conjur__ApiKey"] = apiKey,
            ["Cloudinary__Conjur__MaxRetries"] = "0",
        };
        if (variable is not null)
        {
            environment["Cloudinary__Conjur__Variable"] = variable;
        }

        if (parts is { } p)
        {
            environment["Cloudinary__Conjur__Variables__CloudName"] = p.Cloud;
            environment["Cloudinary__Conjur__Variables__ApiKey"] = p.Key;
            environment["Cloudinary__Conjur__Variables__ApiSecret"] = p.Secret;
        }

        return With(provisioning ? cloudinary : null, environment);
    }

    public static Dictionary<string, string?> Aws(CloudinaryEmulator cloudinary, SecretsManagerEmulator aws) => With(cloudinary, new()
    {
        ["Cloudinary__Source"] = "AwsSecretsManager",
        ["Cloudinary__ApiBaseAddress"] = cloudinary.BaseAddress.ToString(),
        ["Cloudinary__AwsSecretsManager__SecretId"] = AwsSecretId,
        ["Cloudinary__AwsSecretsManager__ServiceUrl"] = aws.BaseAddress.ToString(),
        ["Cloudinary__AwsSecretsManager__Region"] = aws.Region,
    });

    public static Action<Microsoft.Extensions.DependencyInjection.IServiceCollection> AwsCredentials(SecretsManagerEmulator aws) =>
        services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Amazon.Runtime.AWSCredentials>(
            services, new Amazon.Runtime.BasicAWSCredentials(aws.AccessKeyId, aws.SecretAccessKey));

    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, string directory, string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var context = new CliContext(output, error, environment, directory) { Input = input };
        var exitCode = await CliApplication.RunAsync(args, context, Ct);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The fingerprint the configured source serves now, as <c>doctor</c> reads it.</summary>
    public static async Task<string?> ServedFingerprintAsync(IReadOnlyDictionary<string, string?> environment, string directory)
    {
        var doctor = await RunAsync(environment, directory, string.Empty, "doctor", "--json", "--no-ping");
        using var json = System.Text.Json.JsonDocument.Parse(doctor.Output);
        return json.RootElement.GetProperty("fingerprint").GetString();
    }

    private static Dictionary<string, string?> With(CloudinaryEmulator? cloudinary, Dictionary<string, string?> environment)
    {
        if (cloudinary is not null)
        {
            environment["CLOUDINARY_ACCOUNT_URL"] = cloudinary.ProvisioningAccountUrl;
        }

        return environment;
    }
}
