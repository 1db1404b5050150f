using Amazon.Runtime;
using SecureCloudinary.Testing.AwsSecretsManager;

namespace SecureCloudinary.AwsSecretsManager.Tests;

/// <summary>A temporary home folder with AWS shared config files, and an injected environment that points at it.</summary>
internal sealed class AwsEnvironmentKit : IDisposable
{
    private readonly Dictionary<string, string?> _variables = new(StringComparer.Ordinal);

    public AwsEnvironmentKit()
    {
        Home = Directory.CreateTempSubdirectory("sc-aws-home-").FullName;
        Directory.CreateDirectory(Path.Combine(Home, ".aws"));
        _variables["HOME"] = Home;
    }

    public string Home { get; }

    public string DefaultConfigPath => Path.Combine(Home, ".aws", "config");

    public Func<string, string?> Environment => name => _variables.GetValueOrDefault(name);

    public AwsEnvironmentKit Set(string name, string? value)
    {
        _variables[name] = value;
        return this;
    }

    /// <summary>Writes a file under the home folder and returns its path.</summary>
    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Home, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    public AwsSecretsManagerCredentialSource Source(
        SecretsManagerEmulator emulator,
        string secretId,
        Action<AwsSecretsManagerCredentialSourceOptions>? configure = null,
        TimeProvider? timeProvider = null,
        AWSCredentials? credentials = null,
        HttpClient? http = null)
    {
        var options = AwsTestKit.Options(emulator, secretId);
        configure?.Invoke(options);
        var client = http ?? AwsTestKit.Http;
        return new AwsSecretsManagerCredentialSource(
            options, () => client, credentials ?? AwsTestKit.CredentialsFor(emulator), timeProvider, null, null, Environment, AwsTestKit.Prefix);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
